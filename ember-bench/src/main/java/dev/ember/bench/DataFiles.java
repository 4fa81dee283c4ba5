package dev.ember.bench;

import dev.ember.bench.workload.Gen;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The input files of the file-reading workloads, written once per shape and seed and reused by later runs. A
 * file is written under a temporary name and renamed when complete, so an interrupted run never leaves a
 * truncated input behind to be mistaken for a finished one.
 */
final class DataFiles {
    private DataFiles() {}

    /**
     * About {@code bytes} of text: lines of 6 to 15 words drawn with a Zipf distribution (exponent {@code skew})
     * from a vocabulary of {@code vocabulary} distinct lowercase words.
     */
    static Path text(Path dir, long bytes, int vocabulary, double skew, long seed) {
        Path file = dir.resolve("text-" + bytes + "-v" + vocabulary + "-s" + skew + "-" + seed + ".txt");
        return writeOnce(file, out -> {
            SplittableRandom random = new SplittableRandom(seed);
            byte[][] words = vocabulary(random, vocabulary);
            Gen.Zipf zipf = Gen.zipf(vocabulary, skew);
            long written = 0;
            while (written < bytes) {
                int count = 6 + random.nextInt(10);
                for (int i = 0; i < count; i++) {
                    if (i > 0) {
                        out.write(' ');
                        written++;
                    }
                    byte[] word = words[zipf.sample(random)];
                    out.write(word);
                    written += word.length;
                }
                out.write('\n');
                written++;
            }
        });
    }

    private static byte[][] vocabulary(SplittableRandom random, int size) {
        byte[][] words = new byte[size][];
        Set<String> seen = new HashSet<>();
        int count = 0;
        while (count < size) {
            char[] letters = new char[2 + random.nextInt(9)];
            for (int i = 0; i < letters.length; i++) {
                letters[i] = (char) ('a' + random.nextInt(26));
            }
            String word = new String(letters);
            if (seen.add(word)) {
                words[count++] = word.getBytes(StandardCharsets.US_ASCII);
            }
        }
        return words;
    }

    /**
     * {@code edges} lines "source target" over {@code nodes} nodes: sources uniform, targets Zipf-skewed so that
     * a few pages are linked from many.
     */
    static Path edges(Path dir, long edges, int nodes, long seed) {
        Path file = dir.resolve("edges-" + edges + "-n" + nodes + "-" + seed + ".txt");
        return writeOnce(file, out -> {
            SplittableRandom random = new SplittableRandom(seed);
            Gen.Zipf zipf = Gen.zipf(nodes, 0.8);
            StringBuilder line = new StringBuilder(32);
            for (long i = 0; i < edges; i++) {
                line.setLength(0);
                line.append(random.nextInt(nodes))
                        .append(' ')
                        .append(zipf.sample(random))
                        .append('\n');
                out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
            }
        });
    }

    @FunctionalInterface
    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static Path writeOnce(Path file, Writer writer) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial), 1 << 20)) {
                writer.write(out);
            }
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write benchmark input " + file, e);
        }
    }
}
