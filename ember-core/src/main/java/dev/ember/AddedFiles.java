package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.executor.UserFiles;
import dev.ember.files.FileInput;
import dev.ember.scheduler.cluster.FileShipping;
import dev.ember.util.FileUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files added to a running application ({@link EmberContext#addFile(String, boolean)}), on the driver. Each is
 * copied, when it is added, into the driver's files directory (this process's {@link EmberFiles} root while the
 * context runs, deleted when it stops): tasks in local mode read that copy, and in cluster mode the driver serves it
 * to executors, so a later change to the original reaches no task. Jobs name the files in
 * {@value FileShipping#PROPERTY} so that executors fetch the ones they do not have before running a task.
 *
 * <p>A name is added once: adding it again with the same content does nothing, and with different content is
 * refused, as executors may have fetched the first content already.
 */
final class AddedFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AddedFiles.class);

    /** Makes an added file available to executors (cluster mode); {@code copy} does not change afterwards. */
    @FunctionalInterface
    interface Server {
        void serve(FileShipping.Entry entry, Path copy);
    }

    private final Path root;
    private final Server server;

    /**
     * What was added under each name, and from where; guarded by {@code adding}, held for a whole {@link #add} (its
     * copy included) so that adds take turns, while jobs read only {@link #encodedEntries}.
     */
    private final Map<String, FileShipping.Entry> entries = new LinkedHashMap<>();

    private final Map<String, Path> sources = new LinkedHashMap<>();
    private final Object adding = new Object();
    /** The entries as jobs carry them, null while there are none: what {@link #withFiles} reads, without a lock. */
    private volatile String encodedEntries;

    private AddedFiles(Path root, Server server) {
        this.root = root;
        this.server = server;
    }

    /** Creates the driver's files directory under {@code localRoot} and makes it this process's root. */
    static AddedFiles start(Path localRoot, Server server) {
        Path root = FileUtils.createUniqueDirectory(localRoot, "userFiles").toAbsolutePath();
        UserFiles.setDirectory(root);
        return new AddedFiles(root, server);
    }

    /** Checks {@code path}, copies it into the files directory, and serves the copy. */
    void add(String path, boolean recursive) {
        synchronized (adding) {
            addChecked(path, recursive);
        }
    }

    private void addChecked(String path, boolean recursive) {
        requireNonNull(path, "path is null");
        Path source = FileInput.localPath(path);
        if (!Files.exists(source)) {
            throw new EmberException(
                    ErrorClass.INPUT_PATH_NOT_FOUND,
                    "addFile: " + path + " does not exist (looked for file:" + source + "; a relative path is resolved"
                            + " against the driver's working directory, "
                            + Path.of("").toAbsolutePath() + ")");
        }
        boolean directory = Files.isDirectory(source);
        if (directory && !recursive) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "addFile: " + source + " is a directory: add it with addFile(path, true)");
        }
        if (directory && (root.startsWith(source) || root.getParent().startsWith(source))) {
            // Copying it would copy the copy as it grows.
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "addFile: " + source + " holds the driver's directory of added files, " + root
                            + " (under ember.local.dir): add a directory that does not");
        }
        if (!directory && !Files.isRegularFile(source)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "addFile: " + source + " is neither a regular file nor a directory");
        }
        if (source.getFileName() == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "addFile: " + source + " has no file name");
        }
        FileShipping.Entry entry = new FileShipping.Entry(source.getFileName().toString(), directory);
        Path copy = root.resolve(entry.name());
        Path earlier = sources.get(entry.name());
        if (earlier != null) {
            if (!sameContent(source, copy)) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "addFile: a file named " + entry.name() + " was already added (from " + earlier + ") with"
                                + " other content than " + source + "; tasks may have read the first one already, so"
                                + " it cannot be replaced: add the new one under another name");
            }
            LOG.debug("addFile: {} has the content of the {} added already", source, entry.name());
            return;
        }
        copyIn(source, copy);
        try {
            server.serve(entry, copy);
        } catch (RuntimeException e) {
            FileUtils.deleteRecursively(copy);
            throw e;
        }
        entries.put(entry.name(), entry);
        sources.put(entry.name(), source);
        encodedEntries = FileShipping.encode(entries.values());
        LOG.info("Added {} {} for the tasks, as {}", directory ? "directory" : "file", source, entry.name());
    }

    /** {@code properties} (the thread's own, never changed) with the added files' entries, when there are any. */
    Properties withFiles(Properties properties) {
        String encoded = encodedEntries;
        if (encoded == null) {
            return properties;
        }
        Properties copy = new Properties();
        copy.putAll(properties);
        copy.setProperty(FileShipping.PROPERTY, encoded);
        return copy;
    }

    /** Deletes the files directory; the process has no {@link EmberFiles} root any more. */
    void stop() {
        UserFiles.clearDirectory(root);
        try {
            FileUtils.deleteRecursively(root);
        } catch (UncheckedIOException e) {
            LOG.warn("Could not delete the added files' directory {}", root, e);
        }
    }

    /** Copies a file or a directory tree to {@code target}, which appears whole or not at all. */
    private void copyIn(Path source, Path target) {
        Path scratch = null;
        try {
            // Beside the files directory, on the same file system: the move into place is then a rename.
            scratch = Files.createTempDirectory(root.getParent(), root.getFileName() + "-incoming-");
            Path staged = scratch.resolve("copy");
            try (Stream<Path> walk = Files.walk(source)) {
                for (Path path : walk.toList()) {
                    Path destination = staged.resolve(source.relativize(path).toString());
                    if (!path.equals(source) && Files.isSymbolicLink(path)) {
                        // Copied, a link to a directory would be an empty directory and one to a file a copy of
                        // something outside the tree.
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "addFile: " + path + " in " + source + " is a symbolic link: add what it points to"
                                        + " instead, or a directory without links");
                    }
                    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                        Files.createDirectories(destination);
                    } else {
                        Files.copy(path, destination);
                        FileShipping.makeExecutable(destination);
                    }
                }
            }
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED, "addFile: cannot copy " + source + ": " + e.getMessage(), e);
        } finally {
            if (scratch != null) {
                FileUtils.deleteRecursively(scratch);
            }
        }
    }

    /** Whether two files, or two directory trees, hold the same names and bytes. */
    private static boolean sameContent(Path one, Path other) {
        try {
            if (Files.isDirectory(one) != Files.isDirectory(other)) {
                return false;
            }
            if (!Files.isDirectory(one)) {
                return Files.mismatch(one, other) == -1;
            }
            List<String> names = relativePaths(one);
            if (!names.equals(relativePaths(other))) {
                return false;
            }
            for (String name : names) {
                Path mine = one.resolve(name);
                Path theirs = other.resolve(name);
                if (Files.isDirectory(mine) != Files.isDirectory(theirs)
                        || !Files.isDirectory(mine) && Files.mismatch(mine, theirs) != -1) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "addFile: cannot compare " + one + " with " + other + ": " + e.getMessage(),
                    e);
        }
    }

    private static List<String> relativePaths(Path directory) throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            walk.filter(path -> !path.equals(directory))
                    .map(path -> directory.relativize(path).toString())
                    .sorted()
                    .forEach(names::add);
        }
        return names;
    }
}
