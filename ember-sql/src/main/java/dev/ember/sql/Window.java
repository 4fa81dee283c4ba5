package dev.ember.sql;

import java.util.List;

/**
 * Builds windows for window functions, as Spark's {@code Window}: {@code Window.partitionBy("dept").orderBy(
 * col("salary").desc())}, then {@code rank().over(window)}.
 */
public final class Window {
    /** A frame bound: no limit before the current row. */
    public static final long unboundedPreceding = Long.MIN_VALUE;

    /** A frame bound: no limit after the current row. */
    public static final long unboundedFollowing = Long.MAX_VALUE;

    /** A frame bound: the current row. */
    public static final long currentRow = 0;

    private Window() {}

    private static WindowSpec empty() {
        return new WindowSpec(List.of(), List.of(), null);
    }

    public static WindowSpec partitionBy(Column... columns) {
        return empty().partitionBy(columns);
    }

    public static WindowSpec partitionBy(String column, String... more) {
        return empty().partitionBy(column, more);
    }

    public static WindowSpec orderBy(Column... columns) {
        return empty().orderBy(columns);
    }

    public static WindowSpec orderBy(String column, String... more) {
        return empty().orderBy(column, more);
    }

    public static WindowSpec rowsBetween(long start, long end) {
        return empty().rowsBetween(start, end);
    }

    public static WindowSpec rangeBetween(long start, long end) {
        return empty().rangeBetween(start, end);
    }
}
