package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL type of a Java type of a bean's property, and its values both ways: numbers, strings, {@code BigDecimal}
 * (as {@code decimal(38,18)}, as Spark), {@code LocalDate} and {@code java.sql.Date}, {@code Instant} and {@code
 * Timestamp}, {@code LocalDateTime} (as {@code timestamp_ntz}), {@code byte[]}, enums (as their names), {@code
 * List}s, {@code Map}s, and nested beans and records.
 */
final class JavaValues {
    private JavaValues() {}

    static DataType typeOf(Type type, String where) {
        Class<?> raw = raw(type);
        if (raw == boolean.class || raw == Boolean.class) {
            return DataTypes.BooleanType;
        }
        if (raw == byte.class || raw == Byte.class) {
            return DataTypes.ByteType;
        }
        if (raw == short.class || raw == Short.class) {
            return DataTypes.ShortType;
        }
        if (raw == int.class || raw == Integer.class) {
            return DataTypes.IntegerType;
        }
        if (raw == long.class || raw == Long.class) {
            return DataTypes.LongType;
        }
        if (raw == float.class || raw == Float.class) {
            return DataTypes.FloatType;
        }
        if (raw == double.class || raw == Double.class) {
            return DataTypes.DoubleType;
        }
        if (raw == String.class || raw.isEnum()) {
            return DataTypes.StringType;
        }
        if (raw == BigDecimal.class) {
            return DataTypes.createDecimalType(38, 18);
        }
        if (raw == LocalDate.class || raw == java.sql.Date.class) {
            return DataTypes.DateType;
        }
        if (raw == Instant.class || raw == java.sql.Timestamp.class) {
            return DataTypes.TimestampType;
        }
        if (raw == LocalDateTime.class) {
            return DataTypes.TimestampNTZType;
        }
        if (raw == byte[].class) {
            return DataTypes.BinaryType;
        }
        if (List.class.isAssignableFrom(raw)) {
            return DataTypes.createArrayType(typeOf(argument(type, 0, where), where + "[]"));
        }
        if (Map.class.isAssignableFrom(raw)) {
            return DataTypes.createMapType(
                    typeOf(argument(type, 0, where), where + " key"),
                    typeOf(argument(type, 1, where), where + " value"));
        }
        if (raw.isPrimitive() || raw.isArray() || raw.getName().startsWith("java.")) {
            throw unsupported(raw, where);
        }
        return BeanEncoder.of(raw).schema();
    }

    private static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType parameterized) {
            return (Class<?>) parameterized.getRawType();
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "Encoders cannot handle the type " + type.getTypeName());
    }

    private static Type argument(Type type, int index, String where) {
        if (type instanceof ParameterizedType parameterized) {
            return parameterized.getActualTypeArguments()[index];
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                where + " is a raw " + type.getTypeName() + "; give its element types (List<String>, not List)");
    }

    private static EmberException unsupported(Class<?> raw, String where) {
        return new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                where + " has the Java type " + raw.getName() + ", which encoders do not handle; use a number,"
                        + " String, BigDecimal, LocalDate, Instant, LocalDateTime, byte[], an enum, a List, a Map, a"
                        + " bean or a record");
    }

    /** A Java value as the engine holds a value of the SQL type. */
    @SuppressWarnings("unchecked")
    static Object toInternal(Object value, Type javaType, DataType type, String where) {
        if (value == null) {
            return null;
        }
        Class<?> raw = raw(javaType);
        if (raw.isEnum()) {
            return ((Enum<?>) value).name();
        }
        if (type instanceof ArrayType array) {
            List<Object> result = new ArrayList<>();
            for (Object element : (List<?>) value) {
                result.add(toInternal(element, argument(javaType, 0, where), array.elementType(), where + "[]"));
            }
            return result;
        }
        if (type instanceof MapType map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                result.put(
                        toInternal(entry.getKey(), argument(javaType, 0, where), map.keyType(), where),
                        toInternal(entry.getValue(), argument(javaType, 1, where), map.valueType(), where));
            }
            return result;
        }
        if (type instanceof StructType) {
            return ((BeanEncoder<Object>) BeanEncoder.of(raw)).toRow(value);
        }
        if (type instanceof TimestampNTZType) {
            return dev.ember.sql.expressions.ValueText.instantToMicros(
                    ((LocalDateTime) value).toInstant(ZoneOffset.UTC));
        }
        return ExternalValues.toInternal(value, type, where);
    }

    /** An internal value as the Java type asks. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object toJava(Object value, Type javaType, DataType type, String where) {
        if (value == null) {
            return null;
        }
        Class<?> raw = raw(javaType);
        if (raw.isEnum()) {
            return Enum.valueOf((Class) raw, (String) value);
        }
        if (type instanceof ArrayType array) {
            List<Object> result = new ArrayList<>();
            for (Object element : (List<?>) value) {
                result.add(toJava(element, argument(javaType, 0, where), array.elementType(), where + "[]"));
            }
            return result;
        }
        if (type instanceof MapType map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                result.put(
                        toJava(entry.getKey(), argument(javaType, 0, where), map.keyType(), where),
                        toJava(entry.getValue(), argument(javaType, 1, where), map.valueType(), where));
            }
            return result;
        }
        if (type instanceof StructType) {
            return BeanEncoder.of(raw).fromRow((Object[]) value);
        }
        if (type instanceof DateType) {
            LocalDate date = LocalDate.ofEpochDay((Integer) value);
            return raw == LocalDate.class ? date : java.sql.Date.valueOf(date);
        }
        if (type instanceof TimestampType) {
            Instant instant = dev.ember.sql.expressions.ValueText.microsToInstant((Long) value);
            return raw == Instant.class ? instant : java.sql.Timestamp.from(instant);
        }
        if (type instanceof TimestampNTZType) {
            return LocalDateTime.ofInstant(
                    dev.ember.sql.expressions.ValueText.microsToInstant((Long) value), ZoneOffset.UTC);
        }
        return value;
    }
}
