package dev.ember.scheduler.cluster;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * How the files added with {@code EmberContext.addFile} travel from the driver to executors.
 *
 * <pre>
 *   driver: addFile(path) -- copy --&gt; its files directory --&gt; served as stream file/ENTRY
 *   job properties: ember.job.addedFiles = ENTRY,ENTRY,...     (every file added before the job started)
 *   executor, before a task: each ENTRY it does not have yet -- stream --&gt; WORKING_DIR/files/NAME
 * </pre>
 *
 * An entry is the file's name URL-encoded (UTF-8), with {@code /} appended for a directory; a comma or a slash
 * inside a name is therefore encoded. A file travels as it is; a directory as a zip archive of everything in it
 * (empty directories included), which the executor unpacks. Nothing here speaks the network: the driver's and the
 * executor's sides ({@link ClusterDriver}, {@link ExecutorFiles}) use it to agree on names and formats.
 */
public final class FileShipping {
    /** The job property listing the added files' entries. */
    public static final String PROPERTY = "ember.job.addedFiles";

    /** The prefix of the stream names under which the driver serves added files. */
    public static final String STREAM_PREFIX = "file/";

    private static final int COPY_BUFFER = 64 * 1024;

    private FileShipping() {}

    /**
     * One added file or directory.
     *
     * @param name its file name: not empty, not {@code .} or {@code ..}, without a slash, backslash or NUL
     */
    public record Entry(String name, boolean directory) {
        public Entry {
            if (!isUsableName(name)) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "'" + name + "' cannot be the name of an added file: it must be a plain file name, without"
                                + " slashes or backslashes");
            }
        }

        /** The entry as the job property and the stream name write it. */
        public String encoded() {
            return URLEncoder.encode(name, StandardCharsets.UTF_8) + (directory ? "/" : "");
        }

        /** The stream the driver serves this entry under. */
        public String streamId() {
            return STREAM_PREFIX + encoded();
        }
    }

    static boolean isUsableName(String name) {
        return name != null
                && !name.isEmpty()
                && !name.equals(".")
                && !name.equals("..")
                && name.indexOf('/') < 0
                && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0;
    }

    /** The property value naming {@code entries}, in their order. */
    public static String encode(Collection<Entry> entries) {
        List<String> encoded = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            encoded.add(entry.encoded());
        }
        return String.join(",", encoded);
    }

    /** The entries a property value names; fails on an entry that is not one {@link #encode} writes. */
    public static List<Entry> decode(String property) {
        List<Entry> entries = new ArrayList<>();
        if (property == null || property.isEmpty()) {
            return entries;
        }
        for (String encoded : property.split(",")) {
            boolean directory = encoded.endsWith("/");
            String name;
            try {
                name = URLDecoder.decode(
                        directory ? encoded.substring(0, encoded.length() - 1) : encoded, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT, "Not an added file's entry: '" + encoded + "'", e);
            }
            entries.add(new Entry(name, directory));
        }
        return entries;
    }

    /** Writes {@code directory} and everything under it to {@code archive}, paths relative to {@code directory}. */
    public static void writeArchive(Path directory, Path archive) throws IOException {
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(archive));
                Stream<Path> walk = Files.walk(directory)) {
            out.setLevel(Deflater.BEST_SPEED);
            for (Path path : walk.sorted().toList()) {
                if (path.equals(directory)) {
                    continue;
                }
                String name = directory
                        .relativize(path)
                        .toString()
                        .replace(path.getFileSystem().getSeparator(), "/");
                if (Files.isDirectory(path)) {
                    out.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    out.putNextEntry(new ZipEntry(name));
                    Files.copy(path, out);
                }
                out.closeEntry();
            }
        }
    }

    /**
     * Unpacks an archive {@link #writeArchive} wrote into {@code target}, which is created; an entry naming a place
     * outside {@code target} (an absolute path, {@code ..}) fails the whole extraction.
     */
    public static void extractArchive(Path archive, Path target) throws IOException {
        Files.createDirectories(target);
        Path root = target.toAbsolutePath().normalize();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(archive))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path destination = root.resolve(entry.getName()).normalize();
                if (entry.getName().startsWith("/") || !destination.startsWith(root) || destination.equals(root)) {
                    throw new IOException(
                            "The archive " + archive + " holds the entry '" + entry.getName() + "', outside its root");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                } else {
                    Files.createDirectories(destination.getParent());
                    try (OutputStream out = Files.newOutputStream(destination)) {
                        copy(in, out);
                    }
                    makeExecutable(destination);
                }
            }
        }
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[COPY_BUFFER];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            out.write(buffer, 0, read);
        }
    }

    /**
     * Lets the owner run the file, as Spark does with the files it ships, so that an added script can be started
     * (with {@code pipe}, say). Where the file system has no such bit, nothing changes.
     */
    public static void makeExecutable(Path file) {
        file.toFile().setExecutable(true, true);
    }
}
