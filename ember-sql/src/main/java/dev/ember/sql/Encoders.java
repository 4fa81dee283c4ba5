package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.Pair;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * The encoders of typed Datasets, with Spark's names: single values ({@code STRING()}, {@code LONG()}, {@code
 * DECIMAL()}, {@code LOCALDATE()}...), beans and records ({@code bean(Person.class)}), and pairs ({@code tuple(k,
 * v)}, as {@link Pair}s with columns {@code _1} and {@code _2}).
 */
public final class Encoders {
    private Encoders() {}

    public static Encoder<Boolean> BOOLEAN() {
        return new ValueEncoder<>(Boolean.class);
    }

    public static Encoder<Byte> BYTE() {
        return new ValueEncoder<>(Byte.class);
    }

    public static Encoder<Short> SHORT() {
        return new ValueEncoder<>(Short.class);
    }

    public static Encoder<Integer> INT() {
        return new ValueEncoder<>(Integer.class);
    }

    public static Encoder<Long> LONG() {
        return new ValueEncoder<>(Long.class);
    }

    public static Encoder<Float> FLOAT() {
        return new ValueEncoder<>(Float.class);
    }

    public static Encoder<Double> DOUBLE() {
        return new ValueEncoder<>(Double.class);
    }

    public static Encoder<String> STRING() {
        return new ValueEncoder<>(String.class);
    }

    /** {@code decimal(38,18)}, as Spark's. */
    public static Encoder<BigDecimal> DECIMAL() {
        return new ValueEncoder<>(BigDecimal.class);
    }

    public static Encoder<java.sql.Date> DATE() {
        return new ValueEncoder<>(java.sql.Date.class);
    }

    public static Encoder<LocalDate> LOCALDATE() {
        return new ValueEncoder<>(LocalDate.class);
    }

    public static Encoder<java.sql.Timestamp> TIMESTAMP() {
        return new ValueEncoder<>(java.sql.Timestamp.class);
    }

    public static Encoder<Instant> INSTANT() {
        return new ValueEncoder<>(Instant.class);
    }

    public static Encoder<LocalDateTime> LOCALDATETIME() {
        return new ValueEncoder<>(LocalDateTime.class);
    }

    public static Encoder<byte[]> BINARY() {
        return new ValueEncoder<>(byte[].class);
    }

    /** A JavaBean's properties (sorted by name) or a record's components as columns. */
    public static <T> Encoder<T> bean(Class<T> type) {
        return BeanEncoder.of(requireNonNull(type, "type is null"));
    }

    /** Pairs of the two encoders' values, as columns {@code _1} and {@code _2}. */
    public static <K, V> Encoder<Pair<K, V>> tuple(Encoder<K> first, Encoder<V> second) {
        return new PairEncoder<>(first, second);
    }

    /** Rows of a schema: the untyped Dataset's encoder. */
    public static Encoder<Row> row(StructType schema) {
        return new RowEncoder(schema);
    }

    /** A single value, as one column named {@code value}. */
    static final class ValueEncoder<T> implements Encoder<T> {
        private static final long serialVersionUID = 1L;
        private final Class<T> type;
        private final StructType schema;

        ValueEncoder(Class<T> type) {
            this.type = type;
            this.schema = new StructType().add("value", JavaValues.typeOf(type, "the value"), true);
        }

        @Override
        public StructType schema() {
            return schema;
        }

        @Override
        public Class<T> clazz() {
            return type;
        }

        @Override
        public boolean isStruct() {
            return false;
        }

        @Override
        public T fromRow(Object[] row) {
            return type.cast(JavaValues.toJava(row[0], type, schema.field(0).dataType(), "the value"));
        }

        @Override
        public Object[] toRow(T value) {
            return new Object[] {
                JavaValues.toInternal(value, type, schema.field(0).dataType(), "the value")
            };
        }

        @Override
        public String toString() {
            return "Encoders." + type.getSimpleName();
        }
    }

    /** Rows as the untyped API gives them: the engine's values made Java's ({@link ExternalValues}). */
    static final class RowEncoder implements Encoder<Row> {
        private static final long serialVersionUID = 1L;
        private final StructType schema;

        RowEncoder(StructType schema) {
            this.schema = requireNonNull(schema, "schema is null");
        }

        @Override
        public StructType schema() {
            return schema;
        }

        @Override
        public Class<Row> clazz() {
            return Row.class;
        }

        @Override
        public Row fromRow(Object[] row) {
            Object[] external = new Object[row.length];
            for (int i = 0; i < row.length; i++) {
                external[i] = ExternalValues.toExternal(row[i], schema.field(i).dataType());
            }
            return new Row(external, schema);
        }

        @Override
        public Object[] toRow(Row value) {
            Object[] internal = new Object[schema.size()];
            for (int i = 0; i < internal.length; i++) {
                StructField field = schema.field(i);
                internal[i] = ExternalValues.toInternal(value.get(i), field.dataType(), field.name());
            }
            return internal;
        }
    }

    /** A pair: each side a column, a struct for a side whose encoder has several columns. */
    static final class PairEncoder<K, V> implements Encoder<Pair<K, V>> {
        private static final long serialVersionUID = 1L;
        private final Encoder<K> first;
        private final Encoder<V> second;

        PairEncoder(Encoder<K> first, Encoder<V> second) {
            this.first = requireNonNull(first, "first is null");
            this.second = requireNonNull(second, "second is null");
        }

        private static DataType side(Encoder<?> encoder) {
            return encoder.isStruct()
                    ? encoder.schema()
                    : encoder.schema().field(0).dataType();
        }

        @Override
        public StructType schema() {
            return new StructType(
                    List.of(new StructField("_1", side(first), true), new StructField("_2", side(second), true)));
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Class<Pair<K, V>> clazz() {
            return (Class) Pair.class;
        }

        @Override
        public Pair<K, V> fromRow(Object[] row) {
            return Pair.of(decode(first, row[0]), decode(second, row[1]));
        }

        @Override
        public Object[] toRow(Pair<K, V> value) {
            return new Object[] {encode(first, value.key()), encode(second, value.value())};
        }

        static <T> T decode(Encoder<T> encoder, Object value) {
            if (encoder.isStruct()) {
                return value == null ? null : encoder.fromRow((Object[]) value);
            }
            return encoder.fromRow(new Object[] {value});
        }

        static <T> Object encode(Encoder<T> encoder, T value) {
            if (encoder.isStruct()) {
                return value == null ? null : encoder.toRow(value);
            }
            return encoder.toRow(value)[0];
        }
    }
}
