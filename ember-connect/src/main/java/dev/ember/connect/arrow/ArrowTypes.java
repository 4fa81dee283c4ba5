package dev.ember.connect.arrow;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.IntervalUnit;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The engine's types as Arrow's, as Spark Connect's clients expect them: timestamps in microseconds (with the
 * session's zone, or none for timestamp_ntz), day-time intervals as durations, maps as Arrow maps of key and value.
 */
public final class ArrowTypes {
    private ArrowTypes() {}

    public static Schema toArrow(StructType schema, String timeZone) {
        List<Field> fields = new ArrayList<>();
        for (StructField field : schema.fields()) {
            fields.add(field(field.name(), field.dataType(), field.nullable(), timeZone));
        }
        return new Schema(fields);
    }

    static Field field(String name, DataType type, boolean nullable, String timeZone) {
        if (type instanceof ArrayType array) {
            return new Field(
                    name,
                    new FieldType(nullable, ArrowType.List.INSTANCE, null),
                    List.of(field("element", array.elementType(), array.containsNull(), timeZone)));
        }
        if (type instanceof MapType map) {
            Field entries = new Field(
                    "entries",
                    FieldType.notNullable(ArrowType.Struct.INSTANCE),
                    List.of(
                            field("key", map.keyType(), false, timeZone),
                            field("value", map.valueType(), map.valueContainsNull(), timeZone)));
            return new Field(name, new FieldType(nullable, new ArrowType.Map(false), null), List.of(entries));
        }
        if (type instanceof StructType struct) {
            List<Field> children = new ArrayList<>();
            for (StructField child : struct.fields()) {
                children.add(field(child.name(), child.dataType(), child.nullable(), timeZone));
            }
            return new Field(name, new FieldType(nullable, ArrowType.Struct.INSTANCE, null), children);
        }
        return new Field(name, new FieldType(nullable, primitive(type, timeZone), null), List.of());
    }

    private static ArrowType primitive(DataType type, String timeZone) {
        if (type instanceof BooleanType) {
            return ArrowType.Bool.INSTANCE;
        } else if (type instanceof ByteType) {
            return new ArrowType.Int(8, true);
        } else if (type instanceof ShortType) {
            return new ArrowType.Int(16, true);
        } else if (type instanceof IntegerType) {
            return new ArrowType.Int(32, true);
        } else if (type instanceof LongType) {
            return new ArrowType.Int(64, true);
        } else if (type instanceof FloatType) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE);
        } else if (type instanceof DoubleType) {
            return new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE);
        } else if (type instanceof DecimalType decimal) {
            return new ArrowType.Decimal(decimal.precision(), decimal.scale(), 128);
        } else if (type instanceof StringType) {
            return ArrowType.Utf8.INSTANCE;
        } else if (type instanceof BinaryType) {
            return ArrowType.Binary.INSTANCE;
        } else if (type instanceof DateType) {
            return new ArrowType.Date(DateUnit.DAY);
        } else if (type instanceof TimestampType) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, timeZone);
        } else if (type instanceof TimestampNTZType) {
            return new ArrowType.Timestamp(TimeUnit.MICROSECOND, null);
        } else if (type instanceof YearMonthIntervalType) {
            return new ArrowType.Interval(IntervalUnit.YEAR_MONTH);
        } else if (type instanceof DayTimeIntervalType) {
            return new ArrowType.Duration(TimeUnit.MICROSECOND);
        } else if (type instanceof NullType) {
            return ArrowType.Null.INSTANCE;
        }
        throw new EmberException(ErrorClass.UNSUPPORTED_FEATURE, "The type " + type.sql() + " has no Arrow form");
    }

    /** The engine's schema for an Arrow schema a client sent without one of its own. */
    public static StructType fromArrow(Schema schema) {
        List<StructField> fields = new ArrayList<>();
        for (Field field : schema.getFields()) {
            fields.add(new StructField(field.getName(), fromArrow(field), field.isNullable()));
        }
        return new StructType(fields);
    }

    static DataType fromArrow(Field field) {
        ArrowType type = field.getType();
        return switch (type.getTypeID()) {
            case Null -> DataTypes.NullType;
            case Bool -> DataTypes.BooleanType;
            case Int ->
                switch (((ArrowType.Int) type).getBitWidth()) {
                    case 8 -> DataTypes.ByteType;
                    case 16 -> DataTypes.ShortType;
                    case 32 -> DataTypes.IntegerType;
                    default -> DataTypes.LongType;
                };
            case FloatingPoint ->
                ((ArrowType.FloatingPoint) type).getPrecision() == FloatingPointPrecision.DOUBLE
                        ? DataTypes.DoubleType
                        : DataTypes.FloatType;
            case Decimal ->
                new DecimalType(((ArrowType.Decimal) type).getPrecision(), ((ArrowType.Decimal) type).getScale());
            case Utf8, LargeUtf8 -> DataTypes.StringType;
            case Binary, LargeBinary -> DataTypes.BinaryType;
            case Date -> DataTypes.DateType;
            case Timestamp ->
                ((ArrowType.Timestamp) type).getTimezone() == null
                        ? DataTypes.TimestampNTZType
                        : DataTypes.TimestampType;
            case Interval -> DataTypes.YearMonthIntervalType;
            case Duration -> DataTypes.DayTimeIntervalType;
            case List, LargeList -> {
                Field element = field.getChildren().get(0);
                yield new ArrayType(fromArrow(element), element.isNullable());
            }
            case Map -> {
                Field entries = field.getChildren().get(0);
                Field value = entries.getChildren().get(1);
                yield new MapType(fromArrow(entries.getChildren().get(0)), fromArrow(value), value.isNullable());
            }
            case Struct -> {
                List<StructField> children = new ArrayList<>();
                for (Field child : field.getChildren()) {
                    children.add(new StructField(child.getName(), fromArrow(child), child.isNullable()));
                }
                yield new StructType(children);
            }
            default ->
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "The Arrow type " + type + " of column " + field.getName() + " has no Ember type");
        };
    }
}
