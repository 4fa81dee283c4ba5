package dev.ember.collection;

import java.util.Arrays;

/**
 * Sorts int arrays (of positions into parallel arrays) with a comparator over ints, without boxing: a stable
 * merge sort, falling back to insertion sort for short runs. Orders by hash code without a comparator at all.
 */
final class IntSorter {
    /** Compares two positions. */
    @FunctionalInterface
    interface IntComparator {
        int compare(int first, int second);
    }

    private static final int INSERTION_THRESHOLD = 24;

    private IntSorter() {}

    static void sort(int[] values, int from, int to, IntComparator comparator) {
        if (to - from < 2) {
            return;
        }
        int[] scratch = new int[to - from];
        mergeSort(values, scratch, from, to, comparator);
    }

    private static void mergeSort(int[] values, int[] scratch, int from, int to, IntComparator comparator) {
        int length = to - from;
        if (length <= INSERTION_THRESHOLD) {
            for (int i = from + 1; i < to; i++) {
                int current = values[i];
                int j = i - 1;
                while (j >= from && comparator.compare(values[j], current) > 0) {
                    values[j + 1] = values[j];
                    j--;
                }
                values[j + 1] = current;
            }
            return;
        }
        int middle = (from + to) >>> 1;
        mergeSort(values, scratch, from, middle, comparator);
        mergeSort(values, scratch, middle, to, comparator);
        if (comparator.compare(values[middle - 1], values[middle]) <= 0) {
            return;
        }
        System.arraycopy(values, from, scratch, 0, length);
        int left = 0;
        int leftEnd = middle - from;
        int right = leftEnd;
        int out = from;
        while (left < leftEnd && right < length) {
            if (comparator.compare(scratch[right], scratch[left]) < 0) {
                values[out++] = scratch[right++];
            } else {
                values[out++] = scratch[left++];
            }
        }
        while (left < leftEnd) {
            values[out++] = scratch[left++];
        }
        while (right < length) {
            values[out++] = scratch[right++];
        }
    }

    /**
     * Positions {@code 0..size-1} ordered by partition (counting sort, stable), then within each partition by
     * {@code keyComparator} if given.
     */
    static int[] orderByPartition(int[] partitions, int size, int numPartitions, IntComparator keyComparator) {
        int[] starts = partitionStarts(partitions, size, numPartitions);
        int[] order = byPartition(partitions, size, starts);
        if (keyComparator != null) {
            for (int p = 0; p < numPartitions; p++) {
                sort(order, starts[p], starts[p + 1], keyComparator);
            }
        }
        return order;
    }

    /**
     * Positions {@code 0..size-1} ordered by partition, then by {@code hashes} (signed), then by position. Each
     * partition's positions are sorted as longs holding the hash above the position, so the sort compares
     * primitives and never looks at a key.
     */
    static int[] orderByPartitionThenHash(int[] partitions, int[] hashes, int size, int numPartitions) {
        int[] starts = partitionStarts(partitions, size, numPartitions);
        int[] order = byPartition(partitions, size, starts);
        long[] packed = new long[size];
        for (int i = 0; i < size; i++) {
            int position = order[i];
            packed[i] = ((long) hashes[position] << 32) | position;
        }
        for (int p = 0; p < numPartitions; p++) {
            Arrays.sort(packed, starts[p], starts[p + 1]);
        }
        for (int i = 0; i < size; i++) {
            order[i] = (int) packed[i];
        }
        return order;
    }

    /** Where each partition's positions start in the ordered array; {@code starts[numPartitions]} is the size. */
    static int[] partitionStarts(int[] partitions, int size, int numPartitions) {
        int[] starts = new int[numPartitions + 1];
        for (int i = 0; i < size; i++) {
            starts[partitions[i] + 1]++;
        }
        for (int p = 0; p < numPartitions; p++) {
            starts[p + 1] += starts[p];
        }
        return starts;
    }

    /** Positions {@code 0..size-1} by partition, in position order within a partition (a counting sort). */
    static int[] byPartition(int[] partitions, int size, int[] starts) {
        int[] order = new int[size];
        int[] next = starts.clone();
        for (int i = 0; i < size; i++) {
            order[next[partitions[i]]++] = i;
        }
        return order;
    }
}
