package dev.ember.sql.library;

import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.dec;
import static dev.ember.sql.library.F.error;
import static dev.ember.sql.library.F.eval;
import static dev.ember.sql.library.F.lit;
import static dev.ember.sql.library.F.nul;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MathFunctionsTest {
    @Test
    void absKeepsTheTypeAndOverflowsUnderAnsi() {
        assertThat(eval("abs", -1)).isEqualTo(1);
        assertThat(eval("abs", -1.5)).isEqualTo(1.5);
        assertThat(eval("abs", dec("-1.50"))).isEqualTo(dec("1.50"));
        assertThat(eval("abs", (short) -3)).isEqualTo((short) 3);
        assertThat(call("abs", -1L).dataType()).isEqualTo(DataTypes.LongType);
        assertThat(error(() -> eval("abs", Integer.MIN_VALUE)).errorClass()).isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW);
        assertThat(eval("abs", nul(DataTypes.IntegerType))).isNull();
    }

    @Test
    void realFunctions() {
        assertThat(eval("sqrt", 4.0)).isEqualTo(2.0);
        assertThat((Double) eval("sqrt", -1)).isNaN();
        assertThat(eval("sqrt", "4")).isEqualTo(2.0);
        assertThat(eval("cbrt", 27.0)).isEqualTo(3.0);
        assertThat(eval("exp", 0)).isEqualTo(1.0);
        assertThat((Double) eval("expm1", 0)).isEqualTo(0.0);
        assertThat(eval("ln", 0)).isNull();
        assertThat((Double) eval("ln", Math.E)).isCloseTo(1.0, within(1e-12));
        assertThat(eval("log", 2, 8)).isEqualTo(3.0);
        assertThat((Double) eval("log", 10, 100)).isCloseTo(2.0, within(1e-12));
        assertThat(eval("log", 0.0, 1.0)).isNull();
        assertThat((Double) eval("log", Math.E)).isCloseTo(1.0, within(1e-12));
        assertThat(eval("log10", 1000)).isEqualTo(3.0);
        assertThat(eval("log2", 8)).isEqualTo(3.0);
        assertThat(eval("log1p", -1)).isNull();
        assertThat(eval("log1p", 0)).isEqualTo(0.0);
        assertThat(eval("pow", 2, 10)).isEqualTo(1024.0);
        assertThat(eval("power", 2.0, 0.5)).isEqualTo(Math.sqrt(2));
        assertThat(eval("hypot", 3, 4)).isEqualTo(5.0);
        assertThat(eval("atan2", 0, 1)).isEqualTo(0.0);
        assertThat(eval("sign", -3)).isEqualTo(-1.0);
        assertThat(eval("signum", 0)).isEqualTo(0.0);
        assertThat((Double) eval("degrees", Math.PI)).isCloseTo(180.0, within(1e-9));
        assertThat((Double) eval("radians", 180)).isCloseTo(Math.PI, within(1e-12));
        assertThat(eval("e")).isEqualTo(Math.E);
        assertThat(eval("pi")).isEqualTo(Math.PI);
        assertThat(call("pi").foldable()).isTrue();
        assertThat(eval("cos", 0)).isEqualTo(1.0);
        assertThat(eval("sin", 0)).isEqualTo(0.0);
        assertThat(eval("tanh", 0)).isEqualTo(0.0);
        assertThat((Double) eval("acos", 2)).isNaN();
        assertThat(error(() -> call("sqrt", call("array", 1))).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void ceilAndFloor() {
        assertThat(eval("ceil", -0.1)).isEqualTo(0L);
        assertThat(eval("ceil", 1.2)).isEqualTo(2L);
        assertThat(eval("ceiling", 5)).isEqualTo(5L);
        assertThat(eval("floor", -0.1)).isEqualTo(-1L);
        assertThat(call("floor", 1.5).dataType()).isEqualTo(DataTypes.LongType);
        Expression ceilDecimal = call("ceil", dec("3.14"));
        assertThat(ceilDecimal.dataType()).isEqualTo(new DecimalType(2, 0));
        assertThat(ceilDecimal.eval(InternalRow.EMPTY)).isEqualTo(new BigDecimal("4"));
        assertThat(eval("floor", dec("-3.14"))).isEqualTo(new BigDecimal("-4"));
        Expression scaled = call("ceil", dec("3.1411"), 3);
        assertThat(scaled.dataType()).isEqualTo(new DecimalType(5, 3));
        assertThat(scaled.eval(InternalRow.EMPTY)).isEqualTo(dec("3.142"));
        assertThat(eval("floor", dec("3.1411"), 3)).isEqualTo(dec("3.141"));
        assertThat(eval("floor", 1234.5, -2)).isEqualTo(dec("1200"));
    }

    @Test
    void roundingHalfUpAndHalfEven() {
        assertThat(eval("round", 2.5)).isEqualTo(3.0);
        assertThat(eval("bround", 2.5)).isEqualTo(2.0);
        assertThat(eval("round", -2.5)).isEqualTo(-3.0);
        assertThat(eval("bround", 3.5)).isEqualTo(4.0);
        assertThat(eval("round", 0.125, 2)).isEqualTo(0.13);
        assertThat(eval("bround", 0.125, 2)).isEqualTo(0.12);
        assertThat(eval("round", 1.005, 2)).isEqualTo(1.01);
        assertThat((Double) eval("round", Double.NaN)).isNaN();
        Expression decimal = call("round", dec("2.345"), 2);
        assertThat(decimal.dataType()).isEqualTo(new DecimalType(4, 2));
        assertThat(decimal.eval(InternalRow.EMPTY)).isEqualTo(dec("2.35"));
        assertThat(eval("bround", dec("2.345"), 2)).isEqualTo(dec("2.34"));
        Expression whole = call("round", dec("99.5"));
        assertThat(whole.dataType()).isEqualTo(new DecimalType(3, 0));
        assertThat(whole.eval(InternalRow.EMPTY)).isEqualTo(dec("100"));
        assertThat(call("round", dec("1.5"), 5).dataType()).isEqualTo(new DecimalType(3, 1));
        assertThat(eval("round", 125, -1)).isEqualTo(130);
        assertThat(eval("bround", 125, -1)).isEqualTo(120);
        assertThat(eval("round", 17, 2)).isEqualTo(17);
        assertThat(call("round", 125L, -1).dataType()).isEqualTo(DataTypes.LongType);
        assertThat(error(() -> eval("round", (byte) 127, -1)).errorClass()).isEqualTo(ErrorClass.ARITHMETIC_OVERFLOW);
        Expression column = new BoundReference(0, DataTypes.IntegerType, false);
        assertThat(error(() -> call("round", 1.5, column)).getMessage()).contains("must be a constant");
    }

    @Test
    void greatestAndLeastSkipNullsAndWiden() {
        assertThat(eval("greatest", 1, 5, 3)).isEqualTo(5);
        assertThat(eval("least", 3, nul(DataTypes.IntegerType), 1)).isEqualTo(1);
        assertThat(eval("greatest", nul(DataTypes.IntegerType), nul(DataTypes.IntegerType)))
                .isNull();
        Expression mixed = call("greatest", 1, dec("2.5"));
        assertThat(mixed.dataType()).isEqualTo(new DecimalType(11, 1));
        assertThat(mixed.eval(InternalRow.EMPTY)).isEqualTo(dec("2.5"));
        assertThat(eval("least", 1, 2.0)).isEqualTo(1.0);
        assertThat(eval("greatest", "a", "b")).isEqualTo("b");
        assertThat(eval("greatest", F.date("2024-01-01"), F.date("2023-01-01"))).isEqualTo(F.days("2024-01-01"));
        assertThat(error(() -> call("greatest", 1)).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE);
        assertThat(error(() -> call("greatest", 1, call("array", 1))).errorClass())
                .isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void modAndPmod() {
        assertThat(eval("mod", 7, 3)).isEqualTo(1);
        assertThat(eval("mod", -7, 3)).isEqualTo(-1);
        assertThat(eval("pmod", -7, 3)).isEqualTo(2);
        assertThat(eval("pmod", 7, -3)).isEqualTo(1);
        assertThat(eval("pmod", -7, -3)).isEqualTo(-1);
        assertThat(eval("pmod", -7.5, 2)).isEqualTo(0.5);
        assertThat(eval("pmod", dec("-7.5"), 2)).isEqualTo(dec("0.5"));
        assertThat(eval("pmod", -7L, 3)).isEqualTo(2L);
        assertThat(error(() -> eval("mod", 1, 0)).errorClass()).isEqualTo(ErrorClass.DIVIDE_BY_ZERO);
        assertThat(error(() -> eval("pmod", 1, 0)).errorClass()).isEqualTo(ErrorClass.DIVIDE_BY_ZERO);
        assertThat(F.evalIn(new FunctionContext("UTC", false), "pmod", 1, 0)).isNull();
    }

    @Test
    void smallFunctions() {
        assertThat(eval("negative", 5)).isEqualTo(-5);
        assertThat(eval("positive", 5)).isEqualTo(5);
        assertThat(eval("bin", 13)).isEqualTo("1101");
        assertThat(eval("bin", -1)).isEqualTo("1".repeat(64));
        assertThat(eval("factorial", 5)).isEqualTo(120L);
        assertThat(eval("factorial", 20)).isEqualTo(2432902008176640000L);
        assertThat(eval("factorial", 21)).isNull();
        assertThat(eval("isnan", Double.NaN)).isEqualTo(true);
        assertThat(eval("isnan", 1.0)).isEqualTo(false);
        assertThat(eval("isnan", nul(DataTypes.DoubleType))).isEqualTo(false);
        assertThat(eval("nanvl", Double.NaN, 1.0)).isEqualTo(1.0);
        assertThat(eval("nanvl", 2.0, 1.0)).isEqualTo(2.0);
        assertThat(eval("width_bucket", 5.3, 0.2, 10.6, 5)).isEqualTo(3L);
        assertThat(eval("width_bucket", -2.1, 1.3, 3.4, 3)).isEqualTo(0L);
        assertThat(eval("width_bucket", 8.1, 0.0, 5.7, 4)).isEqualTo(5L);
        assertThat(eval("width_bucket", -0.9, 5.2, 0.5, 2)).isEqualTo(3L);
        assertThat(eval("width_bucket", 1.0, 0.0, 2.0, 0)).isNull();
    }

    @Test
    void randomValues() {
        Expression rand = call("rand");
        assertThat(rand.deterministic()).isFalse();
        double value = (Double) rand.eval(InternalRow.EMPTY);
        assertThat(value).isBetween(0.0, 1.0);
        Expression seeded = call("rand", 42);
        Expression sameSeed = call("random", 42);
        double first = (Double) seeded.eval(InternalRow.EMPTY);
        assertThat(sameSeed.eval(InternalRow.EMPTY)).isEqualTo(first);
        assertThat(seeded.eval(InternalRow.EMPTY)).isNotEqualTo(first);
        assertThat(error(() -> call("rand", "x")).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void tryArithmeticGivesNullInsteadOfErrors() {
        assertThat(eval("try_add", 1, 2)).isEqualTo(3);
        assertThat(eval("try_add", Integer.MAX_VALUE, 1)).isNull();
        assertThat(eval("try_add", Integer.MAX_VALUE, 1L)).isEqualTo(2147483648L);
        assertThat(eval("try_subtract", 5, 7)).isEqualTo(-2);
        assertThat(eval("try_multiply", Long.MAX_VALUE, 2L)).isNull();
        assertThat(eval("try_divide", 3, 2)).isEqualTo(1.5);
        assertThat(eval("try_divide", 1, 0)).isNull();
        assertThat(eval("try_mod", 5, 0)).isNull();
        assertThat(eval("try_mod", 5, 3)).isEqualTo(2);
        Expression decimal = call("try_divide", dec("1"), 4);
        assertThat(decimal.dataType()).isInstanceOf(DecimalType.class);
        assertThat(((BigDecimal) decimal.eval(InternalRow.EMPTY)).compareTo(dec("0.25")))
                .isZero();
        assertThat(eval("try_add", dec("1.5"), 1)).isEqualTo(dec("2.5"));
        assertThat(eval("try_add", lit(null, DataTypes.IntegerType), 1)).isNull();
    }
}
