package dev.ember.files;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.executor.CommitDeniedException;
import dev.ember.executor.TaskContextImpl;
import dev.ember.util.FileUtils;
import dev.ember.util.UniqueIds;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Commits a job's output files so that exactly one attempt of each task contributes its file and readers never
 * see a half-written directory:
 *
 * <pre>
 *   out/_temporary/&lt;job&gt;/attempt_&lt;task attempt&gt;/part-00003   each attempt writes here
 *   out/part-00003                                            moved by the attempt allowed to commit
 *   out/_SUCCESS                                              written when every task committed
 * </pre>
 *
 * A failed job removes the whole directory it created, so the same path can be written again.
 */
public final class OutputDirectory implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String job;

    private OutputDirectory(String path, String job) {
        this.path = path;
        this.job = job;
    }

    /**
     * Creates the directory for a new job's output; fails if {@code specification} already exists, or if one of its
     * parents is a regular file (naming that file).
     */
    public static OutputDirectory create(String specification) {
        Path directory = FileInput.localPath(specification);
        if (Files.exists(directory)) {
            throw new EmberException(
                    ErrorClass.OUTPUT_PATH_EXISTS,
                    "Output directory file:" + directory + " already exists: write to a new path or delete it first");
        }
        failIfUnderAFile(directory);
        try {
            Files.createDirectories(directory.getParent());
            Files.createDirectory(directory);
        } catch (FileAlreadyExistsException e) {
            // Created by someone else since the checks above: a parent that became a file, or the directory itself.
            failIfUnderAFile(directory);
            throw new EmberException(
                    ErrorClass.OUTPUT_PATH_EXISTS, "Output directory file:" + directory + " already exists", e);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED,
                    "Cannot create output directory file:" + directory + ": " + e.getMessage(),
                    e);
        }
        return new OutputDirectory(directory.toString(), UniqueIds.randomUuid().toString());
    }

    /**
     * Fails when the nearest existing parent of {@code directory} is not a directory: the output cannot be created
     * under it, and "already exists" (what creating the parents reports) would name the wrong path.
     */
    private static void failIfUnderAFile(Path directory) {
        for (Path parent = directory.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.isDirectory(parent)) {
                return;
            }
            if (Files.exists(parent)) {
                throw new EmberException(
                        ErrorClass.OUTPUT_WRITE_FAILED,
                        "Cannot write to file:" + directory + ": " + parent
                                + " is a file, not a directory; choose an output path outside it");
            }
        }
    }

    public Path path() {
        return Path.of(path);
    }

    /** Where the running task attempt writes {@code fileName} before committing. */
    public Path attemptFile(TaskContextImpl task, String fileName) {
        Path directory = Path.of(path, "_temporary", job, "attempt_" + task.taskAttemptId());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create task output directory " + directory, e);
        }
        return directory.resolve(fileName);
    }

    /**
     * Moves the attempt's file into the output if this attempt may commit its partition; otherwise deletes it and
     * fails the attempt with {@link CommitDeniedException}.
     */
    public void commitTask(TaskContextImpl task, Path attemptFile, String fileName) {
        boolean allowed = task.env()
                .commitAuthority()
                .canCommit(task.stageId(), task.stageAttemptNumber(), task.partitionId(), task.attemptNumber());
        if (!allowed) {
            try {
                Files.deleteIfExists(attemptFile);
            } catch (IOException e) {
                // Cleaned up with the job's temporary directory anyway.
            }
            throw new CommitDeniedException(
                    "Attempt " + task.attemptNumber() + " of partition " + task.partitionId()
                            + " may not commit: another attempt did",
                    -1,
                    task.partitionId(),
                    task.attemptNumber());
        }
        try {
            Files.move(attemptFile, Path.of(path, fileName), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to commit " + fileName + " to file:" + path, e);
        }
    }

    /** Removes the temporary files and marks the output complete. */
    public void commitJob() {
        try {
            FileUtils.deleteRecursively(Path.of(path, "_temporary"));
            Files.createFile(Path.of(path, "_SUCCESS"));
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED,
                    "Cannot complete output directory file:" + path + ": " + e.getMessage(),
                    e);
        }
    }

    /** Removes everything the job wrote. */
    public void abortJob() {
        FileUtils.deleteRecursively(Path.of(path));
    }

    /** The name of partition {@code index}'s file: {@code part-00007}. */
    public static String partFileName(int index, String suffix) {
        return String.format(java.util.Locale.ROOT, "part-%05d%s", index, suffix);
    }
}
