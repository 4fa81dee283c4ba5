package dev.ember.sql.vector;

import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.util.Arrays;
import java.util.List;

/** Makes the vector that holds a type: {@link #allocate}, and vectors of given values. */
public final class ColumnVectors {
    private ColumnVectors() {}

    /** The kinds of vector, one per concrete class, for code that switches on how a type is held. */
    public enum Kind {
        BOOLEAN,
        INT,
        LONG,
        FLOAT,
        DOUBLE,
        BYTES,
        OBJECT
    }

    /** How values of {@code type} are held. */
    public static Kind kindOf(DataType type) {
        if (type instanceof BooleanType) {
            return Kind.BOOLEAN;
        }
        if (type instanceof IntegerType
                || type instanceof DateType
                || type instanceof ByteType
                || type instanceof ShortType
                || type instanceof YearMonthIntervalType) {
            return Kind.INT;
        }
        if (type instanceof LongType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType
                || type instanceof DayTimeIntervalType) {
            return Kind.LONG;
        }
        if (type instanceof DecimalType decimal) {
            return decimal.fitsInLong() ? Kind.LONG : Kind.OBJECT;
        }
        if (type instanceof DoubleType) {
            return Kind.DOUBLE;
        }
        if (type instanceof FloatType) {
            return Kind.FLOAT;
        }
        if (type instanceof StringType || type instanceof BinaryType) {
            return Kind.BYTES;
        }
        return Kind.OBJECT;
    }

    /** An empty vector for values of {@code type}, of {@code capacity} rows before it grows. */
    public static ColumnVector allocate(DataType type, int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("Negative capacity " + capacity);
        }
        switch (kindOf(type)) {
            case BOOLEAN:
                return new BooleanVector(capacity);
            case INT:
                return new IntVector(type, capacity);
            case LONG:
                return new LongVector(type, capacity);
            case FLOAT:
                return new FloatVector(capacity);
            case DOUBLE:
                return new DoubleVector(capacity);
            case BYTES:
                return new BytesVector(type, capacity);
            default:
                return new ObjectVector(type, capacity);
        }
    }

    /** A vector of {@code size} rows all holding {@code value} (an internal value of {@code type}, or null). */
    public static ColumnVector constant(DataType type, Object value, int size) {
        ColumnVector vector;
        if (kindOf(type) == Kind.BYTES && value != null) {
            int length = value instanceof String string ? string.length() : ((byte[]) value).length;
            vector = new BytesVector(type, size, Math.max(16L, (long) length * size));
        } else {
            vector = allocate(type, size);
        }
        if (size == 0) {
            return vector;
        }
        if (value == null) {
            for (int row = 0; row < size; row++) {
                vector.setNull(row);
            }
            return vector;
        }
        vector.setObject(0, value);
        for (int row = 1; row < size; row++) {
            vector.copyFrom(row, vector, 0);
        }
        return vector;
    }

    /** A vector holding {@code values} (internal values of {@code type}, null for null), in order. */
    public static ColumnVector of(DataType type, List<?> values) {
        ColumnVector vector = allocate(type, values.size());
        for (int row = 0; row < values.size(); row++) {
            vector.setObject(row, values.get(row));
        }
        return vector;
    }

    /** A vector holding {@code values} (internal values of {@code type}, null for null), in order. */
    public static ColumnVector of(DataType type, Object... values) {
        return of(type, Arrays.asList(values));
    }
}
