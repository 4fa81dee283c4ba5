package dev.ember.sql.execution.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Comparisons of two columns, and of a column with a constant, give row for row what the expression gives a row at a
 * time: every operator, every kind the vectorized form takes, nulls on either side, and a selection.
 */
class PrimitiveComparisonTest {
    @Test
    void everyOperatorOnEveryKindMatchesTheRowAtATimeResult() {
        SplittableRandom random = new SplittableRandom(17);
        check(DataTypes.IntegerType, r -> r.nextInt(-3, 4), random);
        check(DataTypes.DateType, r -> r.nextInt(18_000, 18_005), random);
        check(DataTypes.LongType, r -> r.nextLong(-3, 4) * 1_000_000_000_000L, random);
        check(DataTypes.createDecimalType(12, 2), r -> BigDecimal.valueOf(r.nextInt(-3, 4), 2), random);
        check(
                DataTypes.DoubleType,
                r -> new double[] {Double.NaN, -0.0, 0.0, 1.5, -2.0, Double.POSITIVE_INFINITY}[r.nextInt(6)],
                random);
        // Equal lengths with different bytes, prefixes, bytes above 0x7f and the empty string.
        check(
                DataTypes.StringType,
                r -> new String[] {"", "a", "b", "ab", "ba", "é", "aé", "abc"}[r.nextInt(8)],
                random);
    }

    private static void check(DataType type, Function<SplittableRandom, Object> values, SplittableRandom random) {
        int rows = 500;
        List<Object> left = new ArrayList<>();
        List<Object> right = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            left.add(random.nextInt(8) == 0 ? null : values.apply(random));
            right.add(random.nextInt(8) == 0 ? null : values.apply(random));
        }
        ColumnBatch all = ColumnBatch.of(rows, ColumnVectors.of(type, left), ColumnVectors.of(type, right));
        int[] selection = new int[rows];
        int selected = 0;
        for (int row = 0; row < rows; row++) {
            if (row % 5 != 2) {
                selection[selected++] = row;
            }
        }
        ColumnBatch batch = all.withSelection(selection, selected);
        Expression a = new BoundReference(0, type, true);
        Expression b = new BoundReference(1, type, true);
        List<Object> constants = new ArrayList<>();
        constants.add(null);
        for (int i = 0; i < 3; i++) {
            constants.add(values.apply(random));
        }
        for (Comparison.Op op : Comparison.Op.values()) {
            compare(new Comparison(op, a, b), batch, left, right);
            for (Object constant : constants) {
                Literal literal = constant == null ? Literal.nullOf(type) : new Literal(constant, type);
                compare(new Comparison(op, a, literal), batch, left, right);
            }
        }
    }

    private static void compare(Comparison comparison, ColumnBatch batch, List<Object> left, List<Object> right) {
        VectorExpression compiled = Evaluators.compile(comparison);
        assertThat(compiled).as(comparison.sql()).isInstanceOf(PrimitiveComparison.class);
        ColumnVector result = compiled.evaluate(batch);
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            Object expected = comparison.eval(InternalRow.of(left.get(row), right.get(row)));
            Object got = result.isNull(row) ? null : result.getBoolean(row);
            assertThat(got)
                    .as("%s with %s and %s", comparison.sql(), left.get(row), right.get(row))
                    .isEqualTo(expected);
        }
    }
}
