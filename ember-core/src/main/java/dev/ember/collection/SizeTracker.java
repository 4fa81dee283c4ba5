package dev.ember.collection;

import dev.ember.util.SizeEstimator;

/**
 * Estimates a growing collection's size cheaply: the collection is measured with {@link SizeEstimator} only at
 * exponentially spaced update counts, and the bytes per update seen between the last two samples extrapolate the
 * rest.
 */
final class SizeTracker {
    private static final double SAMPLE_GROWTH_RATE = 1.1;

    private final Object target;
    private long updates;
    private long nextSampleAt;
    private long sampledSize;
    private long sampledAtUpdate;
    private double bytesPerUpdate;

    SizeTracker(Object target) {
        this.target = target;
        reset();
    }

    /** Forgets all samples, after the collection was emptied. */
    void reset() {
        updates = 0;
        nextSampleAt = 1;
        sampledSize = 0;
        sampledAtUpdate = 0;
        bytesPerUpdate = 0;
    }

    /** Records one insert or update, sampling when due. */
    void afterUpdate() {
        updates++;
        if (updates >= nextSampleAt) {
            takeSample();
        }
    }

    /** Measures the collection now (after a resize, say). */
    void takeSample() {
        long size = SizeEstimator.estimate(target);
        if (updates > sampledAtUpdate && sampledAtUpdate > 0) {
            bytesPerUpdate = Math.max(0, (double) (size - sampledSize) / (updates - sampledAtUpdate));
        }
        sampledSize = size;
        sampledAtUpdate = updates;
        nextSampleAt = (long) Math.ceil(updates * SAMPLE_GROWTH_RATE) + 1;
    }

    /** Estimated bytes the collection occupies now. */
    long estimateSize() {
        return (long) (sampledSize + bytesPerUpdate * (updates - sampledAtUpdate));
    }
}
