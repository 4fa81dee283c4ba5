package dev.ember.executor;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the files added with {@code EmberContext.addFile} are in this process: a directory of the driver while its
 * context runs, {@code files/} of an executor's working directory in an executor process. One per JVM, as there is one
 * context or one executor per JVM; {@code dev.ember.EmberFiles} reads it.
 */
public final class UserFiles {
    private static volatile Path directory;

    private UserFiles() {}

    /** Called by the process's owner (the context when it starts, the executor when it starts). */
    public static synchronized void setDirectory(Path root) {
        directory = root.toAbsolutePath();
    }

    /** Forgets {@code root}, unless another owner has set its own since (a context started after this one). */
    public static synchronized void clearDirectory(Path root) {
        if (directory != null && directory.equals(root.toAbsolutePath())) {
            directory = null;
        }
    }

    /** This process's directory of added files; empty outside a running context or executor. */
    public static Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }
}
