package dev.ember.connect.planner;

import dev.ember.connect.proto.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The protocol's literals as the engine's: each value in its internal form (days, microseconds, months), with its
 * type. Collections take their element types from the literal when it gives them, else from their first element.
 */
public final class Literals {
    private Literals() {}

    public static Literal toLiteral(Expression.Literal literal) {
        return switch (literal.getLiteralTypeCase()) {
            case NULL -> Literal.nullOf(ProtoTypes.fromProto(literal.getNull()));
            case BINARY -> new Literal(literal.getBinary().toByteArray(), DataTypes.BinaryType);
            case BOOLEAN -> new Literal(literal.getBoolean(), DataTypes.BooleanType);
            case BYTE -> new Literal((byte) literal.getByte(), DataTypes.ByteType);
            case SHORT -> new Literal((short) literal.getShort(), DataTypes.ShortType);
            case INTEGER -> new Literal(literal.getInteger(), DataTypes.IntegerType);
            case LONG -> new Literal(literal.getLong(), DataTypes.LongType);
            case FLOAT -> new Literal(literal.getFloat(), DataTypes.FloatType);
            case DOUBLE -> new Literal(literal.getDouble(), DataTypes.DoubleType);
            case DECIMAL -> decimal(literal.getDecimal());
            case STRING -> new Literal(literal.getString(), DataTypes.StringType);
            case DATE -> new Literal(literal.getDate(), DataTypes.DateType);
            case TIMESTAMP -> new Literal(literal.getTimestamp(), DataTypes.TimestampType);
            case TIMESTAMP_NTZ -> new Literal(literal.getTimestampNtz(), DataTypes.TimestampNTZType);
            case YEAR_MONTH_INTERVAL -> new Literal(literal.getYearMonthInterval(), DataTypes.YearMonthIntervalType);
            case DAY_TIME_INTERVAL -> new Literal(literal.getDayTimeInterval(), DataTypes.DayTimeIntervalType);
            case ARRAY -> array(literal.getArray());
            case MAP -> map(literal.getMap());
            case STRUCT -> struct(literal.getStruct());
            case SPECIALIZED_ARRAY -> specializedArray(literal.getSpecializedArray());
            case CALENDAR_INTERVAL -> throw Unsupported.feature("calendar interval literals");
            case LITERALTYPE_NOT_SET -> throw Unsupported.invalid("a literal without a value");
        };
    }

    private static Literal decimal(Expression.Literal.Decimal decimal) {
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.getValue());
        } catch (NumberFormatException e) {
            throw Unsupported.invalid("the decimal literal '" + decimal.getValue() + "' is not a number");
        }
        int scale = decimal.hasScale() ? decimal.getScale() : Math.max(0, value.scale());
        int precision = decimal.hasPrecision()
                ? decimal.getPrecision()
                : Math.max(value.precision() - value.scale() + scale, scale);
        if (precision < 1 || precision > DecimalType.MAX_PRECISION || scale > precision) {
            throw Unsupported.invalid("the decimal literal " + decimal.getValue() + " does not fit decimal(38, s)");
        }
        return new Literal(value.setScale(scale, java.math.RoundingMode.HALF_UP), new DecimalType(precision, scale));
    }

    private static Literal array(Expression.Literal.Array array) {
        List<Object> values = new ArrayList<>();
        DataType element = array.hasElementType() ? ProtoTypes.fromProto(array.getElementType()) : null;
        boolean containsNull = false;
        for (Expression.Literal item : array.getElementsList()) {
            Literal value = toLiteral(item);
            element = element == null ? value.dataType() : element;
            containsNull |= value.value() == null;
            values.add(value.value());
        }
        if (element == null) {
            throw Unsupported.invalid("an empty array literal without an element type");
        }
        return new Literal(values, new ArrayType(element, containsNull || array.hasElementType()));
    }

    private static Literal map(Expression.Literal.Map map) {
        if (map.getKeysCount() != map.getValuesCount()) {
            throw Unsupported.invalid(
                    "a map literal with " + map.getKeysCount() + " keys and " + map.getValuesCount() + " values");
        }
        DataType keyType = map.hasKeyType() ? ProtoTypes.fromProto(map.getKeyType()) : null;
        DataType valueType = map.hasValueType() ? ProtoTypes.fromProto(map.getValueType()) : null;
        Map<Object, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < map.getKeysCount(); i++) {
            Literal key = toLiteral(map.getKeys(i));
            Literal value = toLiteral(map.getValues(i));
            keyType = keyType == null ? key.dataType() : keyType;
            valueType = valueType == null ? value.dataType() : valueType;
            values.put(key.value(), value.value());
        }
        if (keyType == null || valueType == null) {
            throw Unsupported.invalid("an empty map literal without key and value types");
        }
        return new Literal(values, new MapType(keyType, valueType, true));
    }

    private static Literal struct(Expression.Literal.Struct struct) {
        if (!struct.hasStructType()) {
            throw Unsupported.invalid("a struct literal without its type");
        }
        DataType type = ProtoTypes.fromProto(struct.getStructType());
        if (!(type instanceof StructType structType) || structType.size() != struct.getElementsCount()) {
            throw Unsupported.invalid("a struct literal whose values do not match its type " + type.sql());
        }
        Object[] values = new Object[struct.getElementsCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = toLiteral(struct.getElements(i)).value();
        }
        return new Literal(values, structType);
    }

    private static Literal specializedArray(Expression.Literal.SpecializedArray array) {
        List<Object> values = new ArrayList<>();
        DataType element;
        switch (array.getValueTypeCase()) {
            case BOOLS -> {
                values.addAll(array.getBools().getValuesList());
                element = DataTypes.BooleanType;
            }
            case INTS -> {
                values.addAll(array.getInts().getValuesList());
                element = DataTypes.IntegerType;
            }
            case LONGS -> {
                values.addAll(array.getLongs().getValuesList());
                element = DataTypes.LongType;
            }
            case FLOATS -> {
                values.addAll(array.getFloats().getValuesList());
                element = DataTypes.FloatType;
            }
            case DOUBLES -> {
                values.addAll(array.getDoubles().getValuesList());
                element = DataTypes.DoubleType;
            }
            case STRINGS -> {
                values.addAll(array.getStrings().getValuesList());
                element = DataTypes.StringType;
            }
            default -> throw Unsupported.invalid("a specialized array literal without values");
        }
        return new Literal(values, new ArrayType(element, false));
    }

    /** The external value of a literal for APIs that take Java values (na.fill, pivot values). */
    public static Object value(Expression.Literal literal) {
        return switch (literal.getLiteralTypeCase()) {
            case STRING -> literal.getString();
            case BOOLEAN -> literal.getBoolean();
            case INTEGER -> literal.getInteger();
            case LONG -> literal.getLong();
            case DOUBLE -> literal.getDouble();
            case FLOAT -> literal.getFloat();
            case SHORT -> (short) literal.getShort();
            case BYTE -> (byte) literal.getByte();
            case NULL -> null;
            default -> toLiteral(literal).value();
        };
    }
}
