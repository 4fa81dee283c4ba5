package dev.ember.sql.execution.operators;

/** A stable merge sort of longs by a comparator, without boxing them. */
final class LongSorting {
    /** Compares two longs. */
    @FunctionalInterface
    interface LongComparator {
        int compare(long a, long b);
    }

    private LongSorting() {}

    /** The first {@code count} values of {@code values}, sorted stably; may return {@code values} or a new array. */
    static long[] sort(long[] values, int count, LongComparator comparator) {
        long[] source = values;
        long[] target = new long[Math.max(count, 1)];
        // Insertion sort of runs of 32, then merges of doubling width.
        int run = 32;
        for (int start = 0; start < count; start += run) {
            int end = Math.min(start + run, count);
            for (int i = start + 1; i < end; i++) {
                long value = source[i];
                int j = i - 1;
                while (j >= start && comparator.compare(source[j], value) > 0) {
                    source[j + 1] = source[j];
                    j--;
                }
                source[j + 1] = value;
            }
        }
        for (int width = run; width < count; width *= 2) {
            for (int left = 0; left < count; left += 2 * width) {
                int middle = Math.min(left + width, count);
                int right = Math.min(left + 2 * width, count);
                int i = left;
                int j = middle;
                int k = left;
                while (i < middle && j < right) {
                    target[k++] = comparator.compare(source[j], source[i]) < 0 ? source[j++] : source[i++];
                }
                while (i < middle) {
                    target[k++] = source[i++];
                }
                while (j < right) {
                    target[k++] = source[j++];
                }
            }
            long[] swap = source;
            source = target;
            target = swap;
        }
        return source;
    }
}
