package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Reading text, whole files and object files, and writing text and object files. Input files are written to a
 * temporary directory by each test; the expected lines are the file's content split at the same terminators.
 */
public abstract class FileIoSuite extends RddConformanceSuite {

    /** Lines of varied lengths, some empty, some with multi-byte characters. */
    private static List<String> sampleLines(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String word = words(count).get(i);
            lines.add(
                    switch (i % 7) {
                        case 0 -> "";
                        case 1 -> word.repeat(1 + i % 5);
                        case 2 -> "line " + i + " — ünïcødé ✓";
                        default -> i + " " + word + " " + "x".repeat(i % 11);
                    });
        }
        return lines;
    }

    /** The lines of {@code content} as a reader should see them: split at CRLF, CR or LF, no trailing empty line. */
    private static List<String> splitLines(String content) {
        List<String> lines = new ArrayList<>(List.of(content.split("\r\n|\r|\n", -1)));
        if (lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    private static void writeGzip(Path file, String content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static List<String> fileNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    // ---- textFile ----

    @Test
    void textFileReadsTheLinesOfAFile(@TempDir Path directory) throws IOException {
        List<String> lines = sampleLines(50);
        Path file = write(directory.resolve("input.txt"), String.join("\n", lines) + "\n");
        RDD<String> rdd = ctx.textFile(file.toString());
        assertThat(rdd.collect()).isEqualTo(Files.readAllLines(file, StandardCharsets.UTF_8));
        assertThat(rdd.collect()).isEqualTo(lines);
        assertThat(ctx.textFile("file:" + file).collect()).isEqualTo(lines);
        assertThat(ctx.textFile(file.toUri().toString()).collect()).isEqualTo(lines);
    }

    @ParameterizedTest(name = "minPartitions = {0}")
    @ValueSource(ints = {1, 2, 3, 5, 8, 13, 21, 34, 55, 100, 250})
    void linesCrossingSplitBoundariesAreReadOnce(int minPartitions, @TempDir Path directory) throws IOException {
        List<String> lines = sampleLines(120);
        Path file = write(directory.resolve("input.txt"), String.join("\n", lines) + "\n");
        RDD<String> rdd = ctx.textFile(file.toString(), minPartitions);
        assertThat(rdd.getNumPartitions()).isGreaterThanOrEqualTo(Math.min(minPartitions, (int) Files.size(file)));
        assertThat(rdd.collect()).isEqualTo(lines);
        assertThat(rdd.count()).isEqualTo(lines.size());
    }

    @ParameterizedTest(name = "terminator {0}")
    @ValueSource(strings = {"LF", "CRLF", "CR", "MIXED"})
    void everyLineTerminatorIsUnderstoodAtEverySplitSize(String terminator, @TempDir Path directory)
            throws IOException {
        List<String> lines = sampleLines(15);
        StringBuilder content = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            content.append(lines.get(i));
            content.append(
                    switch (terminator) {
                        case "LF" -> "\n";
                        case "CRLF" -> "\r\n";
                        case "CR" -> "\r";
                        default -> new String[] {"\n", "\r\n", "\r"}[i % 3];
                    });
        }
        Path file = write(directory.resolve("input.txt"), content.toString());
        List<String> expected = splitLines(content.toString());
        if (!terminator.equals("MIXED")) {
            assertThat(expected).isEqualTo(lines);
        }
        int size = (int) Files.size(file);
        List<Integer> counts = new ArrayList<>();
        for (int count = 1; count < size; count += Math.max(1, count / 2)) {
            counts.add(count);
        }
        counts.add(size);
        for (int minPartitions : counts) {
            assertThat(ctx.textFile(file.toString(), minPartitions).collect())
                    .as("%d partitions", minPartitions)
                    .isEqualTo(expected);
        }
    }

    @Test
    void lastLineWithoutTerminatorAndEmptyFiles(@TempDir Path directory) throws IOException {
        Path unterminated = write(directory.resolve("a.txt"), "one\ntwo\n\nthree");
        assertThat(ctx.textFile(unterminated.toString(), 3).collect()).containsExactly("one", "two", "", "three");
        Path empty = write(directory.resolve("empty.txt"), "");
        assertThat(ctx.textFile(empty.toString()).collect()).isEmpty();
        Path blank = write(directory.resolve("blank.txt"), "\n\n\n");
        assertThat(ctx.textFile(blank.toString(), 2).collect()).containsExactly("", "", "");
    }

    @Test
    void aDirectoryIsReadFileByFileSkippingHiddenFiles(@TempDir Path directory) throws IOException {
        Path input = directory.resolve("input");
        write(input.resolve("part-00001"), "c\nd\n");
        write(input.resolve("part-00000"), "a\nb\n");
        write(input.resolve("_SUCCESS"), "not data\n");
        write(input.resolve(".part-00000.crc"), "not data\n");
        assertThat(ctx.textFile(input.toString()).collect()).containsExactly("a", "b", "c", "d");
    }

    @Test
    void globsAndCommaSeparatedLists(@TempDir Path directory) throws IOException {
        write(directory.resolve("x/one.txt"), "1\n");
        write(directory.resolve("x/two.txt"), "2\n");
        write(directory.resolve("x/three.csv"), "3\n");
        write(directory.resolve("y/four.txt"), "4\n");
        assertThat(ctx.textFile(directory.resolve("x") + "/*.txt").collect()).containsExactlyInAnyOrder("1", "2");
        assertThat(ctx.textFile(directory + "/*/*.txt").collect()).containsExactlyInAnyOrder("1", "2", "4");
        assertThat(ctx.textFile(directory.resolve("x/t*") + "").collect()).containsExactlyInAnyOrder("2", "3");
        assertThat(ctx.textFile(directory.resolve("x/three.csv") + "," + directory.resolve("y"))
                        .collect())
                .containsExactly("3", "4");
        assertThat(ctx.textFile(directory.resolve("x") + "/{one,three}.*").collect())
                .as("commas inside braces belong to the glob")
                .containsExactlyInAnyOrder("1", "3");
        assertThat(ctx.textFile(directory.resolve("x") + "/{one,two}.txt," + directory.resolve("y/four.txt"))
                        .collect())
                .containsExactlyInAnyOrder("1", "2", "4");
        assertThat(ctx.wholeTextFiles(directory.resolve("x") + "/{one,two}.txt").count())
                .isEqualTo(2);
        EmberException badGlob = emberError(
                () -> ctx.textFile(directory.resolve("x") + "/[one.txt").count());
        assertThat(badGlob.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(badGlob.getMessage()).contains("[one.txt");
    }

    @Test
    void gzipFilesAreDecompressed(@TempDir Path directory) throws IOException {
        List<String> lines = sampleLines(200);
        Path file = directory.resolve("input.txt.gz");
        writeGzip(file, String.join("\n", lines) + "\n");
        RDD<String> rdd = ctx.textFile(file.toString(), 4);
        assertThat(rdd.collect()).isEqualTo(lines);
        write(directory.resolve("plain.txt"), "plain\n");
        assertThat(ctx.textFile(directory.toString(), 3).collect())
                .contains("plain")
                .containsAll(lines);
    }

    @Test
    void anInputThatCannotBeReadFailsTheJobNamingTheFile(@TempDir Path directory) throws IOException {
        Path corrupt = write(directory.resolve("broken.gz"), "this was never compressed\n");
        Throwable notGzip =
                catchThrowable(() -> ctx.textFile(corrupt.toString()).count());
        assertThat(errorClasses(notGzip)).contains(ErrorClass.INPUT_READ_FAILED);
        assertThat(errorMessages(notGzip)).contains(corrupt.toString());

        Path vanishing = write(directory.resolve("vanishing.txt"), "a\nb\nc\n");
        RDD<String> lines = ctx.textFile(vanishing.toString(), 2);
        assertThat(lines.getNumPartitions())
                .as("splits are planned while the file exists")
                .isEqualTo(2);
        Files.delete(vanishing);
        Throwable gone = catchThrowable(lines::count);
        assertThat(errorClasses(gone)).contains(ErrorClass.INPUT_READ_FAILED);
        assertThat(errorMessages(gone)).contains(vanishing.toString());
        assertThat(ctx.parallelize(List.of(1, 2), 1).count())
                .as("the context still works")
                .isEqualTo(2);
    }

    @Test
    void aMissingPathIsReportedWithItsName(@TempDir Path directory) {
        String missing = directory.resolve("does/not/exist.txt").toString();
        EmberException error = emberError(() -> ctx.textFile(missing).collect());
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(error.getMessage()).contains(missing);

        assertThat(error.getMessage()).as("an absolute path needs no note").doesNotContain("relative path");
        String relative = "no-such-input-" + System.nanoTime() + "/part.txt";
        EmberException relativeError = emberError(() -> ctx.textFile(relative).collect());
        assertThat(relativeError.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(relativeError.getMessage())
                .contains(relative)
                .contains("a relative path is resolved against the driver's working directory, "
                        + Path.of("").toAbsolutePath())
                .contains("--deploy-mode cluster");

        String pattern = directory.resolve("*.nothing").toString();
        EmberException globError = emberError(() -> ctx.textFile(pattern).count());
        assertThat(globError.errorClass()).isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
        assertThat(globError.getMessage()).contains(pattern);
        assertThat(ctx.parallelize(List.of(1, 2), 1).count())
                .as("the context still works")
                .isEqualTo(2);
    }

    // ---- wholeTextFiles ----

    @Test
    void wholeTextFilesPairsEachFileWithItsContent(@TempDir Path directory) throws IOException {
        Map<String, String> contents = Map.of(
                "a.txt", "first\nfile\n",
                "b.txt", "second file without newline",
                "c.txt", "",
                "d.txt", String.join("\r\n", sampleLines(30)));
        for (Map.Entry<String, String> entry : contents.entrySet()) {
            write(directory.resolve(entry.getKey()), entry.getValue());
        }
        writeGzip(directory.resolve("e.txt.gz"), "zipped\ncontent\n");

        PairRDD<String, String> files = ctx.wholeTextFiles(directory.toString(), 2);
        assertThat(files.getNumPartitions()).isBetween(1, 2);
        Map<String, String> read = files.collectAsMap();
        Map<String, String> expected = contents.entrySet().stream()
                .collect(Collectors.toMap(
                        entry -> directory.resolve(entry.getKey()).toUri().toString(), Map.Entry::getValue));
        expected = new java.util.HashMap<>(expected);
        expected.put(directory.resolve("e.txt.gz").toUri().toString(), "zipped\ncontent\n");
        assertThat(read).isEqualTo(expected);
        assertThat(files.keys().collect()).allSatisfy(key -> assertThat(key).startsWith("file:"));
    }

    // ---- saving ----

    @Test
    void saveAsTextFileWritesOnePartFilePerPartition(@TempDir Path directory) throws IOException {
        List<String> lines = sampleLines(100);
        Path output = directory.resolve("out");
        ctx.parallelize(lines, 3).saveAsTextFile(output.toString());

        assertThat(fileNames(output)).containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002");
        List<List<String>> partitions = ctx.parallelize(lines, 3).glom().collect();
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllLines(output.resolve("part-0000" + i), StandardCharsets.UTF_8))
                    .isEqualTo(partitions.get(i));
        }
        assertThat(ctx.textFile(output.toString()).collect()).isEqualTo(lines);
    }

    @Test
    void saveAsTextFileUsesToStringAndHandlesEmptyPartitions(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("pairs");
        List<Pair<String, Integer>> pairs = List.of(Pair.of("a", 1), Pair.of("b", 2));
        ctx.parallelizePairs(pairs, 4).saveAsTextFile(output.toString());
        assertThat(fileNames(output)).hasSize(5).contains("_SUCCESS", "part-00003");
        assertThat(ctx.textFile(output.toString()).collect())
                .isEqualTo(pairs.stream().map(Pair::toString).toList());
    }

    @Test
    void saveAsTextFileWithGzip(@TempDir Path directory) throws IOException {
        List<String> lines = sampleLines(60);
        Path output = directory.resolve("zipped");
        ctx.parallelize(lines, 2).saveAsTextFile(output.toString(), "gzip");
        assertThat(fileNames(output)).containsExactly("_SUCCESS", "part-00000.gz", "part-00001.gz");
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(output.resolve("part-00000.gz")))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .startsWith(lines.get(0) + "\n" + lines.get(1) + "\n");
        }
        assertThat(ctx.textFile(output.toString()).collect()).isEqualTo(lines);
        assertThat(emberError(() -> ctx.parallelize(lines, 1)
                                .saveAsTextFile(directory.resolve("other").toString(), "zip"))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void savingToAnExistingPathIsRefused(@TempDir Path directory) throws IOException {
        Path output = directory.resolve("out");
        ctx.parallelize(List.of("first"), 1).saveAsTextFile(output.toString());
        EmberException error =
                emberError(() -> ctx.parallelize(List.of("second"), 1).saveAsTextFile(output.toString()));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.OUTPUT_PATH_EXISTS);
        assertThat(error.getMessage()).contains(output.toString());
        assertThat(ctx.textFile(output.toString()).collect())
                .as("left untouched")
                .containsExactly("first");
        assertThat(emberError(() -> ctx.parallelize(List.of(1), 1).saveAsObjectFile(output.toString()))
                        .errorClass())
                .isEqualTo(ErrorClass.OUTPUT_PATH_EXISTS);
    }

    @Test
    void savingUnderARegularFileNamesTheFile(@TempDir Path directory) throws IOException {
        Path file = write(directory.resolve("file.txt"), "not a directory\n");
        for (Path output : List.of(file.resolve("sub"), file.resolve("sub").resolve("deeper"))) {
            EmberException error =
                    emberError(() -> ctx.parallelize(List.of("x"), 1).saveAsTextFile(output.toString()));
            assertThat(error.errorClass()).isEqualTo(ErrorClass.OUTPUT_WRITE_FAILED);
            assertThat(error.getMessage())
                    .contains("Cannot write to file:" + output, file + " is a file, not a directory")
                    .doesNotContain("already exists");
        }
        assertThat(Files.readString(file)).as("left untouched").isEqualTo("not a directory\n");
    }

    @Test
    void aFailedSaveLeavesNoOutputBehind(@TempDir Path directory) {
        Path output = directory.resolve("out");
        RDD<String> failing = ctx.parallelize(integers(10), 2).map(x -> {
            if (x == 8) {
                throw new IllegalStateException("cannot format " + x);
            }
            return "v" + x;
        });
        Throwable error = emberError(() -> failing.saveAsTextFile(output.toString()));
        assertThat(errorMessages(error)).contains("cannot format 8");
        assertThat(output).doesNotExist();
        ctx.parallelize(List.of("retry"), 1).saveAsTextFile(output.toString());
        assertThat(ctx.textFile(output.toString()).collect()).containsExactly("retry");
    }

    @Test
    void objectFilesRoundTrip(@TempDir Path directory) throws IOException {
        List<Pair<String, List<Integer>>> values = new ArrayList<>();
        for (int i = 0; i < 57; i++) {
            values.add(Pair.of("k" + i, integers(i % 4)));
        }
        Path output = directory.resolve("objects");
        ctx.parallelize(values, 3).saveAsObjectFile(output.toString());
        assertThat(fileNames(output)).containsExactly("_SUCCESS", "part-00000", "part-00001", "part-00002");

        RDD<Pair<String, List<Integer>>> read = ctx.objectFile(output.toString());
        assertThat(read.getNumPartitions()).isEqualTo(3);
        assertThat(read.collect()).isEqualTo(values);
        assertThat(read.glom().collect())
                .isEqualTo(ctx.parallelize(values, 3).glom().collect());
        assertThat(emberError(() -> ctx.objectFile(directory.resolve("missing").toString())
                                .count())
                        .errorClass())
                .isEqualTo(ErrorClass.INPUT_PATH_NOT_FOUND);
    }
}
