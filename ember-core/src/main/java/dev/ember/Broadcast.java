package dev.ember;

import java.io.Serializable;

/**
 * A read-only value shipped once to each executor instead of with every task. Create with
 * {@code ctx.broadcast(value)}; read with {@link #value()} inside functions.
 */
public abstract class Broadcast<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long id;

    protected Broadcast(long id) {
        this.id = id;
    }

    public final long id() {
        return id;
    }

    /** The value. */
    public abstract T value();

    /** Removes copies cached on executors; they are fetched again if used. */
    public abstract void unpersist();

    /** Removes the value everywhere, for good; using it afterwards fails. */
    public abstract void destroy();

    /** Whether the broadcast can still be used (it has not been destroyed). */
    public abstract boolean isValid();

    @Override
    public String toString() {
        return "Broadcast(" + id + ")";
    }
}
