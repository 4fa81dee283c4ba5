package dev.ember.collection;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** An iterator that can show its next element without consuming it. */
final class BufferedIterator<T> implements Iterator<T> {
    private final Iterator<T> delegate;
    private T head;
    private boolean hasHead;

    BufferedIterator(Iterator<T> delegate) {
        this.delegate = delegate;
    }

    @Override
    public boolean hasNext() {
        return hasHead || delegate.hasNext();
    }

    T head() {
        if (!hasHead) {
            head = delegate.next();
            hasHead = true;
        }
        return head;
    }

    @Override
    public T next() {
        if (hasHead) {
            hasHead = false;
            T value = head;
            head = null;
            return value;
        }
        if (!delegate.hasNext()) {
            throw new NoSuchElementException();
        }
        return delegate.next();
    }
}
