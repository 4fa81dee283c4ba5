package dev.ember.sql.sources.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converters of JSON values, read from a parser, to internal values of a type. */
final class JsonConverters {
    /** A value that does not convert to its type; no stack trace, it is thrown per bad value. */
    static final class BadValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    /** Converts the value whose first token is {@code token} (the parser is on it); ends on its last token. */
    interface Converter {
        Object convert(JsonParser parser, JsonToken token) throws IOException;
    }

    private final JsonOptions options;

    JsonConverters(JsonOptions options) {
        this.options = options;
    }

    /** A converter of objects to the struct {@code type}, as {@code Object[]} in field order. */
    StructConverter struct(StructType type) {
        return new StructConverter(type);
    }

    final class StructConverter implements Converter {
        final StructType type;
        final Map<String, Integer> index = new HashMap<>();
        final Converter[] fields;

        StructConverter(StructType type) {
            this.type = type;
            this.fields = new Converter[type.size()];
            for (int i = 0; i < type.size(); i++) {
                index.putIfAbsent(type.field(i).name(), i);
                fields[i] = converter(type.field(i).dataType());
            }
        }

        @Override
        public Object convert(JsonParser parser, JsonToken token) throws IOException {
            if (token != JsonToken.START_OBJECT) {
                throw bad(parser, token, type);
            }
            Object[] row = new Object[fields.length];
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                Integer at = index.get(parser.currentName());
                JsonToken value = parser.nextToken();
                if (at == null) {
                    parser.skipChildren();
                } else {
                    row[at] = value == JsonToken.VALUE_NULL ? null : fields[at].convert(parser, value);
                }
            }
            return row;
        }
    }

    static BadValue bad(JsonParser parser, JsonToken token, DataType type) throws IOException {
        String text = token == JsonToken.START_OBJECT
                ? "an object"
                : token == JsonToken.START_ARRAY ? "an array" : "'" + parser.getText() + "'";
        return new BadValue(text + " is not a valid " + type.simpleString());
    }

    Converter converter(DataType type) {
        if (type instanceof StringType) {
            return this::string;
        }
        if (type instanceof BooleanType) {
            return (parser, token) -> switch (token) {
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_STRING -> {
                    String text = parser.getText();
                    if (text.equalsIgnoreCase("true")) {
                        yield Boolean.TRUE;
                    }
                    if (text.equalsIgnoreCase("false")) {
                        yield Boolean.FALSE;
                    }
                    throw bad(parser, token, type);
                }
                default -> throw bad(parser, token, type);
            };
        }
        if (type instanceof LongType
                || type instanceof IntegerType
                || type instanceof ShortType
                || type instanceof ByteType) {
            long min = type instanceof LongType
                    ? Long.MIN_VALUE
                    : type instanceof IntegerType
                            ? Integer.MIN_VALUE
                            : type instanceof ShortType ? Short.MIN_VALUE : Byte.MIN_VALUE;
            long max = type instanceof LongType
                    ? Long.MAX_VALUE
                    : type instanceof IntegerType
                            ? Integer.MAX_VALUE
                            : type instanceof ShortType ? Short.MAX_VALUE : Byte.MAX_VALUE;
            return (parser, token) -> {
                long value;
                if (token == JsonToken.VALUE_NUMBER_INT) {
                    JsonParser.NumberType numberType = parser.getNumberType();
                    if (numberType == JsonParser.NumberType.BIG_INTEGER) {
                        throw bad(parser, token, type);
                    }
                    value = parser.getLongValue();
                } else if (token == JsonToken.VALUE_STRING) {
                    try {
                        value = Long.parseLong(parser.getText().trim());
                    } catch (NumberFormatException e) {
                        throw bad(parser, token, type);
                    }
                } else {
                    throw bad(parser, token, type);
                }
                if (value < min || value > max) {
                    throw bad(parser, token, type);
                }
                if (type instanceof LongType) {
                    return value;
                }
                if (type instanceof IntegerType) {
                    return (int) value;
                }
                return type instanceof ShortType ? (Object) (short) value : (Object) (byte) value;
            };
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            boolean isFloat = type instanceof FloatType;
            return (parser, token) -> {
                double value;
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    value = parser.getDoubleValue();
                } else if (token == JsonToken.VALUE_STRING) {
                    value = parseDouble(parser, token, type);
                } else {
                    throw bad(parser, token, type);
                }
                return isFloat ? (Object) (float) value : (Object) value;
            };
        }
        if (type instanceof DecimalType decimal) {
            return (parser, token) -> {
                BigDecimal value;
                try {
                    if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                        value = parser.getDecimalValue();
                    } else if (token == JsonToken.VALUE_STRING) {
                        value = new BigDecimal(parser.getText().trim());
                    } else {
                        throw bad(parser, token, type);
                    }
                } catch (NumberFormatException e) {
                    throw bad(parser, token, type);
                }
                BigDecimal scaled = value.setScale(decimal.scale(), RoundingMode.HALF_UP);
                if (scaled.precision() > decimal.precision()) {
                    throw bad(parser, token, type);
                }
                return scaled;
            };
        }
        if (type instanceof DateType) {
            return (parser, token) -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw bad(parser, token, type);
                }
                try {
                    return options.temporal.parseDate(parser.getText());
                } catch (RuntimeException e) {
                    throw bad(parser, token, type);
                }
            };
        }
        if (type instanceof TimestampType || type instanceof TimestampNTZType) {
            boolean ntz = type instanceof TimestampNTZType;
            return (parser, token) -> {
                if (token == JsonToken.VALUE_NUMBER_INT && !ntz) {
                    return Math.multiplyExact(parser.getLongValue(), 1_000_000L);
                }
                if (token != JsonToken.VALUE_STRING) {
                    throw bad(parser, token, type);
                }
                try {
                    String text = parser.getText();
                    return ntz ? options.temporal.parseTimestampNtz(text) : options.temporal.parseTimestamp(text);
                } catch (RuntimeException e) {
                    throw bad(parser, token, type);
                }
            };
        }
        if (type instanceof BinaryType) {
            return (parser, token) -> {
                if (token != JsonToken.VALUE_STRING) {
                    throw bad(parser, token, type);
                }
                try {
                    return parser.getBinaryValue();
                } catch (IOException e) {
                    throw bad(parser, token, type);
                }
            };
        }
        if (type instanceof ArrayType array) {
            Converter element = converter(array.elementType());
            return (parser, token) -> {
                if (token != JsonToken.START_ARRAY) {
                    throw bad(parser, token, type);
                }
                List<Object> list = new ArrayList<>();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    list.add(next == JsonToken.VALUE_NULL ? null : element.convert(parser, next));
                }
                return list;
            };
        }
        if (type instanceof MapType map) {
            Converter value = converter(map.valueType());
            DataType keyType = map.keyType();
            return (parser, token) -> {
                if (token != JsonToken.START_OBJECT) {
                    throw bad(parser, token, type);
                }
                Map<Object, Object> result = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    Object key = name;
                    if (!(keyType instanceof StringType)) {
                        try {
                            key = Casts.cast(name, DataTypes.StringType, keyType, options.temporal.zone(), "a map key");
                        } catch (RuntimeException e) {
                            throw new BadValue("the map key '" + name + "' is not a valid " + keyType.simpleString());
                        }
                    }
                    JsonToken next = parser.nextToken();
                    result.put(key, next == JsonToken.VALUE_NULL ? null : value.convert(parser, next));
                }
                return result;
            };
        }
        if (type instanceof StructType struct) {
            return new StructConverter(struct);
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "The JSON format does not support the type " + type.simpleString());
    }

    private static double parseDouble(JsonParser parser, JsonToken token, DataType type) throws IOException {
        String text = parser.getText().trim();
        switch (text) {
            case "NaN":
                return Double.NaN;
            case "Infinity", "+Infinity", "Inf", "+Inf", "INF":
                return Double.POSITIVE_INFINITY;
            case "-Infinity", "-Inf", "-INF":
                return Double.NEGATIVE_INFINITY;
            default:
                if (text.isEmpty() || !Character.isDigit(text.charAt(text.length() - 1)) && !text.endsWith(".")) {
                    throw bad(parser, token, type);
                }
                try {
                    return Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw bad(parser, token, type);
                }
        }
    }

    private Object string(JsonParser parser, JsonToken token) throws IOException {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            StringWriter text = new StringWriter();
            try (JsonGenerator generator = options.factory.createGenerator(text)) {
                generator.copyCurrentStructure(parser);
            }
            return text.toString();
        }
        return parser.getText();
    }
}
