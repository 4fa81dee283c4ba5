package dev.ember.util;

import dev.ember.TaskContext;
import java.util.Iterator;

/**
 * Stops a task promptly when it is killed: checks the task's kill flag before each element. Wraps the iterators
 * that feed a task's pipeline (input splits, shuffle reads, cached blocks).
 */
public final class InterruptibleIterator<T> implements Iterator<T> {
    private final TaskContext context;
    private final Iterator<T> delegate;

    private InterruptibleIterator(TaskContext context, Iterator<T> delegate) {
        this.context = context;
        this.delegate = delegate;
    }

    /** Wraps {@code delegate} when running inside a task; returns it unchanged otherwise. */
    public static <T> Iterator<T> wrap(TaskContext context, Iterator<T> delegate) {
        if (context == null || delegate instanceof InterruptibleIterator<?>) {
            return delegate;
        }
        return new InterruptibleIterator<>(context, delegate);
    }

    @Override
    public boolean hasNext() {
        context.killTaskIfInterrupted();
        return delegate.hasNext();
    }

    @Override
    public T next() {
        return delegate.next();
    }
}
