package dev.ember.sql.execution.operators;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Decimals;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.expressions.aggregate.Average;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.expressions.aggregate.MinMax;
import dev.ember.sql.expressions.aggregate.Sum;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import dev.ember.sql.vector.ObjectVector;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The vectorized path of the common aggregates ({@code count}, {@code sum}, {@code avg}, {@code min}, {@code max} over
 * numbers, dates, timestamps and decimals of at most 18 digits): their state lives in primitive arrays indexed by group
 * number, and a batch is folded by one loop over its rows reading the input vectors' arrays, with no value boxed. The
 * result, and a partial aggregation's buffer, are built as the function's reference implementation builds them, and
 * {@link AggregateFunction#result} computes the result from that buffer, so the two paths agree; {@code
 * FastAggregateTest} checks them against each other. {@link #of} gives null where there is no fast path (DISTINCT, other
 * functions and types), and the aggregation then uses the reference implementation.
 */
abstract class FastAggregate {
    /** Whether a group has seen a value (a sum or a minimum of no value is null). */
    long[] seen = new long[4];

    /** Makes room for groups {@code 0 .. groups - 1}. */
    void grow(int groups) {
        int words = (groups + 63) >>> 6;
        if (words > seen.length) {
            seen = Arrays.copyOf(seen, Math.max(words, seen.length * 2));
        }
        growState(groups);
    }

    abstract void growState(int groups);

    /**
     * Folds the rows of {@code batch} into their groups ({@code groupOfRow[k]} for the batch's {@code k}-th selected row;
     * negative: not folded here). {@code columns} are the function's arguments (or its buffer columns, after an
     * exchange); rows where {@code filter} (the aggregate's FILTER, or null) is not true are skipped.
     */
    abstract void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter);

    /** The reference implementation's buffer for {@code group}. */
    abstract Object[] buffer(int group);

    final boolean seen(int group) {
        return (seen[group >>> 6] & (1L << group)) != 0;
    }

    final void markSeen(int group) {
        seen[group >>> 6] |= 1L << group;
    }

    /** {@code array}, or a copy with room for {@code groups} entries (at least twice as many). */
    static long[] grown(long[] array, int groups) {
        return groups > array.length ? Arrays.copyOf(array, Math.max(groups, array.length * 2)) : array;
    }

    static double[] grown(double[] array, int groups) {
        return groups > array.length ? Arrays.copyOf(array, Math.max(groups, array.length * 2)) : array;
    }

    static boolean skipped(ColumnVector filter, int row) {
        return filter != null && (filter.isNull(row) || !filter.getBoolean(row));
    }

    /** The fast path of {@code aggregate} in {@code mode}, or null when it has none. */
    static FastAggregate of(AggregateExpression aggregate, HashAggregateExec.Mode mode) {
        if (aggregate.distinct()) {
            return null;
        }
        boolean merge = mode == HashAggregateExec.Mode.FINAL;
        AggregateFunction function = aggregate.function();
        if (function instanceof Count) {
            return new CountAll(merge);
        }
        if (function instanceof Sum sum) {
            DataType input = sum.child().dataType();
            if (function.dataType() instanceof LongType && integral(input)) {
                return new LongSum(function.sql());
            }
            if (function.dataType() instanceof DoubleType
                    && (input instanceof DoubleType || input instanceof FloatType)) {
                return new DoubleSum(false);
            }
            if (function.dataType() instanceof DecimalType result && sameScale(input, result)) {
                return new DecimalSum(result, function.sql(), merge, false);
            }
            return null;
        }
        if (function instanceof Average average) {
            DataType input = average.child().dataType();
            if (numeric(input)) {
                return new DoubleSum(true);
            }
            if (input instanceof DecimalType && sameScale(input, Sum.resultType(input))) {
                return new DecimalSum((DecimalType) Sum.resultType(input), function.sql(), merge, true);
            }
            return null;
        }
        if (function instanceof MinMax minMax) {
            ColumnVectors.Kind kind = ColumnVectors.kindOf(minMax.child().dataType());
            if (kind == ColumnVectors.Kind.INT || kind == ColumnVectors.Kind.LONG) {
                return new LongMinMax(minMax.child().dataType(), minMax.max());
            }
            if (kind == ColumnVectors.Kind.DOUBLE || kind == ColumnVectors.Kind.FLOAT) {
                return new DoubleMinMax(minMax.child().dataType(), minMax.max());
            }
        }
        return null;
    }

    private static boolean integral(DataType type) {
        return type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType;
    }

    private static boolean numeric(DataType type) {
        return integral(type) || type instanceof DoubleType || type instanceof FloatType;
    }

    /** Whether both are decimals of one scale, so that unscaled values of the input add up as the sum's. */
    private static boolean sameScale(DataType input, DataType sum) {
        return input instanceof DecimalType in && sum instanceof DecimalType out && in.scale() == out.scale();
    }

    /** {@code count(...)}: rows whose arguments are all non-null; after an exchange, the partial counts added. */
    private static final class CountAll extends FastAggregate {
        private final boolean merge;
        private long[] counts = new long[256];

        CountAll(boolean merge) {
            this.merge = merge;
        }

        @Override
        void growState(int groups) {
            counts = grown(counts, groups);
        }

        @Override
        void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter) {
            int size = batch.size();
            boolean nulls = false;
            for (ColumnVector column : columns) {
                nulls |= column.mayHaveNulls();
            }
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                int row = batch.row(k);
                if (group < 0 || skipped(filter, row)) {
                    continue;
                }
                if (merge) {
                    if (!columns[0].isNull(row)) {
                        counts[group] += columns[0].getLong(row);
                    }
                    continue;
                }
                if (nulls && anyNull(columns, row)) {
                    continue;
                }
                counts[group]++;
            }
        }

        private static boolean anyNull(ColumnVector[] columns, int row) {
            for (ColumnVector column : columns) {
                if (column.isNull(row)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        Object[] buffer(int group) {
            return new Object[] {counts[group]};
        }
    }

    /** {@code sum} of integral numbers to bigint, failing on overflow as the reference does. */
    private static final class LongSum extends FastAggregate {
        private final String sql;
        private long[] sums = new long[256];

        LongSum(String sql) {
            this.sql = sql;
        }

        @Override
        void growState(int groups) {
            sums = grown(sums, groups);
        }

        @Override
        void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter) {
            ColumnVector input = columns[0];
            int size = batch.size();
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                int row = batch.row(k);
                if (group < 0 || input.isNull(row) || skipped(filter, row)) {
                    continue;
                }
                long value = input.getLong(row);
                if (seen(group)) {
                    long sum = sums[group];
                    long total = sum + value;
                    if (((sum ^ total) & (value ^ total)) < 0) {
                        throw new EmberException(
                                ErrorClass.ARITHMETIC_OVERFLOW,
                                "The sum " + sql
                                        + " overflowed BIGINT; cast its input to DECIMAL(38,0) to sum it exactly");
                    }
                    sums[group] = total;
                } else {
                    sums[group] = value;
                    markSeen(group);
                }
            }
        }

        @Override
        Object[] buffer(int group) {
            return new Object[] {seen(group) ? sums[group] : null};
        }
    }

    /**
     * {@code sum} of floating numbers, or {@code avg} of any number (as the reference, a double sum and a count): the
     * values are added in the order the rows come, as the reference adds them.
     */
    private static final class DoubleSum extends FastAggregate {
        private final boolean average;
        private double[] sums = new double[256];
        private long[] counts;

        DoubleSum(boolean average) {
            this.average = average;
            this.counts = average ? new long[256] : null;
        }

        @Override
        void growState(int groups) {
            sums = grown(sums, groups);
            if (average) {
                counts = grown(counts, groups);
            }
        }

        @Override
        void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter) {
            ColumnVector input = columns[0];
            ColumnVector partialCounts = columns.length > 1 && average ? columns[1] : null;
            ColumnVectors.Kind kind = ColumnVectors.kindOf(input.type());
            int size = batch.size();
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                int row = batch.row(k);
                if (group < 0 || input.isNull(row) || skipped(filter, row)) {
                    continue;
                }
                double value =
                        switch (kind) {
                            case DOUBLE -> input.getDouble(row);
                            case FLOAT -> input.getFloat(row);
                            default -> input.getLong(row);
                        };
                if (seen(group)) {
                    sums[group] += value;
                } else {
                    sums[group] = value;
                    markSeen(group);
                }
                if (average) {
                    counts[group] += partialCounts == null ? 1 : partialCounts.getLong(row);
                }
            }
        }

        @Override
        Object[] buffer(int group) {
            Double sum = seen(group) ? sums[group] : null;
            return average ? new Object[] {sum, counts[group]} : new Object[] {sum};
        }
    }

    /**
     * {@code sum} (or {@code avg}) of decimals: unscaled values (of a type of up to 18 digits, or wide values held as
     * longs) are added as longs while the sum fits, and a group whose sum outgrows a long, or that meets a wide value
     * held as a {@link BigDecimal}, goes on in {@link BigDecimal}. The buffer's sum is fitted to the
     * sum type as the reference fits it (failing, under ANSI mode, when it has too many digits). After an exchange the
     * partial sums arrive as decimals of the sum type.
     */
    private static final class DecimalSum extends FastAggregate {
        private final DecimalType sumType;
        /** 10 to the sum type's precision when a long can pass it (the least unscaled value too long), else 0. */
        private final long limit;

        private final String sql;
        private final boolean merge;
        private final boolean average;
        private long[] sums = new long[256];
        private BigDecimal[] wide;
        private long[] counts;

        DecimalSum(DecimalType sumType, String sql, boolean merge, boolean average) {
            this.sumType = sumType;
            this.limit = sumType.precision() < 19
                    ? BigDecimal.TEN.pow(sumType.precision()).longValueExact()
                    : 0;
            this.sql = sql;
            this.merge = merge;
            this.average = average;
            this.counts = average ? new long[256] : null;
        }

        @Override
        void growState(int groups) {
            sums = grown(sums, groups);
            if (wide != null && wide.length < sums.length) {
                wide = Arrays.copyOf(wide, sums.length);
            }
            if (average) {
                counts = grown(counts, groups);
            }
        }

        @Override
        void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter) {
            ColumnVector input = columns[0];
            // Wide decimals are held as unscaled longs while they fit, otherwise as BigDecimals.
            ObjectVector wideInput = input instanceof ObjectVector objects ? objects : null;
            int size = batch.size();
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                int row = batch.row(k);
                if (group < 0 || input.isNull(row) || skipped(filter, row)) {
                    continue;
                }
                if (wideInput != null && !wideInput.isUnscaled(row)) {
                    add(group, wideInput.getDecimal(row));
                } else {
                    add(group, wideInput != null ? wideInput.unscaledAt(row) : input.getLong(row));
                }
                if (average) {
                    counts[group] += merge ? columns[1].getLong(row) : 1;
                }
            }
        }

        /** Adds an unscaled value at the sum's scale. */
        private void add(int group, long value) {
            if (!seen(group)) {
                sums[group] = value;
                markSeen(group);
            } else if (wide != null && wide[group] != null) {
                wide[group] = fitted(wide[group].add(BigDecimal.valueOf(value, sumType.scale())));
            } else {
                long sum = sums[group];
                long total = sum + value;
                if (((sum ^ total) & (value ^ total)) < 0) {
                    BigDecimal held = widen(group);
                    wide[group] = fitted(held.add(BigDecimal.valueOf(value, sumType.scale())));
                } else {
                    if (limit != 0 && (total >= limit || total <= -limit)) {
                        fitted(BigDecimal.valueOf(total, sumType.scale())); // fails: more digits than the type has
                    }
                    sums[group] = total;
                }
            }
        }

        /**
         * {@code sum}, checked against the sum type after each addition as the reference checks it: a running sum
         * with too many digits fails there, even if later rows would bring it back.
         */
        private BigDecimal fitted(BigDecimal sum) {
            return Decimals.fit(sum, sumType, sql);
        }

        /** The group's sum moved to a {@link BigDecimal}, which it is added to from now on. */
        private BigDecimal widen(int group) {
            if (wide == null) {
                wide = new BigDecimal[sums.length];
            }
            wide[group] = BigDecimal.valueOf(sums[group], sumType.scale());
            return wide[group];
        }

        private void add(int group, BigDecimal value) {
            BigDecimal scaled = value.setScale(sumType.scale());
            if (!seen(group)) {
                markSeen(group);
                if (scaled.unscaledValue().bitLength() < 63) {
                    sums[group] = scaled.unscaledValue().longValue();
                } else {
                    widen(group);
                    wide[group] = fitted(scaled);
                }
            } else {
                BigDecimal total = (wide != null && wide[group] != null ? wide[group] : widen(group)).add(scaled);
                wide[group] = fitted(total);
            }
        }

        @Override
        Object[] buffer(int group) {
            BigDecimal sum = null;
            if (seen(group)) {
                BigDecimal exact = wide != null && wide[group] != null
                        ? wide[group]
                        : BigDecimal.valueOf(sums[group], sumType.scale());
                sum = Decimals.fit(exact, sumType, sql);
            }
            return average ? new Object[] {sum, counts[group]} : new Object[] {sum};
        }
    }

    /** {@code min}/{@code max}: the least or greatest value of each group, held in a vector of the input's type. */
    private abstract static class Extreme extends FastAggregate {
        final boolean max;
        final ColumnVector values;

        Extreme(DataType type, boolean max) {
            this.max = max;
            this.values = ColumnVectors.allocate(type, 256);
        }

        @Override
        void growState(int groups) {
            if (groups > values.capacity()) {
                values.ensureCapacity(Math.max(groups, values.capacity() * 2));
            }
        }

        @Override
        Object[] buffer(int group) {
            return new Object[] {seen(group) ? values.getObject(group) : null};
        }
    }

    /** {@code min}/{@code max} of values held as ints or longs (numbers, dates, timestamps, decimals, intervals). */
    private static final class LongMinMax extends Extreme {
        LongMinMax(DataType type, boolean max) {
            super(type, max);
        }

        @Override
        void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter) {
            ColumnVector input = columns[0];
            int size = batch.size();
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                int row = batch.row(k);
                if (group < 0 || input.isNull(row) || skipped(filter, row)) {
                    continue;
                }
                long value = input.getLong(row);
                if (!seen(group) || (max ? value > values.getLong(group) : value < values.getLong(group))) {
                    values.copyFrom(group, input, row);
                    markSeen(group);
                }
            }
        }
    }

    /** {@code min}/{@code max} of floating numbers, NaN greater than every other value, as the reference orders them. */
    private static final class DoubleMinMax extends Extreme {
        DoubleMinMax(DataType type, boolean max) {
            super(type, max);
        }

        @Override
        void fold(ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter) {
            ColumnVector input = columns[0];
            boolean isFloat = input.type() instanceof FloatType;
            int size = batch.size();
            for (int k = 0; k < size; k++) {
                int group = groupOfRow[k];
                int row = batch.row(k);
                if (group < 0 || input.isNull(row) || skipped(filter, row)) {
                    continue;
                }
                if (!seen(group)) {
                    values.copyFrom(group, input, row);
                    markSeen(group);
                    continue;
                }
                double value = isFloat ? input.getFloat(row) : input.getDouble(row);
                double held = isFloat ? values.getFloat(group) : values.getDouble(group);
                if (value != held) {
                    int order = Double.compare(value, held);
                    if (max ? order > 0 : order < 0) {
                        values.copyFrom(group, input, row);
                    }
                }
            }
        }
    }
}
