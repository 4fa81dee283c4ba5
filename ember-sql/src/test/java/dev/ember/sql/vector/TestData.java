package dev.ember.sql.vector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A schema of every type and deterministic rows of it, some values null. */
final class TestData {
    static final StructType NESTED_STRUCT =
            new StructType().add("a", DataTypes.IntegerType).add("b", DataTypes.StringType);

    static final List<DataType> ALL_TYPES = List.of(
            DataTypes.BooleanType,
            DataTypes.ByteType,
            DataTypes.ShortType,
            DataTypes.IntegerType,
            DataTypes.DateType,
            DataTypes.YearMonthIntervalType,
            DataTypes.LongType,
            DataTypes.TimestampType,
            DataTypes.TimestampNTZType,
            DataTypes.DayTimeIntervalType,
            DataTypes.createDecimalType(10, 2),
            DataTypes.createDecimalType(30, 5),
            DataTypes.FloatType,
            DataTypes.DoubleType,
            DataTypes.StringType,
            DataTypes.BinaryType,
            DataTypes.createArrayType(DataTypes.IntegerType),
            DataTypes.createMapType(DataTypes.StringType, DataTypes.createArrayType(DataTypes.LongType)),
            NESTED_STRUCT,
            DataTypes.NullType);

    private TestData() {}

    /** The value of column {@code column} in row {@code row}: null when (row + column) % 5 == 0. */
    static Object value(int column, int row) {
        if ((row + column) % 5 == 0 || column == 19) {
            return null;
        }
        switch (column) {
            case 0:
                return row % 3 == 1;
            case 1:
                return (byte) (row * 37 - 100);
            case 2:
                return (short) (row * 1001 - 30000);
            case 3:
            case 4:
            case 5:
                return row * 100_003 - 7 * column;
            case 6:
            case 7:
            case 8:
            case 9:
                return row * 10_000_000_019L - column;
            case 10:
                return BigDecimal.valueOf(row * 12_345L - 9_999, 2);
            case 11:
                return new BigDecimal(BigInteger.valueOf(row).pow(7).negate(), 5);
            case 12:
                return row * 1.5f - 0.25f;
            case 13:
                return row == 3 ? Double.NaN : row / 7.0;
            case 14:
                return row % 4 == 1 ? "r\u00e9sum\u00e9 \u65e5\u672c " + row : "row " + row;
            case 15:
                return ("b" + row).getBytes(StandardCharsets.UTF_8);
            case 16:
                return row % 6 == 2 ? List.of() : Arrays.asList(row, null, -row);
            case 17: {
                Map<String, Object> map = new LinkedHashMap<>();
                map.put("k" + row, List.of((long) row, 2L));
                map.put("z", null);
                return map;
            }
            case 18:
                return new Object[] {row, row % 2 == 0 ? null : "s" + row};
            default:
                throw new IllegalArgumentException("column " + column);
        }
    }

    static List<Object[]> rows(int count) {
        return rows(0, count);
    }

    static List<Object[]> rows(int from, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int row = from; row < from + count; row++) {
            Object[] values = new Object[ALL_TYPES.size()];
            for (int column = 0; column < values.length; column++) {
                values[column] = value(column, row);
            }
            rows.add(values);
        }
        return rows;
    }

    /** Asserts the rows hold the same values, arrays compared by content at any depth. */
    static void assertSameRows(List<Object[]> actual, List<Object[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(render(actual.get(i))).as("row %d", i).isEqualTo(render(expected.get(i)));
            assertThat(Arrays.deepEquals(canonical(actual.get(i)), canonical(expected.get(i))))
                    .as("row %d equals", i)
                    .isTrue();
        }
    }

    private static String render(Object[] row) {
        return Batches.valueToString(row);
    }

    /** Nested lists and maps turned to arrays, so that deepEquals compares byte[] and Object[] by content. */
    private static Object[] canonical(Object[] row) {
        Object[] out = new Object[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = canonicalValue(row[i]);
        }
        return out;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof List<?> list) {
            return canonical(list.toArray());
        }
        if (value instanceof Map<?, ?> map) {
            List<Object> flat = new ArrayList<>();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                flat.add(entry.getKey());
                flat.add(entry.getValue());
            }
            return canonical(flat.toArray());
        }
        if (value instanceof Object[] struct) {
            return canonical(struct);
        }
        if (value instanceof Double || value instanceof Float) {
            return value.toString();
        }
        return value;
    }
}
