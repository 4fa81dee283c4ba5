package dev.ember;

import java.util.List;

/**
 * Child partitions {@code [outStart, outStart + length)} read parent partitions {@code [inStart, inStart + length)}
 * one to one, as a union places its parents side by side.
 */
public final class RangeDependency<T> extends NarrowDependency<T> {
    private static final long serialVersionUID = 1L;

    private final int inStart;
    private final int outStart;
    private final int length;

    public RangeDependency(RDD<T> rdd, int inStart, int outStart, int length) {
        super(rdd);
        this.inStart = inStart;
        this.outStart = outStart;
        this.length = length;
    }

    @Override
    public List<Integer> getParents(int partitionId) {
        if (partitionId >= outStart && partitionId < outStart + length) {
            return List.of(partitionId - outStart + inStart);
        }
        return List.of();
    }
}
