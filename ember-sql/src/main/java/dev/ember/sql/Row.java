package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.StructType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One row of a {@link Dataset}'s result, with the values as Java users expect them: {@code Integer}, {@code Long},
 * {@code Double}, {@code String}, {@code BigDecimal}, {@code java.sql.Date} for dates, {@code java.sql.Timestamp} for
 * timestamps ({@code java.time.LocalDateTime} for timestamp_ntz), {@code byte[]}, {@code List} for arrays, {@code Map}
 * for maps and {@code Row} for structs; null for SQL's null. Rows are immutable.
 */
public final class Row implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Object[] values;
    private final StructType schema;

    Row(Object[] values, StructType schema) {
        this.values = values;
        this.schema = schema;
    }

    /** A row of {@code values}, without a schema (as {@link RowFactory#create} makes them). */
    public static Row of(Object... values) {
        return new Row(values.clone(), null);
    }

    public int size() {
        return values.length;
    }

    public int length() {
        return values.length;
    }

    /** The schema, when the row came from a query; null for rows made with {@link RowFactory}. */
    public StructType schema() {
        return schema;
    }

    public Object get(int i) {
        return values[i];
    }

    public boolean isNullAt(int i) {
        return values[i] == null;
    }

    /** The value of the column called {@code name}; fails naming the columns there are. */
    @SuppressWarnings("unchecked")
    public <T> T getAs(String name) {
        return (T) values[fieldIndex(name)];
    }

    @SuppressWarnings("unchecked")
    public <T> T getAs(int i) {
        return (T) values[i];
    }

    public int fieldIndex(String name) {
        if (schema == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "This row has no schema, so its fields have no names; use get(i)");
        }
        return schema.fieldIndex(name);
    }

    public boolean getBoolean(int i) {
        return (Boolean) notNull(i);
    }

    public byte getByte(int i) {
        return ((Number) notNull(i)).byteValue();
    }

    public short getShort(int i) {
        return ((Number) notNull(i)).shortValue();
    }

    public int getInt(int i) {
        Object value = notNull(i);
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).intValue();
        }
        throw wrongType(i, "int");
    }

    public long getLong(int i) {
        Object value = notNull(i);
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        throw wrongType(i, "long");
    }

    public float getFloat(int i) {
        return ((Number) notNull(i)).floatValue();
    }

    public double getDouble(int i) {
        Object value = notNull(i);
        if (value instanceof Number number && !(value instanceof BigDecimal)) {
            return number.doubleValue();
        }
        throw wrongType(i, "double");
    }

    public String getString(int i) {
        Object value = values[i];
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw wrongType(i, "String");
    }

    public BigDecimal getDecimal(int i) {
        return (BigDecimal) values[i];
    }

    public Date getDate(int i) {
        return (Date) values[i];
    }

    public Timestamp getTimestamp(int i) {
        return (Timestamp) values[i];
    }

    @SuppressWarnings("unchecked")
    public <T> List<T> getList(int i) {
        return (List<T>) values[i];
    }

    @SuppressWarnings("unchecked")
    public <K, V> Map<K, V> getJavaMap(int i) {
        return (Map<K, V>) values[i];
    }

    public Row getStruct(int i) {
        return (Row) values[i];
    }

    private Object notNull(int i) {
        Object value = values[i];
        if (value == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The value of " + describe(i) + " is null; check isNullAt(" + i + ") or use get(" + i + ")");
        }
        return value;
    }

    private EmberException wrongType(int i, String wanted) {
        return new EmberException(
                ErrorClass.INVALID_ARGUMENT,
                "The value of " + describe(i) + " is a " + values[i].getClass().getSimpleName() + ", not a " + wanted
                        + (schema == null
                                ? ""
                                : " (its type is " + schema.field(i).dataType().sql() + ")"));
    }

    private String describe(int i) {
        return schema == null
                ? "field " + i
                : "field " + i + " (" + schema.field(i).name() + ")";
    }

    /** The values, copied. */
    public Object[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && Arrays.deepEquals(row.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }

    /** {@code [1,a,null]}, as Spark prints rows. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            Object value = values[i];
            text.append(value instanceof byte[] bytes ? Arrays.toString(bytes) : String.valueOf(value));
        }
        return text.append(']').toString();
    }
}
