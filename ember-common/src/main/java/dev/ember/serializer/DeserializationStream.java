package dev.ember.serializer;

import java.io.Closeable;
import java.io.EOFException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.BiFunction;

/** Reads back what a {@link SerializationStream} wrote. */
public abstract class DeserializationStream implements Closeable {
    /**
     * The next object.
     *
     * @throws EOFException at the end of the stream
     */
    public abstract Object readObject() throws EOFException;

    /** The key of the next pair. */
    public Object readKey() throws EOFException {
        return readObject();
    }

    /** The value of the pair whose key was just read. */
    public Object readValue() throws EOFException {
        return readObject();
    }

    @Override
    public abstract void close();

    /** Every remaining object; the stream is closed when the iterator is exhausted. */
    @SuppressWarnings("unchecked")
    public <T> Iterator<T> asIterator() {
        return new ReadingIterator<>(() -> (T) readObject());
    }

    /** Every remaining pair, built by {@code pairMaker}; the stream is closed when the iterator is exhausted. */
    public <R> Iterator<R> asKeyValueIterator(BiFunction<Object, Object, R> pairMaker) {
        return new ReadingIterator<>(() -> {
            Object key = readKey();
            return pairMaker.apply(key, readValue());
        });
    }

    private interface Reader<T> {
        T read() throws EOFException;
    }

    private final class ReadingIterator<T> implements Iterator<T> {
        private final Reader<T> reader;
        private T next;
        private boolean fetched;
        private boolean finished;

        ReadingIterator(Reader<T> reader) {
            this.reader = reader;
        }

        @Override
        public boolean hasNext() {
            if (!fetched && !finished) {
                try {
                    next = reader.read();
                    fetched = true;
                } catch (EOFException e) {
                    finished = true;
                    close();
                }
            }
            return fetched;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            fetched = false;
            T value = next;
            next = null;
            return value;
        }
    }
}
