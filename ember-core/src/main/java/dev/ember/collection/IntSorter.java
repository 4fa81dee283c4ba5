package dev.ember.collection;

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

    /** Below this many positions a comparison sort beats the radix sort's fixed passes. */
    private static final int RADIX_THRESHOLD = 256;

    private static final int RADIX_BITS = 11;

    /**
     * Positions {@code 0..size-1} ordered by partition, then by {@code hashes} (signed), then by position;
     * {@code partitions} null means all in partition 0. A least-significant-digit radix sort of (partition, hash)
     * read as one unsigned number: {@value #RADIX_BITS} bits a pass, a pass skipped when every record has the same
     * digit, stable, so equal hashes keep their positions in order. The sort never looks at a key.
     */
    static int[] orderByPartitionThenHash(int[] partitions, int[] hashes, int size, int numPartitions) {
        return sortByPartitionThenHash(partitions, hashes, size, numPartitions).positions();
    }

    /**
     * Positions in (partition, hash) order, with the sort key of each: the partition in the high half, the hash with
     * its sign bit flipped in the low half, so that equal sort keys mean the same partition and hash.
     */
    record HashOrder(int[] positions, long[] sortKeys) {
        int partition(int index) {
            return (int) (sortKeys[index] >>> 32);
        }
    }

    /** {@link #orderByPartitionThenHash}, keeping the sort keys in order too. */
    static HashOrder sortByPartitionThenHash(int[] partitions, int[] hashes, int size, int numPartitions) {
        long[] sortKeys = new long[size];
        for (int i = 0; i < size; i++) {
            long partition = partitions == null ? 0 : partitions[i];
            // Flipping the sign bit makes the unsigned order of the low half the signed order of the hashes.
            sortKeys[i] = (partition << 32) | ((hashes[i] ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL);
        }
        if (size < RADIX_THRESHOLD) {
            int[] order = orderBySmallKeys(sortKeys, size);
            long[] sorted = new long[size];
            for (int i = 0; i < size; i++) {
                sorted[i] = sortKeys[order[i]];
            }
            return new HashOrder(order, sorted);
        }
        int partitionBits = 32 - Integer.numberOfLeadingZeros(Math.max(0, numPartitions - 1));
        int passes = (32 + partitionBits + RADIX_BITS - 1) / RADIX_BITS;
        int radix = 1 << RADIX_BITS;
        int[][] counts = new int[passes][radix];
        for (int i = 0; i < size; i++) {
            long key = sortKeys[i];
            for (int pass = 0; pass < passes; pass++) {
                counts[pass][(int) (key >>> (pass * RADIX_BITS)) & (radix - 1)]++;
            }
        }
        int[] positions = new int[size];
        for (int i = 0; i < size; i++) {
            positions[i] = i;
        }
        long[] keyScratch = new long[size];
        int[] positionScratch = new int[size];
        for (int pass = 0; pass < passes; pass++) {
            int[] count = counts[pass];
            int shift = pass * RADIX_BITS;
            if (count[(int) (sortKeys[0] >>> shift) & (radix - 1)] == size) {
                continue;
            }
            int offset = 0;
            for (int digit = 0; digit < radix; digit++) {
                int digitCount = count[digit];
                count[digit] = offset;
                offset += digitCount;
            }
            for (int i = 0; i < size; i++) {
                long key = sortKeys[i];
                int target = count[(int) (key >>> shift) & (radix - 1)]++;
                keyScratch[target] = key;
                positionScratch[target] = positions[i];
            }
            long[] keys = sortKeys;
            sortKeys = keyScratch;
            keyScratch = keys;
            int[] sorted = positionScratch;
            positionScratch = positions;
            positions = sorted;
        }
        return new HashOrder(positions, sortKeys);
    }

    /** Positions of a few sort keys by key, then position (the merge sort is stable). */
    private static int[] orderBySmallKeys(long[] sortKeys, int size) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        sort(order, 0, size, (first, second) -> Long.compare(sortKeys[first], sortKeys[second]));
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
