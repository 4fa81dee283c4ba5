package dev.ember.sql.types;

import java.io.Serializable;

/**
 * The type of a column or an expression. Types are values: two types are equal when they describe the same data, so
 * they can be compared with {@code equals} and used as keys.
 *
 * <p>How a value of each type is held inside the engine (in rows, literals and the scalar evaluation of expressions)
 * is fixed, and every part of the engine relies on it:
 *
 * <pre>
 *   boolean Boolean      tinyint Byte       smallint Short     int Integer       bigint Long
 *   float Float          double Double      decimal(p,s) BigDecimal of scale s
 *   string String        binary byte[]      date Integer (days since 1970-01-01)
 *   timestamp Long (microseconds since 1970-01-01T00:00Z)   timestamp_ntz Long (microseconds, no time zone)
 *   interval year to month Integer (months)               interval day to second Long (microseconds)
 *   array List          map Map (insertion ordered)       struct Object[] (one value per field)
 *   void: always null
 * </pre>
 *
 * A null value is Java's null whatever the type.
 */
public sealed interface DataType extends Serializable
        permits ArrayType,
                BinaryType,
                BooleanType,
                ByteType,
                DateType,
                DayTimeIntervalType,
                DecimalType,
                DoubleType,
                FloatType,
                IntegerType,
                LongType,
                MapType,
                NullType,
                ShortType,
                StringType,
                StructType,
                TimestampNTZType,
                TimestampType,
                YearMonthIntervalType {
    /** The type as SQL writes it, in upper case: {@code INT}, {@code DECIMAL(10,2)}, {@code ARRAY<STRING>}. */
    String sql();

    /** The type as Spark's {@code simpleString} writes it, in lower case: {@code int}, {@code decimal(10,2)}. */
    String simpleString();

    /** The bytes a value takes, as estimated for planning (row sizes, broadcast thresholds). */
    int defaultSize();

    /** Whether this is a number type: integral, floating or decimal. */
    default boolean isNumeric() {
        return this instanceof ByteType
                || this instanceof ShortType
                || this instanceof IntegerType
                || this instanceof LongType
                || this instanceof FloatType
                || this instanceof DoubleType
                || this instanceof DecimalType;
    }

    /** Whether this is an integral number type: tinyint, smallint, int or bigint. */
    default boolean isIntegral() {
        return this instanceof ByteType
                || this instanceof ShortType
                || this instanceof IntegerType
                || this instanceof LongType;
    }

    /** Whether values of this type can be ordered (everything but maps). */
    default boolean isOrderable() {
        return !(this instanceof MapType);
    }
}
