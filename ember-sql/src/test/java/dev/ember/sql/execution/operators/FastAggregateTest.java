package dev.ember.sql.execution.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.expressions.aggregate.Average;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.expressions.aggregate.MinMax;
import dev.ember.sql.expressions.aggregate.Sum;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ObjectVector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fast path of each common aggregate against the function's reference implementation, on the same rows: random
 * values with nulls, a selection vector, a FILTER, partial buffers folded per group, then those buffers merged after
 * an "exchange". Buffers and results must be equal, doubles to the bit.
 */
class FastAggregateTest {
    private static final int GROUPS = 37;
    private static final int ROWS = 5000;

    private static Expression arg(DataType type) {
        return new BoundReference(0, type, true);
    }

    @Test
    void countOfAColumnAndOfRows() {
        check(new Count(List.of(arg(DataTypes.LongType))), DataTypes.LongType, random -> random.nextLong());
        check(new Count(List.of()), DataTypes.LongType, random -> 1L);
    }

    @Test
    void sumsOfIntegersDoublesAndDecimals() {
        check(new Sum(arg(DataTypes.IntegerType)), DataTypes.IntegerType, random -> random.nextInt());
        check(new Sum(arg(DataTypes.LongType)), DataTypes.LongType, random -> (long) random.nextInt() << 20);
        check(new Sum(arg(DataTypes.ShortType)), DataTypes.ShortType, random -> (short) random.nextInt());
        check(new Sum(arg(DataTypes.DoubleType)), DataTypes.DoubleType, FastAggregateTest::awkwardDouble);
        check(new Sum(arg(DataTypes.FloatType)), DataTypes.FloatType, random -> (float) awkwardDouble(random));
        // Unscaled values near 10^18: a group's sum outgrows a long after a few rows and goes on in BigDecimal.
        DataType wide = DataTypes.createDecimalType(18, 2);
        check(new Sum(arg(wide)), wide, random -> BigDecimal.valueOf(random.nextLong() % 999_999_999_999_999_999L, 2));
        DataType narrow = DataTypes.createDecimalType(7, 3);
        check(new Sum(arg(narrow)), narrow, random -> BigDecimal.valueOf(random.nextInt(9_999_999), 3));
    }

    @Test
    void sumsAndAveragesOfWideDecimalsHeldAsLongsOrAsBigDecimals() {
        // decimal(32,4), as a product of two prices is: most values of at most 18 digits (held as unscaled longs on
        // even rows, as BigDecimals on odd ones), some wider, and longs near 10^18 whose sums outgrow a long.
        DataType wide = DataTypes.createDecimalType(32, 4);
        Function<Random, Object> values = random -> switch (random.nextInt(6)) {
            case 0 -> new BigDecimal(new java.math.BigInteger(100, random), 4).negate();
            case 1 -> BigDecimal.valueOf(random.nextLong() % 999_999_999_999_999_999L, 4);
            default -> BigDecimal.valueOf(random.nextInt(), 4);
        };
        check(new Sum(arg(wide)), wide, values);
        check(new Average(arg(wide)), wide, values);
        DataType widest = DataTypes.createDecimalType(38, 6);
        check(new Sum(arg(widest)), widest, random -> BigDecimal.valueOf(random.nextLong() >> random.nextInt(60), 6));
        assertThat(FastAggregate.of(AggregateExpression.of(new Sum(arg(wide))), HashAggregateExec.Mode.PARTIAL))
                .isNotNull();
    }

    @Test
    void averages() {
        check(new Average(arg(DataTypes.IntegerType)), DataTypes.IntegerType, random -> random.nextInt());
        check(new Average(arg(DataTypes.DoubleType)), DataTypes.DoubleType, FastAggregateTest::awkwardDouble);
        DataType decimal = DataTypes.createDecimalType(18, 2);
        check(
                new Average(arg(decimal)),
                decimal,
                random -> BigDecimal.valueOf(random.nextLong() % 999_999_999_999_999_999L, 2));
    }

    @Test
    void minimaAndMaxima() {
        for (boolean max : new boolean[] {false, true}) {
            check(new MinMax(arg(DataTypes.IntegerType), max), DataTypes.IntegerType, random -> random.nextInt());
            check(new MinMax(arg(DataTypes.LongType), max), DataTypes.LongType, random -> random.nextLong());
            check(new MinMax(arg(DataTypes.DateType), max), DataTypes.DateType, random -> random.nextInt(40000));
            check(
                    new MinMax(arg(DataTypes.TimestampType), max),
                    DataTypes.TimestampType,
                    random -> random.nextLong() >> 8);
            check(new MinMax(arg(DataTypes.DoubleType), max), DataTypes.DoubleType, FastAggregateTest::awkwardDouble);
            check(new MinMax(arg(DataTypes.FloatType), max), DataTypes.FloatType, random ->
                    (float) awkwardDouble(random));
            DataType decimal = DataTypes.createDecimalType(12, 4);
            check(
                    new MinMax(arg(decimal), max),
                    decimal,
                    random -> BigDecimal.valueOf(random.nextLong() % 10_000_000_000L, 4));
        }
    }

    @Test
    void aBigintSumThatOverflowsFailsAsTheReferenceDoes() {
        AggregateFunction sum = new Sum(arg(DataTypes.LongType));
        FastAggregate fast = FastAggregate.of(AggregateExpression.of(sum), HashAggregateExec.Mode.PARTIAL);
        BatchBuilder builder = new BatchBuilder(List.of(DataTypes.LongType));
        builder.append(new Object[] {Long.MAX_VALUE - 1});
        builder.append(new Object[] {2L});
        ColumnBatch batch = builder.build();
        fast.grow(1);

        assertThatThrownBy(() -> fast.fold(batch, new int[] {0, 0}, new ColumnVector[] {batch.column(0)}, null))
                .isInstanceOf(EmberException.class)
                .extracting(e -> ((EmberException) e).errorClass())
                .isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW);
        Object[] buffer = sum.newBuffer();
        sum.update(buffer, InternalRow.of(Long.MAX_VALUE - 1));
        assertThatThrownBy(() -> sum.update(buffer, InternalRow.of(2L)))
                .isInstanceOf(EmberException.class)
                .hasMessage(catchMessage(
                        () -> fast.fold(batch, new int[] {-1, 0}, new ColumnVector[] {batch.column(0)}, null)));
    }

    @Test
    void aDecimalSumFailsAtTheRowWhereItOutgrowsItsTypeAsTheReferenceDoes() {
        // decimal(38,0) sums to decimal(38,0): the second row makes 39 digits, the third would bring it back.
        DataType widest = DataTypes.createDecimalType(38, 0);
        BigDecimal big = new BigDecimal("9e37").setScale(0);
        checkOverflow(new Sum(arg(widest)), widest, HashAggregateExec.Mode.PARTIAL, big, big, big.negate());
        checkOverflow(new Average(arg(widest)), widest, HashAggregateExec.Mode.PARTIAL, big, big, big.negate());
        // Partial sums of decimal(8,0) are decimal(18,0), held as longs: merged, two of 6e17 make 19 digits.
        AggregateFunction narrow = new Sum(arg(DataTypes.createDecimalType(8, 0)));
        BigDecimal partial = new BigDecimal("6e17").setScale(0);
        checkOverflow(
                narrow, narrow.bufferTypes().get(0), HashAggregateExec.Mode.FINAL, partial, partial, partial.negate());
    }

    /** Both paths fail with the same overflow on {@code values} folded into one group. */
    private static void checkOverflow(
            AggregateFunction function, DataType type, HashAggregateExec.Mode mode, Object... values) {
        BatchBuilder builder = new BatchBuilder(List.of(type));
        for (Object value : values) {
            builder.append(new Object[] {value});
        }
        ColumnBatch batch = builder.build();
        FastAggregate fast = FastAggregate.of(AggregateExpression.of(function), mode);
        fast.grow(1);
        assertThatThrownBy(() -> fast.fold(batch, new int[values.length], new ColumnVector[] {batch.column(0)}, null))
                .isInstanceOf(EmberException.class)
                .extracting(e -> ((EmberException) e).errorClass())
                .isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW);
        Object[] buffer = function.newBuffer();
        assertThatThrownBy(() -> {
                    for (Object value : values) {
                        if (mode == HashAggregateExec.Mode.FINAL) {
                            function.merge(buffer, new Object[] {value});
                        } else {
                            function.update(buffer, InternalRow.of(value));
                        }
                    }
                })
                .isInstanceOf(EmberException.class)
                .extracting(e -> ((EmberException) e).errorClass())
                .isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW);
    }

    @Test
    void distinctAndOtherFunctionsHaveNoFastPath() {
        AggregateFunction sum = new Sum(arg(DataTypes.LongType));
        assertThat(FastAggregate.of(
                        new AggregateExpression(
                                sum, true, null, AggregateExpression.of(sum).resultId()),
                        HashAggregateExec.Mode.PARTIAL))
                .isNull();
        assertThat(FastAggregate.of(
                        AggregateExpression.of(new MinMax(arg(DataTypes.StringType), true)),
                        HashAggregateExec.Mode.PARTIAL))
                .isNull();
    }

    private static String catchMessage(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        return null;
    }

    /** Doubles that make the order of additions and comparisons matter: NaN, -0.0, 0.0, large and small values. */
    private static double awkwardDouble(Random random) {
        return switch (random.nextInt(12)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> 0.0;
            case 3 -> 1e300 * (random.nextBoolean() ? 1 : -1);
            default -> random.nextGaussian() * 1e6;
        };
    }

    private static void check(AggregateFunction function, DataType type, Function<Random, Object> values) {
        Random random = new Random(function.sql().hashCode());
        int width = function.children().size();
        List<DataType> types = new ArrayList<>();
        for (int i = 0; i < Math.max(1, width); i++) {
            types.add(type);
        }
        types.add(DataTypes.BooleanType);
        BatchBuilder builder = new BatchBuilder(types, ROWS);
        for (int r = 0; r < ROWS; r++) {
            Object[] row = new Object[types.size()];
            for (int i = 0; i < types.size() - 1; i++) {
                row[i] = random.nextInt(7) == 0 ? null : values.apply(random);
            }
            Boolean keep = Boolean.TRUE;
            if (random.nextInt(5) == 0) {
                keep = random.nextBoolean() ? null : Boolean.FALSE;
            }
            row[types.size() - 1] = keep;
            builder.append(row);
        }
        ColumnBatch all = mixRepresentations(builder.build());
        int[] selection = new int[ROWS];
        int selected = 0;
        for (int r = 0; r < ROWS; r++) {
            if (r % 3 != 1) {
                selection[selected++] = r;
            }
        }
        ColumnBatch batch = all.withSelection(selection, selected);
        int[] groupOfRow = new int[selected];
        for (int k = 0; k < selected; k++) {
            groupOfRow[k] = k % 11 == 0 ? -1 : random.nextInt(GROUPS);
        }
        ColumnVector[] arguments = new ColumnVector[width];
        for (int i = 0; i < width; i++) {
            arguments[i] = batch.column(i);
        }
        ColumnVector filter = batch.column(types.size() - 1);
        for (boolean filtered : new boolean[] {false, true}) {
            // Partial: update row by row.
            Object[][] reference = new Object[GROUPS][];
            for (int g = 0; g < GROUPS; g++) {
                reference[g] = function.newBuffer();
            }
            for (int k = 0; k < selected; k++) {
                int row = batch.row(k);
                if (groupOfRow[k] < 0 || (filtered && (filter.isNull(row) || !filter.getBoolean(row)))) {
                    continue;
                }
                Object[] args = new Object[width];
                for (int i = 0; i < width; i++) {
                    args[i] = arguments[i].isNull(row) ? null : arguments[i].getObject(row);
                }
                function.update(reference[groupOfRow[k]], InternalRow.of(args));
            }
            FastAggregate fast = FastAggregate.of(AggregateExpression.of(function), HashAggregateExec.Mode.PARTIAL);
            assertThat(fast).as(function.sql()).isNotNull();
            fast.grow(GROUPS);
            fast.fold(batch, groupOfRow, arguments, filtered ? filter : null);
            for (int g = 0; g < GROUPS; g++) {
                assertThat(fast.buffer(g)).as("%s, group %d", function.sql(), g).isEqualTo(reference[g]);
                assertThat(function.result(fast.buffer(g))).isEqualTo(function.result(reference[g]));
            }
            checkMerge(function, reference);
        }
    }

    /**
     * {@code batch} with each column of wide decimals rebuilt so that its values of at most 18 digits on even rows are
     * held as unscaled longs, as arithmetic and exchanges leave them; other columns as they are.
     */
    static ColumnBatch mixRepresentations(ColumnBatch batch) {
        ColumnVector[] columns = new ColumnVector[batch.numColumns()];
        for (int i = 0; i < columns.length; i++) {
            ColumnVector column = batch.column(i);
            columns[i] = column;
            if (!(column instanceof ObjectVector) || !(column.type() instanceof DecimalType decimal)) {
                continue;
            }
            ObjectVector mixed = new ObjectVector(decimal, batch.numRows());
            for (int row = 0; row < batch.numRows(); row++) {
                BigDecimal value = column.getDecimal(row);
                if (column.isNull(row)) {
                    mixed.setNull(row);
                } else if (row % 2 == 0 && value.precision() <= 18) {
                    mixed.setUnscaled(row, value.unscaledValue().longValueExact());
                } else {
                    mixed.setObject(row, value);
                }
            }
            columns[i] = mixed;
        }
        return ColumnBatch.of(batch.numRows(), columns);
    }

    /** The partial buffers, as rows of buffer columns, merged into fewer groups by both paths. */
    private static void checkMerge(AggregateFunction function, Object[][] partials) {
        BatchBuilder builder = new BatchBuilder(function.bufferTypes());
        int[] groupOfRow = new int[partials.length];
        for (int g = 0; g < partials.length; g++) {
            builder.append(partials[g].clone());
            groupOfRow[g] = g % 5;
        }
        ColumnBatch batch = mixRepresentations(builder.build());
        ColumnVector[] columns = new ColumnVector[batch.numColumns()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = batch.column(i);
        }
        Object[][] reference = new Object[5][];
        for (int g = 0; g < 5; g++) {
            reference[g] = function.newBuffer();
        }
        for (int g = 0; g < partials.length; g++) {
            function.merge(reference[g % 5], partials[g]);
        }
        FastAggregate fast = FastAggregate.of(AggregateExpression.of(function), HashAggregateExec.Mode.FINAL);
        fast.grow(5);
        fast.fold(batch, groupOfRow, columns, null);
        for (int g = 0; g < 5; g++) {
            assertThat(fast.buffer(g))
                    .as("merged %s, group %d", function.sql(), g)
                    .isEqualTo(reference[g]);
            assertThat(function.result(fast.buffer(g))).isEqualTo(function.result(reference[g]));
        }
    }
}
