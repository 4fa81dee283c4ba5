package dev.ember.sql.library;

import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.dec;
import static dev.ember.sql.library.F.error;
import static dev.ember.sql.library.F.eval;
import static dev.ember.sql.library.F.nul;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.ErrorClass;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Coalesce;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import org.junit.jupiter.api.Test;

class ConditionalFunctionsTest {
    @Test
    void coalesceWidensItsArguments() {
        Expression coalesce = call("coalesce", nul(DataTypes.IntegerType), 2L, 3);
        assertThat(coalesce).isInstanceOf(Coalesce.class);
        assertThat(coalesce.dataType()).isEqualTo(DataTypes.LongType);
        assertThat(coalesce.eval(InternalRow.EMPTY)).isEqualTo(2L);
        assertThat(eval("coalesce", Literal.NULL, Literal.NULL)).isNull();
        Expression decimal = call("coalesce", nul(DataTypes.IntegerType), dec("1.5"));
        assertThat(decimal.dataType()).isEqualTo(new DecimalType(11, 1));
        assertThat(eval("nvl", nul(DataTypes.StringType), "x")).isEqualTo("x");
        assertThat(eval("ifnull", "a", "x")).isEqualTo("a");
        assertThat(eval("coalesce", F.date("2024-01-01"), "2024-02-02")).isEqualTo(F.days("2024-01-01"));
        assertThat(error(() -> call("coalesce")).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE);
        assertThat(error(() -> call("coalesce", 1, call("array", 1))).getMessage())
                .contains("must share a type, but they are INT, ARRAY<INT>");
    }

    @Test
    void ifAndFriends() {
        Expression ifCall = call("if", true, 1, dec("2.5"));
        assertThat(ifCall).isInstanceOf(CaseWhen.class);
        assertThat(ifCall.dataType()).isEqualTo(new DecimalType(11, 1));
        assertThat(ifCall.eval(InternalRow.EMPTY)).isEqualTo(dec("1.0"));
        assertThat(call("if", true, 1, 2.5).dataType()).isEqualTo(DataTypes.DoubleType);
        assertThat(eval("if", false, "a", "b")).isEqualTo("b");
        assertThat(eval("if", nul(DataTypes.BooleanType), "a", "b")).isEqualTo("b");
        assertThat(eval("iff", "true", 1, 2)).isEqualTo(1);
        assertThat(eval("nvl2", nul(DataTypes.IntegerType), "a", "b")).isEqualTo("b");
        assertThat(eval("nvl2", 1, "a", "b")).isEqualTo("a");
        assertThat(eval("nullif", 2, 2)).isNull();
        assertThat(eval("nullif", 2, 3)).isEqualTo(2);
        assertThat(eval("nullif", 2, 2L)).isNull();
        assertThat(call("nullif", 2, 2L).dataType()).isEqualTo(DataTypes.IntegerType);
        assertThat(call("isnull", 1)).isInstanceOf(IsNull.class);
        assertThat(eval("isnull", nul(DataTypes.IntegerType))).isEqualTo(true);
        assertThat(call("isnotnull", 1)).isInstanceOf(IsNotNull.class);
        assertThat(eval("isnotnull", 1)).isEqualTo(true);
        Expression equalNull = call("equal_null", nul(DataTypes.IntegerType), Literal.NULL);
        assertThat(equalNull).isInstanceOf(Comparison.class);
        assertThat(equalNull.eval(InternalRow.EMPTY)).isEqualTo(true);
        assertThat(eval("equal_null", 1, nul(DataTypes.IntegerType))).isEqualTo(false);
        assertThat(eval("equal_null", 1, 1L)).isEqualTo(true);
        assertThat(error(() -> call("if", true, 1)).getMessage())
                .contains("The function if takes 3 arguments, but 2 were given");
    }

    @Test
    void assertions() {
        assertThat(eval("assert_true", true)).isNull();
        assertThat(error(() -> eval("assert_true", false)).getMessage()).contains("is not true");
        assertThat(error(() -> eval("assert_true", nul(DataTypes.BooleanType), "custom"))
                        .getMessage())
                .contains("custom");
        Expression raise = call("raise_error", "boom");
        assertThat(raise.foldable()).isFalse();
        assertThat(error(() -> raise.eval(InternalRow.EMPTY)).getMessage()).contains("boom");
    }
}
