package dev.ember.connect.planner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ember.EmberException;
import dev.ember.connect.proto.DataType.KindCase;
import dev.ember.sql.parser.SqlParser;
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
import java.util.Locale;

/**
 * Data types between the protocol and the engine: the protocol's messages, and the two text forms clients send
 * (DDL, and the JSON Spark writes for a schema).
 */
public final class ProtoTypes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ProtoTypes() {}

    public static DataType fromProto(dev.ember.connect.proto.DataType type) {
        KindCase kind = type.getKindCase();
        return switch (kind) {
            case NULL -> DataTypes.NullType;
            case BINARY -> DataTypes.BinaryType;
            case BOOLEAN -> DataTypes.BooleanType;
            case BYTE -> DataTypes.ByteType;
            case SHORT -> DataTypes.ShortType;
            case INTEGER -> DataTypes.IntegerType;
            case LONG -> DataTypes.LongType;
            case FLOAT -> DataTypes.FloatType;
            case DOUBLE -> DataTypes.DoubleType;
            case DECIMAL -> {
                var decimal = type.getDecimal();
                int precision = decimal.hasPrecision() ? decimal.getPrecision() : 10;
                int scale = decimal.hasScale() ? decimal.getScale() : 0;
                if (precision < 1 || precision > DecimalType.MAX_PRECISION || scale < 0 || scale > precision) {
                    throw Unsupported.invalid("decimal(" + precision + "," + scale + ") is not a valid decimal type");
                }
                yield new DecimalType(precision, scale);
            }
            case STRING, CHAR, VAR_CHAR -> DataTypes.StringType;
            case DATE -> DataTypes.DateType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case TIMESTAMP_NTZ -> DataTypes.TimestampNTZType;
            case YEAR_MONTH_INTERVAL -> {
                var interval = type.getYearMonthInterval();
                int start = interval.hasStartField() ? interval.getStartField() : YearMonthIntervalType.YEAR;
                int end = interval.hasEndField() ? interval.getEndField() : YearMonthIntervalType.MONTH;
                yield intervalFields(start, end, YearMonthIntervalType.MONTH)
                        ? new YearMonthIntervalType(start, end)
                        : DataTypes.YearMonthIntervalType;
            }
            case DAY_TIME_INTERVAL -> {
                var interval = type.getDayTimeInterval();
                int start = interval.hasStartField() ? interval.getStartField() : DayTimeIntervalType.DAY;
                int end = interval.hasEndField() ? interval.getEndField() : DayTimeIntervalType.SECOND;
                yield intervalFields(start, end, DayTimeIntervalType.SECOND)
                        ? new DayTimeIntervalType(start, end)
                        : DataTypes.DayTimeIntervalType;
            }
            case ARRAY ->
                new ArrayType(
                        fromProto(type.getArray().getElementType()),
                        type.getArray().getContainsNull());
            case MAP ->
                new MapType(
                        fromProto(type.getMap().getKeyType()),
                        fromProto(type.getMap().getValueType()),
                        type.getMap().getValueContainsNull());
            case STRUCT -> {
                List<StructField> fields = new ArrayList<>();
                for (var field : type.getStruct().getFieldsList()) {
                    fields.add(new StructField(field.getName(), fromProto(field.getDataType()), field.getNullable()));
                }
                yield new StructType(fields);
            }
            case UDT -> {
                if (!type.getUdt().hasSqlType()) {
                    throw Unsupported.feature(
                            "the user-defined type " + type.getUdt().getType() + " has no SQL type");
                }
                yield fromProto(type.getUdt().getSqlType());
            }
            case UNPARSED -> parse(type.getUnparsed().getDataTypeString());
            case CALENDAR_INTERVAL -> throw Unsupported.feature("the calendar interval type");
            case VARIANT -> throw Unsupported.feature("the variant type");
            case KIND_NOT_SET -> throw Unsupported.invalid("a data type without a kind");
        };
    }

    private static boolean intervalFields(int start, int end, int last) {
        return start >= 0 && end <= last && start <= end;
    }

    public static dev.ember.connect.proto.DataType toProto(DataType type) {
        var builder = dev.ember.connect.proto.DataType.newBuilder();
        if (type instanceof NullType) {
            builder.setNull(dev.ember.connect.proto.DataType.NULL.getDefaultInstance());
        } else if (type instanceof BinaryType) {
            builder.setBinary(dev.ember.connect.proto.DataType.Binary.getDefaultInstance());
        } else if (type instanceof BooleanType) {
            builder.setBoolean(dev.ember.connect.proto.DataType.Boolean.getDefaultInstance());
        } else if (type instanceof ByteType) {
            builder.setByte(dev.ember.connect.proto.DataType.Byte.getDefaultInstance());
        } else if (type instanceof ShortType) {
            builder.setShort(dev.ember.connect.proto.DataType.Short.getDefaultInstance());
        } else if (type instanceof IntegerType) {
            builder.setInteger(dev.ember.connect.proto.DataType.Integer.getDefaultInstance());
        } else if (type instanceof LongType) {
            builder.setLong(dev.ember.connect.proto.DataType.Long.getDefaultInstance());
        } else if (type instanceof FloatType) {
            builder.setFloat(dev.ember.connect.proto.DataType.Float.getDefaultInstance());
        } else if (type instanceof DoubleType) {
            builder.setDouble(dev.ember.connect.proto.DataType.Double.getDefaultInstance());
        } else if (type instanceof DecimalType decimal) {
            builder.setDecimal(dev.ember.connect.proto.DataType.Decimal.newBuilder()
                    .setPrecision(decimal.precision())
                    .setScale(decimal.scale()));
        } else if (type instanceof StringType) {
            builder.setString(dev.ember.connect.proto.DataType.String.getDefaultInstance());
        } else if (type instanceof DateType) {
            builder.setDate(dev.ember.connect.proto.DataType.Date.getDefaultInstance());
        } else if (type instanceof TimestampType) {
            builder.setTimestamp(dev.ember.connect.proto.DataType.Timestamp.getDefaultInstance());
        } else if (type instanceof TimestampNTZType) {
            builder.setTimestampNtz(dev.ember.connect.proto.DataType.TimestampNTZ.getDefaultInstance());
        } else if (type instanceof YearMonthIntervalType interval) {
            builder.setYearMonthInterval(dev.ember.connect.proto.DataType.YearMonthInterval.newBuilder()
                    .setStartField(interval.startField())
                    .setEndField(interval.endField()));
        } else if (type instanceof DayTimeIntervalType interval) {
            builder.setDayTimeInterval(dev.ember.connect.proto.DataType.DayTimeInterval.newBuilder()
                    .setStartField(interval.startField())
                    .setEndField(interval.endField()));
        } else if (type instanceof ArrayType array) {
            builder.setArray(dev.ember.connect.proto.DataType.Array.newBuilder()
                    .setElementType(toProto(array.elementType()))
                    .setContainsNull(array.containsNull()));
        } else if (type instanceof MapType map) {
            builder.setMap(dev.ember.connect.proto.DataType.Map.newBuilder()
                    .setKeyType(toProto(map.keyType()))
                    .setValueType(toProto(map.valueType()))
                    .setValueContainsNull(map.valueContainsNull()));
        } else if (type instanceof StructType struct) {
            var fields = dev.ember.connect.proto.DataType.Struct.newBuilder();
            for (StructField field : struct.fields()) {
                fields.addFields(dev.ember.connect.proto.DataType.StructField.newBuilder()
                        .setName(field.name())
                        .setDataType(toProto(field.dataType()))
                        .setNullable(field.nullable()));
            }
            builder.setStruct(fields);
        } else {
            throw Unsupported.feature("the type " + type.sql() + " in a result");
        }
        return builder.build();
    }

    /** A type as DDL ({@code bigint}, {@code a int, b string}) or as Spark's JSON form of a type. */
    public static DataType parse(String text) {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("\"")) {
            try {
                return fromJson(JSON.readTree(trimmed));
            } catch (java.io.IOException e) {
                throw Unsupported.invalid("the schema is neither DDL nor JSON: " + e.getMessage());
            }
        }
        try {
            return SqlParser.get().parseDataType(trimmed);
        } catch (EmberException asType) {
            // "a int, b string" is a struct's fields, as DataFrameReader.schema takes them.
            return SqlParser.get().parseTableSchema(trimmed);
        }
    }

    /** A schema: a struct, or any other type as the one column {@code value}. */
    public static StructType parseSchema(String text) {
        DataType type = parse(text);
        return type instanceof StructType struct ? struct : new StructType(new StructField("value", type, true));
    }

    private static DataType fromJson(JsonNode node) {
        if (node.isTextual()) {
            return simpleType(node.asText());
        }
        String kind = node.path("type").asText("");
        return switch (kind) {
            case "struct" -> {
                List<StructField> fields = new ArrayList<>();
                for (JsonNode field : node.path("fields")) {
                    if (!field.path("name").isTextual()) {
                        throw Unsupported.invalid("a struct field without a name in the JSON schema: " + field);
                    }
                    fields.add(new StructField(
                            field.get("name").asText(),
                            fromJson(field.path("type")),
                            field.path("nullable").asBoolean(true)));
                }
                yield new StructType(fields);
            }
            case "array" ->
                new ArrayType(
                        fromJson(node.path("elementType")),
                        node.path("containsNull").asBoolean(true));
            case "map" ->
                new MapType(
                        fromJson(node.path("keyType")),
                        fromJson(node.path("valueType")),
                        node.path("valueContainsNull").asBoolean(true));
            case "udt" -> {
                if (!node.has("sqlType")) {
                    throw Unsupported.feature(
                            "the user-defined type " + node.path("class").asText() + " has no SQL type");
                }
                yield fromJson(node.get("sqlType"));
            }
            default -> throw Unsupported.invalid("unknown type in the JSON schema: " + node);
        };
    }

    private static DataType simpleType(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "null", "void" -> DataTypes.NullType;
            case "integer" -> DataTypes.IntegerType;
            case "long" -> DataTypes.LongType;
            case "short" -> DataTypes.ShortType;
            case "byte" -> DataTypes.ByteType;
            default -> SqlParser.get().parseDataType(lower);
        };
    }
}
