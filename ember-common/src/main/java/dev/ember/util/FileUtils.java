package dev.ember.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** File-system helpers. */
public final class FileUtils {
    private FileUtils() {}

    /** Deletes a file or a directory tree; a path that does not exist is fine. */
    public static void deleteRecursively(Path path) {
        if (path == null || !Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException error) throws IOException {
                    if (error instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw error;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException error) throws IOException {
                    if (error != null && !(error instanceof NoSuchFileException)) {
                        throw error;
                    }
                    Files.deleteIfExists(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to delete " + path, e);
        }
    }

    /** Creates a new uniquely named directory {@code prefix-<uuid>} under {@code parent}. */
    public static Path createUniqueDirectory(Path parent, String prefix) {
        try {
            Files.createDirectories(parent);
            Path directory = parent.resolve(prefix + "-" + UniqueIds.randomUuid());
            return Files.createDirectory(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Failed to create a directory under " + parent, e);
        }
    }
}
