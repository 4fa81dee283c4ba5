package dev.ember.sql.library;

import static dev.ember.sql.library.F.array;
import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.date;
import static dev.ember.sql.library.F.days;
import static dev.ember.sql.library.F.error;
import static dev.ember.sql.library.F.eval;
import static dev.ember.sql.library.F.evalIn;
import static dev.ember.sql.library.F.list;
import static dev.ember.sql.library.F.lit;
import static dev.ember.sql.library.F.nul;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CollectionFunctionsTest {
    private static final ArrayType INTS = new ArrayType(DataTypes.IntegerType, true);

    @Test
    void arraysAreBuiltOfTheWiderType() {
        Expression array = call("array", 1, 2L, nul(DataTypes.IntegerType));
        assertThat(array.dataType()).isEqualTo(new ArrayType(DataTypes.LongType, true));
        assertThat(array.eval(InternalRow.EMPTY)).isEqualTo(list(1L, 2L, null));
        assertThat(call("array", 1, 2).dataType()).isEqualTo(new ArrayType(DataTypes.IntegerType, false));
        assertThat(eval("array")).isEqualTo(List.of());
        assertThat(call("array").dataType()).isEqualTo(new ArrayType(DataTypes.NullType, false));
    }

    @Test
    void searching() {
        assertThat(eval("array_contains", array(DataTypes.IntegerType, 1, 2, 3), 2))
                .isEqualTo(true);
        assertThat(eval("array_contains", array(DataTypes.IntegerType, 1, 2, 3), 4))
                .isEqualTo(false);
        assertThat(eval("array_contains", array(DataTypes.IntegerType, 1, null), 4))
                .isNull();
        assertThat(eval("array_contains", array(DataTypes.IntegerType, 1, 2), 2L))
                .isEqualTo(true);
        assertThat(eval("array_contains", array(DataTypes.DoubleType, Double.NaN), Double.NaN))
                .isEqualTo(true);
        assertThat(eval("array_contains", nul(INTS), 1)).isNull();
        assertThat(eval("array_position", array(DataTypes.IntegerType, 3, 2, 1, 2), 2))
                .isEqualTo(2L);
        assertThat(eval("array_position", array(DataTypes.IntegerType, 3, 2), 5))
                .isEqualTo(0L);
        assertThat(error(() -> call("array_contains", 1, 1)).getMessage()).contains("must be an ARRAY, but it is INT");
    }

    @Test
    void setOperations() {
        Expression a = array(DataTypes.IntegerType, 1, 2, 2, 3, null, null);
        Expression b = array(DataTypes.IntegerType, 1, 3, 5);
        assertThat(eval("array_distinct", a)).isEqualTo(list(1, 2, 3, null));
        assertThat(eval("array_except", a, b)).isEqualTo(list(2, null));
        assertThat(eval("array_intersect", a, b)).isEqualTo(list(1, 3));
        assertThat(eval("array_union", a, b)).isEqualTo(list(1, 2, 3, null, 5));
        Expression widened = call("array_union", array(DataTypes.IntegerType, 1), array(DataTypes.LongType, 2L));
        assertThat(widened.dataType()).isEqualTo(new ArrayType(DataTypes.LongType, true));
        assertThat(widened.eval(InternalRow.EMPTY)).isEqualTo(list(1L, 2L));
        assertThat(eval("array_distinct", array(DataTypes.DoubleType, 0.0, -0.0, Double.NaN, Double.NaN)))
                .isEqualTo(list(0.0, Double.NaN));
    }

    @Test
    void joiningAndExtremes() {
        Expression strings = array(DataTypes.StringType, "hello", null, "world");
        assertThat(eval("array_join", strings, " ")).isEqualTo("hello world");
        assertThat(eval("array_join", strings, " ", ",")).isEqualTo("hello , world");
        assertThat(eval("array_join", array(DataTypes.IntegerType, 1, 2), "-")).isEqualTo("1-2");
        assertThat(eval("array_max", array(DataTypes.IntegerType, 1, 20, null, 3)))
                .isEqualTo(20);
        assertThat(eval("array_min", array(DataTypes.IntegerType, 1, 20, null, 3)))
                .isEqualTo(1);
        assertThat(eval("array_max", array(DataTypes.DoubleType, 1.0, Double.NaN)))
                .isEqualTo(Double.NaN);
        assertThat(eval("array_max", array(DataTypes.IntegerType))).isNull();
    }

    @Test
    void removingRepeatingSorting() {
        assertThat(eval("array_remove", array(DataTypes.IntegerType, 1, 2, 3, null, 3), 3))
                .isEqualTo(list(1, 2, null));
        assertThat(eval("array_repeat", "123", 2)).isEqualTo(list("123", "123"));
        assertThat(eval("array_repeat", nul(DataTypes.StringType), 2)).isEqualTo(list(null, null));
        assertThat(eval("array_repeat", "x", -1)).isEqualTo(List.of());
        Expression unsorted = array(DataTypes.StringType, "b", "d", null, "c", "a");
        assertThat(eval("array_sort", unsorted)).isEqualTo(list("a", "b", "c", "d", null));
        assertThat(eval("sort_array", unsorted)).isEqualTo(list(null, "a", "b", "c", "d"));
        assertThat(eval("sort_array", unsorted, false)).isEqualTo(list("d", "c", "b", "a", null));
        assertThat(eval("reverse", array(DataTypes.IntegerType, 2, 1, 4, 3))).isEqualTo(list(3, 4, 1, 2));
        assertThat(eval("array_compact", array(DataTypes.IntegerType, 1, null, 2)))
                .isEqualTo(list(1, 2));
        assertThat(eval("array_append", array(DataTypes.IntegerType, 1), 2)).isEqualTo(list(1, 2));
        assertThat(eval("array_prepend", array(DataTypes.IntegerType, 1), 2)).isEqualTo(list(2, 1));
    }

    @Test
    void elementAtAndSize() {
        Expression values = array(DataTypes.IntegerType, 1, 2, 3);
        assertThat(eval("element_at", values, 2)).isEqualTo(2);
        assertThat(eval("element_at", values, -1)).isEqualTo(3);
        assertThat(error(() -> eval("element_at", values, 5)).getMessage()).contains("out of bounds");
        assertThat(evalIn(new FunctionContext("UTC", false), "element_at", values, 5))
                .isNull();
        assertThat(eval("try_element_at", values, 5)).isNull();
        assertThat(error(() -> eval("element_at", values, 0)).getMessage()).contains("start at 1");
        Expression map = call("map", 1, "a", 2, "b");
        assertThat(eval("element_at", map, 2)).isEqualTo("b");
        assertThat(eval("element_at", map, 3)).isNull();
        assertThat(eval("size", values)).isEqualTo(3);
        assertThat(eval("cardinality", map)).isEqualTo(2);
        assertThat(eval("size", nul(INTS))).isNull();
    }

    @Test
    void flattenAndSlice() {
        Expression nested = call("array", call("array", 1, 2), call("array", 3));
        assertThat(eval("flatten", nested)).isEqualTo(list(1, 2, 3));
        Expression withNull = call("array", call("array", 1), nul(INTS));
        assertThat(eval("flatten", withNull)).isNull();
        Expression values = array(DataTypes.IntegerType, 1, 2, 3, 4);
        assertThat(eval("slice", values, 2, 2)).isEqualTo(list(2, 3));
        assertThat(eval("slice", values, -2, 2)).isEqualTo(list(3, 4));
        assertThat(eval("slice", values, 3, 10)).isEqualTo(list(3, 4));
        assertThat(eval("slice", values, 10, 1)).isEqualTo(List.of());
        assertThat(error(() -> eval("slice", values, 0, 1)).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error(() -> eval("slice", values, 1, -1)).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(eval("concat", values, array(DataTypes.IntegerType, 5))).isEqualTo(list(1, 2, 3, 4, 5));
        assertThat(eval("concat", values, nul(INTS))).isNull();
    }

    @Test
    void maps() {
        Expression map = call("map", 1, "a", 2L, "b");
        assertThat(map.dataType()).isEqualTo(new MapType(DataTypes.LongType, DataTypes.StringType, false));
        Map<?, ?> value = (Map<?, ?>) map.eval(InternalRow.EMPTY);
        assertThat(List.copyOf(value.keySet())).isEqualTo(List.of(1L, 2L));
        assertThat(eval("map_keys", map)).isEqualTo(list(1L, 2L));
        assertThat(eval("map_values", map)).isEqualTo(list("a", "b"));
        List<?> entries = (List<?>) eval("map_entries", map);
        assertThat((Object[]) entries.get(1)).containsExactly(2L, "b");
        assertThat(call("map_entries", map).dataType()).isInstanceOf(ArrayType.class);
        assertThat(eval("map_contains_key", map, 2)).isEqualTo(true);
        assertThat(eval("map_contains_key", map, 3)).isEqualTo(false);
        assertThat(error(() -> eval("map", 1, "a", 1, "b")).getMessage()).contains("Duplicate map key 1");
        assertThat(error(() -> eval("map", nul(DataTypes.IntegerType), "a")).getMessage())
                .contains("cannot be null");
        assertThat(error(() -> call("map", 1)).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE);
        Expression fromArrays =
                call("map_from_arrays", array(DataTypes.IntegerType, 1, 2), array(DataTypes.StringType, "x", "y"));
        assertThat(((Map<?, ?>) fromArrays.eval(InternalRow.EMPTY)).get(2)).isEqualTo("y");
        assertThat(error(() -> eval("map_from_arrays", array(DataTypes.IntegerType, 1), array(DataTypes.StringType)))
                        .getMessage())
                .contains("same length");
        Expression fromEntries =
                call("map_from_entries", call("array", call("struct", 1, "a"), call("struct", 2, "b")));
        assertThat(((Map<?, ?>) fromEntries.eval(InternalRow.EMPTY)).get(1)).isEqualTo("a");
    }

    @Test
    void structs() {
        Expression struct = call("struct", 1, "a");
        StructType type = (StructType) struct.dataType();
        assertThat(type.fieldNames()).containsExactly("col1", "col2");
        assertThat((Object[]) struct.eval(InternalRow.EMPTY)).containsExactly(1, "a");
        Expression named = call("named_struct", "x", 1, "y", lit(null, DataTypes.StringType));
        assertThat(((StructType) named.dataType()).fieldNames()).containsExactly("x", "y");
        assertThat((Object[]) named.eval(InternalRow.EMPTY)).containsExactly(1, null);
        assertThat(error(() -> call("named_struct", "x")).errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE);
        assertThat(error(() -> call("named_struct", 1, 2)).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
        Expression zipped = call("arrays_zip", array(DataTypes.IntegerType, 1, 2), array(DataTypes.StringType, "a"));
        List<?> rows = (List<?>) zipped.eval(InternalRow.EMPTY);
        assertThat((Object[]) rows.get(0)).containsExactly(1, "a");
        assertThat((Object[]) rows.get(1)).containsExactly(2, null);
    }

    @Test
    void sequences() {
        assertThat(eval("sequence", 1, 5)).isEqualTo(list(1, 2, 3, 4, 5));
        assertThat(eval("sequence", 5, 1)).isEqualTo(list(5, 4, 3, 2, 1));
        assertThat(eval("sequence", 1, 10, 4)).isEqualTo(list(1, 5, 9));
        assertThat(eval("sequence", 1L, 3)).isEqualTo(list(1L, 2L, 3L));
        assertThat(error(() -> eval("sequence", 1, 5, -1)).getMessage()).contains("Illegal sequence boundaries");
        assertThat(eval("sequence", date("2024-02-27"), date("2024-03-01")))
                .isEqualTo(list(days("2024-02-27"), days("2024-02-28"), days("2024-02-29"), days("2024-03-01")));
        assertThat(eval("sequence", date("2024-01-31"), date("2024-05-01"), lit(1, DataTypes.YearMonthIntervalType)))
                .isEqualTo(list(days("2024-01-31"), days("2024-02-29"), days("2024-03-31"), days("2024-04-30")));
        assertThat(eval(
                        "sequence",
                        F.ts("2024-01-01T00:00:00"),
                        F.ts("2024-01-01T02:00:00"),
                        lit(3_600_000_000L, DataTypes.DayTimeIntervalType)))
                .isEqualTo(list(
                        F.micros("2024-01-01T00:00:00"),
                        F.micros("2024-01-01T01:00:00"),
                        F.micros("2024-01-01T02:00:00")));
        assertThat(error(() -> call("sequence", "a", "b")).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }
}
