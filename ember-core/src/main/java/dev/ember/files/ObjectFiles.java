package dev.ember.files;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.serializer.DeserializationStream;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializationStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The format of {@code saveAsObjectFile}: a header, then Java-serialized arrays of up to ten elements. Elements
 * must be {@link java.io.Serializable}.
 */
public final class ObjectFiles {
    private static final byte[] HEADER = "EMBER-OBJECTS-1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int BATCH = 10;

    private ObjectFiles() {}

    /** Writes every element of {@code values} to {@code file}; returns how many. */
    public static long write(Path file, Iterator<?> values) throws IOException {
        long count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            out.write(HEADER);
            SerializationStream stream = new JavaSerializer().newInstance().serializeStream(out);
            List<Object> batch = new ArrayList<>(BATCH);
            while (values.hasNext()) {
                batch.add(values.next());
                count++;
                if (batch.size() == BATCH) {
                    stream.writeObject(batch.toArray());
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                stream.writeObject(batch.toArray());
            }
            stream.close();
        }
        return count;
    }

    /** The elements stored in {@code file}. */
    public static <T> Iterator<T> read(Path file) {
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
            byte[] header = in.readNBytes(HEADER.length);
            if (!Arrays.equals(header, HEADER)) {
                in.close();
                throw new EmberException(
                        ErrorClass.INPUT_READ_FAILED,
                        "file:" + file + " is not an object file written by saveAsObjectFile");
            }
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED, "Cannot read object file file:" + file + ": " + e.getMessage(), e);
        }
        DeserializationStream stream = new JavaSerializer().newInstance().deserializeStream(in);
        return new Iterator<>() {
            private Iterator<Object> batch = Collections.emptyIterator();
            private boolean done;

            @Override
            public boolean hasNext() {
                while (!batch.hasNext() && !done) {
                    try {
                        batch = Arrays.asList((Object[]) stream.readObject()).iterator();
                    } catch (EOFException e) {
                        done = true;
                        stream.close();
                    }
                }
                return batch.hasNext();
            }

            @Override
            @SuppressWarnings("unchecked")
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return (T) batch.next();
            }
        };
    }
}
