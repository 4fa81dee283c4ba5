package dev.ember.sql.execution.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import dev.ember.sql.vector.ObjectVector;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Decimal arithmetic on unscaled longs gives, row for row, what the expression's exact semantics give. */
class DecimalArithmeticTest {
    private static final DecimalType MONEY = DataTypes.createDecimalType(15, 2);
    private static final DecimalType RATE = DataTypes.createDecimalType(16, 2);
    private static final DecimalType SMALL = DataTypes.createDecimalType(7, 4);
    private static final DecimalType WIDE = DataTypes.createDecimalType(30, 3);

    @ParameterizedTest
    @EnumSource(
            value = Arithmetic.Op.class,
            names = {"ADD", "SUBTRACT", "MULTIPLY"})
    void matchesTheExactSemanticsOnEveryTypePair(Arithmetic.Op op) {
        SplittableRandom random = new SplittableRandom(7);
        List<DecimalType> types = List.of(MONEY, RATE, SMALL, WIDE);
        for (DecimalType a : types) {
            for (DecimalType b : types) {
                Arithmetic arithmetic =
                        new Arithmetic(op, new BoundReference(0, a, true), new BoundReference(1, b, true), false);
                VectorExpression compiled = Evaluators.compile(arithmetic);
                assertThat(compiled).isInstanceOf(DecimalArithmetic.class);
                List<Object> left = values(a, random);
                List<Object> right = values(b, random);
                ColumnBatch batch = ColumnBatch.of(left.size(), vector(a, left), vector(b, right));
                ColumnVector result = compiled.evaluate(batch);
                if (result instanceof ObjectVector wide) {
                    // Results of a wide type whose values fit 18 digits are held as longs: the row of 0.5 op 0.5.
                    assertThat(wide.isUnscaled(3))
                            .as("%s %s %s", a.sql(), op, b.sql())
                            .isTrue();
                }
                for (int row = 0; row < left.size(); row++) {
                    Object expected = arithmetic.eval(InternalRow.of(left.get(row), right.get(row)));
                    Object got = result.isNull(row) ? null : result.getDecimal(row);
                    assertThat(got)
                            .as("%s %s %s (%s, %s)", left.get(row), op, right.get(row), a.sql(), b.sql())
                            .isEqualTo(expected);
                }
            }
        }
    }

    /**
     * A vector of {@code values}; for a wide type, those of at most 18 digits on even rows are held as unscaled longs
     * (as arithmetic and exchanges leave them), the others as BigDecimals.
     */
    private static ColumnVector vector(DecimalType type, List<Object> values) {
        if (type.fitsInLong()) {
            return ColumnVectors.of(type, values);
        }
        ObjectVector vector = new ObjectVector(type, values.size());
        for (int row = 0; row < values.size(); row++) {
            BigDecimal value = (BigDecimal) values.get(row);
            if (value == null) {
                vector.setNull(row);
            } else if (row % 2 == 0 && value.precision() <= 18) {
                vector.setUnscaled(row, value.unscaledValue().longValueExact());
            } else {
                vector.setObject(row, value);
            }
        }
        return vector;
    }

    /** Random values of the type: small and near its limits, both signs, rounding ties, and nulls. */
    private static List<Object> values(DecimalType type, SplittableRandom random) {
        List<Object> values = new ArrayList<>();
        BigDecimal max =
                BigDecimal.TEN.pow(type.precision()).subtract(BigDecimal.ONE).movePointLeft(type.scale());
        values.add(null);
        values.add(max);
        values.add(max.negate());
        values.add(new BigDecimal("0.5").setScale(type.scale()));
        values.add(new BigDecimal("-0.5").setScale(type.scale()));
        for (int i = 0; i < 400; i++) {
            long unscaled = random.nextLong(-1_000_000_000L, 1_000_000_000L);
            if (i % 7 == 0) {
                unscaled = random.nextLong()
                        % Math.min(
                                Long.MAX_VALUE,
                                BigDecimal.TEN
                                        .pow(Math.min(type.precision(), 18))
                                        .longValue());
            }
            values.add(BigDecimal.valueOf(unscaled, type.scale()));
        }
        return values;
    }

    @Test
    void roundsProductsHalfAwayFromZeroAtTheResultScale() {
        assertThat(DecimalArithmetic.roundHalfUp(125, 10)).isEqualTo(13);
        assertThat(DecimalArithmetic.roundHalfUp(-125, 10)).isEqualTo(-13);
        assertThat(DecimalArithmetic.roundHalfUp(124, 10)).isEqualTo(12);
        assertThat(DecimalArithmetic.roundHalfUp(-124, 10)).isEqualTo(-12);
    }

    @Test
    void overflowFailsUnderAnsiAndIsNullForTheTryForm() {
        DecimalType narrow = DataTypes.createDecimalType(18, 0);
        BigDecimal big = new BigDecimal("999999999999999999");
        ColumnBatch batch = ColumnBatch.of(1, ColumnVectors.of(narrow, big), ColumnVectors.of(narrow, big));
        Arithmetic failing = new Arithmetic(
                Arithmetic.Op.MULTIPLY,
                new BoundReference(0, narrow, false),
                new BoundReference(1, narrow, false),
                true);
        // decimal(18,0) * decimal(18,0) is decimal(37,0): the product fits the type but not a long.
        assertThat(Evaluators.compile(failing).evaluate(batch).getDecimal(0)).isEqualTo(big.multiply(big));

        DecimalType result = (DecimalType) new Arithmetic(
                        Arithmetic.Op.ADD,
                        new BoundReference(0, DataTypes.createDecimalType(38, 0), false),
                        new BoundReference(1, DataTypes.createDecimalType(38, 0), false),
                        true)
                .dataType();
        BigDecimal top = BigDecimal.TEN.pow(38).subtract(BigDecimal.ONE);
        DecimalType widest = DataTypes.createDecimalType(38, 0);
        ColumnBatch wide = ColumnBatch.of(1, ColumnVectors.of(widest, top), ColumnVectors.of(widest, top));
        Arithmetic add = new Arithmetic(
                Arithmetic.Op.ADD, new BoundReference(0, widest, false), new BoundReference(1, widest, false), true);
        assertThat(result.precision()).isEqualTo(38);
        assertThatThrownBy(() -> Evaluators.compile(add).evaluate(wide)).isInstanceOf(EmberException.class);
        Arithmetic tryAdd = new Arithmetic(
                Arithmetic.Op.ADD, new BoundReference(0, widest, false), new BoundReference(1, widest, false), false);
        assertThat(Evaluators.compile(tryAdd).evaluate(wide).isNull(0)).isTrue();
    }
}
