package dev.ember;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Optional;

/**
 * A value tasks add to and the driver reads. Each task works on its own zeroed copy; the driver merges a task's
 * copy into the original once, when the task succeeds (a failed or killed attempt's additions are dropped, and a
 * retried or speculated task counts once). Additions made in transformations may count again if a partition is
 * recomputed (for a lost cache block, say); additions made in actions count exactly once.
 *
 * <p>Subclasses define the zero, adding, merging and the value; registration with a context gives the id.
 *
 * @param <IN> what {@link #add} takes
 * @param <OUT> what {@link #value} returns
 */
public abstract class AccumulatorV2<IN, OUT> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Identity of a registered accumulator. */
    record Metadata(long id, String name, boolean countFailedValues) implements Serializable {}

    private Metadata metadata;
    private transient boolean atDriverSide = true;

    /** Registers this accumulator so tasks' updates reach it. Called by the context's factory methods. */
    final void register(String name, boolean countFailedValues) {
        if (metadata != null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Accumulator " + this + " is already registered");
        }
        metadata = new Metadata(AccumulatorRegistry.newId(), name, countFailedValues);
        AccumulatorRegistry.register(this);
    }

    public final boolean isRegistered() {
        return metadata != null;
    }

    /** The id given at registration. */
    public final long id() {
        checkRegistered();
        return metadata.id();
    }

    /** The name given at registration, if any; named accumulators are shown per stage. */
    public final Optional<String> name() {
        return metadata == null ? Optional.empty() : Optional.ofNullable(metadata.name());
    }

    /** Whether updates of failed tasks count too (only for internal metrics). */
    public final boolean countFailedValues() {
        return metadata != null && metadata.countFailedValues();
    }

    /** Whether this object is the driver's original (rather than a task's copy). */
    public final boolean isAtDriverSide() {
        return atDriverSide;
    }

    /** Whether this is the zero value. */
    public abstract boolean isZero();

    /** A new accumulator with the same value. */
    public abstract AccumulatorV2<IN, OUT> copy();

    /** Sets the value to zero. */
    public abstract void reset();

    /** Adds {@code value}. */
    public abstract void add(IN value);

    /** Merges another accumulator of the same kind into this one. */
    public abstract void merge(AccumulatorV2<IN, OUT> other);

    /** The current value. */
    public abstract OUT value();

    /** A zeroed copy. */
    public AccumulatorV2<IN, OUT> copyAndReset() {
        AccumulatorV2<IN, OUT> copy = copy();
        copy.reset();
        return copy;
    }

    private void checkRegistered() {
        if (metadata == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Accumulator " + getClass().getSimpleName() + " is not registered: create it with"
                            + " ctx.longAccumulator(...) or register it with ctx.register(accumulator)");
        }
    }

    /** On the driver, what is shipped to tasks is a zeroed copy carrying the identity. */
    protected final Object writeReplace() {
        if (!atDriverSide) {
            return this;
        }
        checkRegistered();
        AccumulatorV2<IN, OUT> copy = copyAndReset();
        copy.metadata = metadata;
        copy.atDriverSide = false;
        return copy;
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
        in.defaultReadObject();
        atDriverSide = false;
        if (TaskContext.get() instanceof AccumulatorRegistry.TaskAccumulators task) {
            task.registerAccumulator(this);
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(id: " + (metadata == null ? "unregistered" : metadata.id()) + ", name: "
                + name().orElse("") + ", value: " + value() + ")";
    }
}
