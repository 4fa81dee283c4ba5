package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values between the engine's representation (see {@link DataType}) and the Java types users see in {@link Row}s:
 * dates as {@code java.sql.Date}, timestamps as {@code java.sql.Timestamp}, timestamp_ntz as {@code LocalDateTime},
 * intervals as {@code Period} and {@code Duration}, structs as {@code Row}.
 */
final class ExternalValues {
    private ExternalValues() {}

    static Object toExternal(Object value, DataType type) {
        if (value == null) {
            return null;
        }
        if (type instanceof DateType) {
            return Date.valueOf(LocalDate.ofEpochDay((Integer) value));
        }
        if (type instanceof TimestampType) {
            return Timestamp.from(ValueText.microsToInstant((Long) value));
        }
        if (type instanceof TimestampNTZType) {
            return LocalDateTime.ofInstant(ValueText.microsToInstant((Long) value), ZoneOffset.UTC);
        }
        if (type instanceof YearMonthIntervalType) {
            int months = (Integer) value;
            return Period.ofYears(months / 12).plusMonths(months % 12);
        }
        if (type instanceof DayTimeIntervalType) {
            long micros = (Long) value;
            return Duration.ofSeconds(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
        }
        if (type instanceof ArrayType array) {
            List<Object> list = new ArrayList<>();
            for (Object element : (List<?>) value) {
                list.add(toExternal(element, array.elementType()));
            }
            return list;
        }
        if (type instanceof MapType map) {
            Map<Object, Object> result = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                result.put(toExternal(entry.getKey(), map.keyType()), toExternal(entry.getValue(), map.valueType()));
            }
            return result;
        }
        if (type instanceof StructType struct) {
            Object[] fields = (Object[]) value;
            Object[] external = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                external[i] = toExternal(fields[i], struct.field(i).dataType());
            }
            return new Row(external, struct);
        }
        return value;
    }

    /** A user's value as the engine holds a value of {@code type}; fails naming the field and both types. */
    static Object toInternal(Object value, DataType type, String where) {
        if (value == null) {
            return null;
        }
        try {
            if (type instanceof DateType) {
                if (value instanceof Date date) {
                    return (int) date.toLocalDate().toEpochDay();
                }
                return (int) ((LocalDate) value).toEpochDay();
            }
            if (type instanceof TimestampType) {
                if (value instanceof Timestamp timestamp) {
                    return ValueText.instantToMicros(timestamp.toInstant());
                }
                if (value instanceof LocalDateTime local) {
                    return ValueText.instantToMicros(
                            local.atZone(java.time.ZoneId.systemDefault()).toInstant());
                }
                return ValueText.instantToMicros((Instant) value);
            }
            if (type instanceof TimestampNTZType) {
                return ValueText.instantToMicros(((LocalDateTime) value).toInstant(ZoneOffset.UTC));
            }
            if (type instanceof DecimalType decimal) {
                BigDecimal number = value instanceof BigDecimal big ? big : new BigDecimal(value.toString());
                return number.setScale(decimal.scale(), RoundingMode.HALF_UP);
            }
            if (type instanceof YearMonthIntervalType) {
                return (int) ((Period) value).toTotalMonths();
            }
            if (type instanceof DayTimeIntervalType) {
                Duration duration = (Duration) value;
                return Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1000L);
            }
            if (type instanceof ArrayType array) {
                List<Object> list = new ArrayList<>();
                for (Object element : (List<?>) value) {
                    list.add(toInternal(element, array.elementType(), where));
                }
                return list;
            }
            if (type instanceof MapType map) {
                Map<Object, Object> result = new LinkedHashMap<>();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                    result.put(
                            toInternal(entry.getKey(), map.keyType(), where),
                            toInternal(entry.getValue(), map.valueType(), where));
                }
                return result;
            }
            if (type instanceof StructType struct) {
                Row row = (Row) value;
                Object[] fields = new Object[struct.size()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = toInternal(
                            row.get(i),
                            struct.field(i).dataType(),
                            where + "." + struct.field(i).name());
                }
                return fields;
            }
            return checkPlain(value, type, where);
        } catch (ClassCastException e) {
            throw mismatch(value, type, where);
        }
    }

    private static Object checkPlain(Object value, DataType type, String where) {
        boolean fits =
                switch (type.simpleString()) {
                    case "boolean" -> value instanceof Boolean;
                    case "tinyint" -> value instanceof Byte;
                    case "smallint" -> value instanceof Short;
                    case "int" -> value instanceof Integer;
                    case "bigint" -> value instanceof Long;
                    case "float" -> value instanceof Float;
                    case "double" -> value instanceof Double;
                    case "string" -> value instanceof String;
                    case "binary" -> value instanceof byte[];
                    default -> true;
                };
        if (!fits) {
            if (type instanceof dev.ember.sql.types.LongType && value instanceof Integer number) {
                return number.longValue();
            }
            if (type instanceof dev.ember.sql.types.DoubleType
                    && value instanceof Number number
                    && !(value instanceof BigDecimal)) {
                return number.doubleValue();
            }
            throw mismatch(value, type, where);
        }
        return value;
    }

    private static EmberException mismatch(Object value, DataType type, String where) {
        return new EmberException(
                ErrorClass.DATATYPE_MISMATCH,
                "The value " + value + " of " + where + " is a "
                        + value.getClass().getName() + ", which does not fit" + " the column type " + type.sql());
    }
}
