package dev.ember.sql.warehouse;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock on a lock file, held by one thread of one process at a time: a lock within the process (file locks are held
 * by processes, not threads) and a file lock between processes. Waited for at most {@link #TIMEOUT}; re-entrant in
 * the thread that holds it.
 */
public final class DirectoryLock {
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final Map<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private DirectoryLock() {}

    /** Runs {@code action} holding the lock of {@code lockFile}, which is created (with its directory) if missing. */
    public static <T> T run(Path lockFile, Supplier<T> action) {
        Path key = lockFile.toAbsolutePath().normalize();
        ReentrantLock local = LOCKS.computeIfAbsent(key, ignored -> new ReentrantLock());
        try {
            if (!local.tryLock(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw timeout(key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.JOB_CANCELLED, "Interrupted waiting for the lock " + key, e);
        }
        try {
            if (local.getHoldCount() > 1) {
                return action.get();
            }
            try {
                Files.createDirectories(key.getParent());
            } catch (IOException e) {
                throw new EmberException(
                        ErrorClass.OUTPUT_WRITE_FAILED, "Cannot create " + key.getParent() + ": " + e, e);
            }
            try (FileChannel channel = FileChannel.open(key, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = acquire(channel, key)) {
                return action.get();
            } catch (IOException e) {
                throw new EmberException(ErrorClass.OUTPUT_WRITE_FAILED, "Cannot lock " + key + ": " + e, e);
            }
        } finally {
            local.unlock();
        }
    }

    /** The file lock, retried until {@link #TIMEOUT}: another process holds it only while it changes something. */
    private static FileLock acquire(FileChannel channel, Path key) throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long pauseMillis = 1;
        while (true) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw timeout(key);
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmberException(ErrorClass.JOB_CANCELLED, "Interrupted waiting for the lock " + key, e);
            }
            pauseMillis = Math.min(50, pauseMillis * 2);
        }
    }

    private static EmberException timeout(Path key) {
        return new EmberException(
                ErrorClass.TIMEOUT,
                "Another session held the lock " + key + " for more than " + TIMEOUT.toSeconds() + " s");
    }
}
