package dev.ember.scheduler.cluster;

import dev.ember.util.FileUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The added files of an executor process: {@code files/} of its working directory, into which the files a job names
 * ({@link FileShipping#PROPERTY}) are fetched from the driver before the job's first task here runs, each file once.
 * A file is fetched into a scratch directory beside {@code files/} (a directory is unpacked there) and moved into
 * place whole, so a task never sees half a file.
 *
 * <p>Task threads call {@link #prepare} at the same time: the fetched names are guarded by this object's monitor,
 * held while fetching, so a task that needs a file another task is fetching waits for it rather than fetching it
 * again.
 */
final class ExecutorFiles {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorFiles.class);

    /** Fetches the stream {@code streamId} the driver serves into the file {@code target}. */
    @FunctionalInterface
    interface Fetcher {
        void fetch(String streamId, Path target) throws IOException;
    }

    private final Path workDirectory;
    private final Path root;
    private final Fetcher fetcher;

    /** The names of the files in {@link #root}; guarded by this. */
    private final Set<String> fetched = new HashSet<>();

    /** Creates {@code files/} in {@code workDirectory}. */
    ExecutorFiles(Path workDirectory, Fetcher fetcher) {
        this.workDirectory = workDirectory.toAbsolutePath();
        this.root = this.workDirectory.resolve("files");
        this.fetcher = fetcher;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the directory for added files " + root, e);
        }
    }

    /** Where the added files are. */
    Path root() {
        return root;
    }

    /**
     * Fetches the files {@code jobProperties} names that this executor does not have yet; returns how many it
     * fetched. A failed fetch fails the task, and the next task tries again.
     */
    synchronized int prepare(Properties jobProperties) throws IOException {
        String listed = jobProperties == null ? null : jobProperties.getProperty(FileShipping.PROPERTY);
        int count = 0;
        for (FileShipping.Entry entry : FileShipping.decode(listed)) {
            if (!fetched.contains(entry.name())) {
                fetch(entry);
                fetched.add(entry.name());
                count++;
            }
        }
        return count;
    }

    private void fetch(FileShipping.Entry entry) throws IOException {
        // Beside files/, on the same file system: the move into place is then a rename.
        Path scratch = Files.createTempDirectory(workDirectory, "files-incoming-");
        try {
            Path received = scratch.resolve("received");
            fetcher.fetch(entry.streamId(), received);
            Path ready = received;
            if (entry.directory()) {
                ready = scratch.resolve("unpacked");
                FileShipping.extractArchive(received, ready);
            } else {
                FileShipping.makeExecutable(ready);
            }
            Path target = root.resolve(entry.name());
            FileUtils.deleteRecursively(target);
            Files.move(ready, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.info("Fetched the added {} {} from the driver", entry.directory() ? "directory" : "file", entry.name());
        } finally {
            FileUtils.deleteRecursively(scratch);
        }
    }
}
