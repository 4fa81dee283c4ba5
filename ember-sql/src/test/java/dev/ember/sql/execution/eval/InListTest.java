package dev.ember.sql.execution.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** IN over constants, in one loop, answers row for row what the expression answers. */
class InListTest {
    @Test
    void stringsAreComparedAsBytesWithTheExpressionsNullRules() {
        check(
                DataTypes.StringType,
                Arrays.asList("AIR", "AIR REG", "air", "", "été", null, "AIR REGX"),
                "AIR",
                "AIR REG",
                "été");
        check(DataTypes.StringType, Arrays.asList("a", "b", null), "a", null);
    }

    @Test
    void numbersDatesAndDecimalsAreComparedAsPrimitives() {
        check(DataTypes.IntegerType, Arrays.asList(1, 2, 3, null, -7), 2, -7);
        check(DataTypes.LongType, Arrays.asList(1L, Long.MAX_VALUE, null), Long.MAX_VALUE);
        check(DataTypes.DateType, Arrays.asList(10_000, 10_001, null), 10_001, null);
        check(
                DataTypes.createDecimalType(15, 2),
                Arrays.asList(new BigDecimal("1.00"), new BigDecimal("2.50"), new BigDecimal("-2.50"), null),
                new BigDecimal("2.50"));
    }

    private static void check(DataType type, List<Object> values, Object... list) {
        List<Expression> elements = new ArrayList<>();
        for (Object element : list) {
            elements.add(new Literal(element, type));
        }
        In in = new In(new BoundReference(0, type, true), elements);
        VectorExpression compiled = Evaluators.compile(in);
        assertThat(compiled).isInstanceOf(InList.class);
        ColumnVector result = compiled.evaluate(ColumnBatch.of(values.size(), ColumnVectors.of(type, values)));
        for (int row = 0; row < values.size(); row++) {
            Object expected = in.eval(InternalRow.of(values.get(row)));
            Object got = result.isNull(row) ? null : result.getBoolean(row);
            assertThat(got)
                    .as("%s IN %s", values.get(row), Arrays.toString(list))
                    .isEqualTo(expected);
        }
    }
}
