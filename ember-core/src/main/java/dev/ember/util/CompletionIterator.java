package dev.ember.util;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Runs an action once, when the wrapped iterator is exhausted. */
public final class CompletionIterator<T> implements Iterator<T> {
    private final Iterator<T> delegate;
    private Runnable completion;

    private CompletionIterator(Iterator<T> delegate, Runnable completion) {
        this.delegate = delegate;
        this.completion = completion;
    }

    public static <T> Iterator<T> of(Iterator<T> delegate, Runnable completion) {
        return new CompletionIterator<>(delegate, completion);
    }

    @Override
    public boolean hasNext() {
        boolean more = delegate.hasNext();
        if (!more) {
            complete();
        }
        return more;
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return delegate.next();
    }

    /** Runs the action now if it has not run yet. */
    public void complete() {
        Runnable action = completion;
        if (action != null) {
            completion = null;
            action.run();
        }
    }
}
