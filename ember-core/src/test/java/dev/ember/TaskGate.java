package dev.ember;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * What tests and their tasks use to wait for each other in any deployment mode: files, which task threads of this
 * JVM and of executor processes alike can see. A gate is a file path (a string, so that functions capture it and
 * ship): tasks wait until it exists, and the test creates it to let them go.
 */
public final class TaskGate {
    private TaskGate() {}

    /** Lets every task waiting behind {@code gate} go; opening it twice does nothing. */
    public static void open(String gate) throws IOException {
        Path file = Path.of(gate);
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
    }

    /**
     * Called by a task: blocks until {@code gate} is open, looking every 10 ms, at most {@code timeout} (so that a
     * broken cancel cannot hang the build). The wait is interruptible, and a task asked to stop without being
     * interrupted leaves too. Returns whether the gate opened.
     */
    public static boolean await(String gate, Duration timeout) throws InterruptedException {
        Path open = Path.of(gate);
        TaskContext task = TaskContext.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(open)) {
            if (System.nanoTime() > deadline || (task != null && task.isInterrupted())) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
        return true;
    }

    /**
     * Called by a task: writes {@code content} to {@code name} in {@code directory} whole, by moving a finished
     * temporary file into place, so that a test that sees the file sees all of it.
     */
    public static void publish(String directory, String name, String content) throws IOException {
        Path temporary = Files.createTempFile(Path.of(directory), "." + name, ".tmp");
        Files.writeString(temporary, content);
        Files.move(temporary, Path.of(directory, name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Called by a test: waits until every file of {@code names} exists in {@code directory}, woken by the file
     * system's notifications (no polling), failing after {@code timeout}.
     */
    public static void awaitFiles(Path directory, Duration timeout, String description, String... names)
            throws IOException {
        try (WatchService watcher = directory.getFileSystem().newWatchService()) {
            directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!Arrays.stream(names).allMatch(name -> Files.exists(directory.resolve(name)))) {
                long left = deadline - System.nanoTime();
                WatchKey key = left <= 0 ? null : watcher.poll(left, TimeUnit.NANOSECONDS);
                if (key == null) {
                    throw new AssertionError("Timed out after " + timeout + " waiting until " + description);
                }
                key.pollEvents();
                key.reset();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted waiting until " + description, e);
        }
    }
}
