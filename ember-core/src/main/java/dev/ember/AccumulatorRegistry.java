package dev.ember;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's registered accumulators, by id, held weakly so that an accumulator the program dropped can be
 * collected. Internal to the engine.
 */
public final class AccumulatorRegistry {
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static final Map<Long, WeakReference<AccumulatorV2<?, ?>>> ORIGINALS = new ConcurrentHashMap<>();

    /** Implemented by task contexts: where accumulators deserialized inside a task register. */
    public interface TaskAccumulators {
        void registerAccumulator(AccumulatorV2<?, ?> accumulator);
    }

    private AccumulatorRegistry() {}

    static long newId() {
        return NEXT_ID.getAndIncrement();
    }

    static void register(AccumulatorV2<?, ?> accumulator) {
        ORIGINALS.put(accumulator.id(), new WeakReference<>(accumulator));
    }

    /** The driver's original of accumulator {@code id}, if still alive. */
    public static Optional<AccumulatorV2<?, ?>> get(long id) {
        WeakReference<AccumulatorV2<?, ?>> reference = ORIGINALS.get(id);
        AccumulatorV2<?, ?> accumulator = reference == null ? null : reference.get();
        if (reference != null && accumulator == null) {
            ORIGINALS.remove(id);
        }
        return Optional.ofNullable(accumulator);
    }

    /** Merges a task's update into the original. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void merge(AccumulatorV2<?, ?> update) {
        get(update.id()).ifPresent(original -> ((AccumulatorV2) original).merge((AccumulatorV2) update));
    }

    public static void remove(long id) {
        ORIGINALS.remove(id);
    }

    public static int size() {
        return ORIGINALS.size();
    }
}
