package dev.ember;

import static java.util.Objects.requireNonNull;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of {@link EmberContext#binaryFiles(String)}: its path, and its bytes when asked for. Holds only the path, so
 * it is cheap to create, ship and collect; the bytes are read by {@link #open()} or {@link #toArray()} in the process
 * that calls them, which must see the file at the same path (a local file on the machine, or a shared file system).
 * The file is read as it is: a {@code .gz} file is not decompressed.
 */
public final class PortableDataStream implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;

    /** The file at the absolute local path {@code path}. */
    public PortableDataStream(String path) {
        requireNonNull(path, "path is null");
        if (!Path.of(path).isAbsolute()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A PortableDataStream needs an absolute path, not " + path);
        }
        this.path = path;
    }

    /** The file's URI ({@code file:///...}), the key {@code binaryFiles} pairs this stream with. */
    public String getPath() {
        return Path.of(path).toUri().toString();
    }

    /**
     * A new stream over the file's bytes, from the start; the caller closes it. Each call opens the file again.
     *
     * @throws EmberException {@code INPUT_READ_FAILED}, naming the file, if it cannot be opened
     */
    public DataInputStream open() {
        try {
            return new DataInputStream(new BufferedInputStream(Files.newInputStream(Path.of(path))));
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    /**
     * All the file's bytes (an empty array for an empty file).
     *
     * @throws EmberException {@code INPUT_READ_FAILED}, naming the file, if it cannot be read
     */
    public byte[] toArray() {
        try {
            return Files.readAllBytes(Path.of(path));
        } catch (IOException e) {
            throw readFailed(e);
        }
    }

    private EmberException readFailed(IOException e) {
        return new EmberException(ErrorClass.INPUT_READ_FAILED, "Cannot read file:" + path + ": " + e.getMessage(), e);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PortableDataStream stream && stream.path.equals(path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "PortableDataStream(" + getPath() + ")";
    }
}
