package dev.ember.sql.types;

import java.util.List;

/** The types by the names Spark's Java API gives them, and factories for the types that take parameters. */
public final class DataTypes {
    public static final BooleanType BooleanType = new BooleanType();
    public static final ByteType ByteType = new ByteType();
    public static final ShortType ShortType = new ShortType();
    public static final IntegerType IntegerType = new IntegerType();
    public static final LongType LongType = new LongType();
    public static final FloatType FloatType = new FloatType();
    public static final DoubleType DoubleType = new DoubleType();
    public static final StringType StringType = new StringType();
    public static final BinaryType BinaryType = new BinaryType();
    public static final DateType DateType = new DateType();
    public static final TimestampType TimestampType = new TimestampType();
    public static final TimestampNTZType TimestampNTZType = new TimestampNTZType();
    public static final NullType NullType = new NullType();
    public static final YearMonthIntervalType YearMonthIntervalType = new YearMonthIntervalType();
    public static final DayTimeIntervalType DayTimeIntervalType = new DayTimeIntervalType();

    private DataTypes() {}

    /** {@code interval day}, {@code interval hour to second} and the like: fields as {@link DayTimeIntervalType#DAY}... */
    public static DayTimeIntervalType createDayTimeIntervalType(int startField, int endField) {
        return new DayTimeIntervalType(startField, endField);
    }

    /** {@code interval year}, {@code interval month} or {@code interval year to month}. */
    public static YearMonthIntervalType createYearMonthIntervalType(int startField, int endField) {
        return new YearMonthIntervalType(startField, endField);
    }

    public static DecimalType createDecimalType(int precision, int scale) {
        return new DecimalType(precision, scale);
    }

    public static DecimalType createDecimalType() {
        return DecimalType.USER_DEFAULT;
    }

    public static ArrayType createArrayType(DataType elementType) {
        return new ArrayType(elementType, true);
    }

    public static ArrayType createArrayType(DataType elementType, boolean containsNull) {
        return new ArrayType(elementType, containsNull);
    }

    public static MapType createMapType(DataType keyType, DataType valueType) {
        return new MapType(keyType, valueType, true);
    }

    public static MapType createMapType(DataType keyType, DataType valueType, boolean valueContainsNull) {
        return new MapType(keyType, valueType, valueContainsNull);
    }

    public static StructField createStructField(String name, DataType dataType, boolean nullable) {
        return new StructField(name, dataType, nullable);
    }

    public static StructType createStructType(List<StructField> fields) {
        return new StructType(fields);
    }

    public static StructType createStructType(StructField[] fields) {
        return new StructType(fields);
    }
}
