package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.executor.UserFiles;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Finds the files added with {@link EmberContext#addFile(String)} in the process that asks: inside a task, on the
 * executor running it; on the driver, its own copy. Each process holds the files under its own root directory, so
 * the same name gives different paths on different processes.
 *
 * <pre>{@code
 * ctx.addFile("/data/lookup.csv");
 * rdd.map(line -> {
 *     List<String> lookup = Files.readAllLines(Path.of(EmberFiles.get("lookup.csv")));
 *     ...
 * });
 * }</pre>
 *
 * <p>Where the root is: in local mode a directory the driver creates under {@code ember.local.dir} (the temporary
 * directory by default) and deletes when the context stops, which the tasks share; on an executor of a cluster,
 * {@code files/} of the executor's working directory ({@code WORK_DIR/APP_ID/EXECUTOR_ID/files}), into which it
 * fetches each file from the driver once, before the first task of a job started after the file was added.
 */
public final class EmberFiles {
    private EmberFiles() {}

    /**
     * The absolute path of the added file {@code fileName} in this process. The file's own name, as added; a file
     * inside a directory added with {@code addFile(dir, true)} is {@code "dir/sub/file.txt"}. As in Spark, the path
     * is returned whether or not the file is there: a name never added gives a path that does not exist.
     *
     * @throws EmberException {@code INVALID_ARGUMENT} for an empty name or one that leads out of the root directory
     *     ({@code ../x}, an absolute path); {@code CONTEXT_STOPPED} outside a running context or executor
     */
    public static String get(String fileName) {
        requireNonNull(fileName, "fileName is null");
        Path root = root();
        Path file;
        try {
            file = root.resolve(fileName).normalize();
        } catch (InvalidPathException e) {
            file = root;
        }
        if (fileName.isBlank() || !file.startsWith(root) || file.equals(root)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "EmberFiles.get: '" + fileName + "' is not the name of a file under the added files' directory "
                            + root + ": give the name of a file passed to addFile, or a path inside a directory"
                            + " added with addFile(dir, true)");
        }
        return file.toString();
    }

    /** The absolute path of the directory holding this process's added files. */
    public static String getRootDirectory() {
        return root().toString();
    }

    private static Path root() {
        return UserFiles.directory()
                .orElseThrow(() -> new EmberException(
                        ErrorClass.CONTEXT_STOPPED,
                        "EmberFiles works in a running application only: on the driver while its EmberContext runs,"
                                + " or in a task"));
    }
}
