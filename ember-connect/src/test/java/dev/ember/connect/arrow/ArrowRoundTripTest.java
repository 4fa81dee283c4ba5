package dev.ember.connect.arrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Rows of every type written as an Arrow IPC stream and read back: the same values, nulls in place, no memory kept. */
class ArrowRoundTripTest {
    private final BufferAllocator allocator = new RootAllocator(Long.MAX_VALUE);

    @AfterEach
    void everyBufferWasReleased() {
        assertThat(allocator.getAllocatedMemory()).isZero();
        allocator.close();
    }

    @Test
    void everyTypeAndNullSurvivesTheRoundTrip() {
        StructType inner = new StructType(
                new StructField("x", DataTypes.IntegerType, true), new StructField("y", DataTypes.StringType, true));
        StructType schema = new StructType(
                new StructField("bool", DataTypes.BooleanType, true),
                new StructField("byte", DataTypes.ByteType, true),
                new StructField("short", DataTypes.ShortType, true),
                new StructField("int", DataTypes.IntegerType, true),
                new StructField("long", DataTypes.LongType, true),
                new StructField("float", DataTypes.FloatType, true),
                new StructField("double", DataTypes.DoubleType, true),
                new StructField("decimal", new DecimalType(20, 4), true),
                new StructField("string", DataTypes.StringType, true),
                new StructField("binary", DataTypes.BinaryType, true),
                new StructField("date", DataTypes.DateType, true),
                new StructField("ts", DataTypes.TimestampType, true),
                new StructField("ntz", DataTypes.TimestampNTZType, true),
                new StructField("months", DataTypes.YearMonthIntervalType, true),
                new StructField("micros", DataTypes.DayTimeIntervalType, true),
                new StructField("array", new ArrayType(DataTypes.LongType, true), true),
                new StructField("map", new MapType(DataTypes.StringType, inner, true), true),
                new StructField("struct", inner, true),
                new StructField("void", DataTypes.NullType, true));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("a", new Object[] {1, "one"});
        map.put("b", null);
        Object[] full = {
            true,
            (byte) -7,
            (short) 300,
            -42,
            1L << 40,
            1.5f,
            -2.25,
            new BigDecimal("1234567890123.4567"),
            "ünïcode ✓",
            new byte[] {0, 1, (byte) 255},
            19_782,
            1_709_214_310_123_456L,
            -5L,
            14,
            86_400_000_001L,
            Arrays.asList(1L, null, 3L),
            map,
            new Object[] {null, "y"},
            null
        };
        Object[] nulls = new Object[schema.size()];
        Object[] empties = full.clone();
        empties[15] = List.of();
        empties[16] = new LinkedHashMap<>();
        List<Object[]> rows = List.of(full, nulls, empties);

        byte[] stream = new ArrowWriter(allocator, schema, "Europe/Paris").write(rows, 0, rows.size());
        ArrowReader.Result back = ArrowReader.read(allocator, stream, schema, 100, 10_000);

        assertThat(back.schema()).isEqualTo(schema);
        assertThat(back.rows()).hasSize(3);
        assertThat(deep(back.rows().get(0))).isEqualTo(deep(full));
        assertThat(back.rows().get(1)).containsOnlyNulls();
        assertThat(deep(back.rows().get(2))).isEqualTo(deep(empties));
    }

    @Test
    void theStreamsOwnSchemaIsUsedWhenNoneIsGiven() {
        StructType schema = new StructType(
                new StructField("n", DataTypes.LongType, false), new StructField("s", DataTypes.StringType, true));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 1000; i++) {
            rows.add(new Object[] {i, i % 3 == 0 ? null : "v" + i});
        }
        byte[] stream = new ArrowWriter(allocator, schema, "UTC").write(rows, 100, 300);
        ArrowReader.Result back = ArrowReader.read(allocator, stream, null, 1000, 10_000);
        assertThat(back.schema()).isEqualTo(schema);
        assertThat(back.rows()).hasSize(200);
        assertThat(back.rows().get(0)).containsExactly(100L, "v100");
        assertThat(back.rows().get(2)).containsExactly(102L, null);
    }

    @Test
    void tooManyRowsOrValuesAndGarbageAreRefusedWithoutKeepingMemory() {
        StructType schema = new StructType(new StructField("n", DataTypes.LongType, false));
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 50; i++) {
            rows.add(new Object[] {i});
        }
        byte[] stream = new ArrowWriter(allocator, schema, "UTC").write(rows, 0, rows.size());
        assertThatThrownBy(() -> ArrowReader.read(allocator, stream, schema, 49, 10_000))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("more than 49 rows");
        assertThatThrownBy(() -> ArrowReader.read(allocator, stream, schema, 100, 10))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("10 values");
        byte[] truncated = Arrays.copyOf(stream, stream.length / 2);
        assertThatThrownBy(() -> ArrowReader.read(allocator, truncated, schema, 100, 10_000))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("cannot be read");
        StructType wider = new StructType(
                new StructField("n", DataTypes.LongType, false), new StructField("m", DataTypes.LongType, false));
        assertThatThrownBy(() -> ArrowReader.read(allocator, stream, wider, 100, 10_000))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("2 columns");
    }

    /** Arrays compared by content, recursively, as lists. */
    private static Object deep(Object value) {
        if (value instanceof Object[] array) {
            List<Object> list = new ArrayList<>();
            for (Object item : array) {
                list.add(deep(item));
            }
            return list;
        }
        if (value instanceof byte[] bytes) {
            return Arrays.toString(bytes);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (Object item : list) {
                copy.add(deep(item));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(deep(k), deep(v)));
            return copy;
        }
        return value;
    }
}
