package dev.ember.sql.expressions;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Values written as text: as a cast to string gives them (Spark's formats), and as SQL literals. */
public final class ValueText {
    /** {@code 2024-01-02 03:04:05[.fraction]}: the fraction without trailing zeros, as Spark prints timestamps. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
            .toFormatter(Locale.ROOT);

    private ValueText() {}

    /** The text a cast to string gives {@code value} of {@code type}, timestamps in {@code zone}; null for null. */
    public static String toText(Object value, DataType type, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (type instanceof StringType) {
            return (String) value;
        }
        if (type instanceof DateType) {
            return LocalDate.ofEpochDay((Integer) value).toString();
        }
        if (type instanceof TimestampType) {
            return TIMESTAMP.format(LocalDateTime.ofInstant(microsToInstant((Long) value), zone));
        }
        if (type instanceof TimestampNTZType) {
            return TIMESTAMP.format(LocalDateTime.ofInstant(microsToInstant((Long) value), ZoneOffset.UTC));
        }
        if (type instanceof DecimalType) {
            return ((BigDecimal) value).toPlainString();
        }
        if (type instanceof DoubleType) {
            return doubleText((Double) value);
        }
        if (type instanceof FloatType) {
            return floatText((Float) value);
        }
        if (type instanceof BinaryType) {
            return new String((byte[]) value, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (type instanceof YearMonthIntervalType interval) {
            return yearMonthText((Integer) value, interval);
        }
        if (type instanceof DayTimeIntervalType interval) {
            return dayTimeText((Long) value, interval);
        }
        if (type instanceof ArrayType array) {
            List<String> items = new ArrayList<>();
            for (Object item : (List<?>) value) {
                items.add(item == null ? "null" : toText(item, array.elementType(), zone));
            }
            return "[" + String.join(", ", items) + "]";
        }
        if (type instanceof MapType map) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                entries.add(toText(entry.getKey(), map.keyType(), zone) + " -> "
                        + (entry.getValue() == null ? "null" : toText(entry.getValue(), map.valueType(), zone)));
            }
            return "{" + String.join(", ", entries) + "}";
        }
        if (type instanceof StructType struct) {
            Object[] fields = (Object[]) value;
            List<String> items = new ArrayList<>();
            for (int i = 0; i < fields.length; i++) {
                items.add(
                        fields[i] == null
                                ? "null"
                                : toText(fields[i], struct.field(i).dataType(), zone));
            }
            return "{" + String.join(", ", items) + "}";
        }
        return String.valueOf(value);
    }

    /** A double as Spark prints it: {@code 1.0}, {@code 1.0E10}, {@code NaN}, {@code Infinity}. */
    public static String doubleText(double value) {
        return Double.toString(value);
    }

    public static String floatText(float value) {
        return Float.toString(value);
    }

    /** {@code INTERVAL '1-2' YEAR TO MONTH}, {@code INTERVAL '14' MONTH}, {@code INTERVAL '-1' YEAR}. */
    private static String yearMonthText(int months, YearMonthIntervalType type) {
        String sign = months < 0 ? "-" : "";
        long absolute = Math.abs((long) months);
        if (type.startField() != type.endField()) {
            return "INTERVAL '" + sign + absolute / 12 + "-" + absolute % 12 + "' YEAR TO MONTH";
        }
        return type.startField() == YearMonthIntervalType.YEAR
                ? "INTERVAL '" + sign + absolute / 12 + "' YEAR"
                : "INTERVAL '" + sign + absolute + "' MONTH";
    }

    /**
     * The interval in its type's fields, as Spark shows it: the first field whole ({@code 90} days, {@code 26}
     * hours), the others two digits each ({@code 1 02:03:04.5} for DAY TO SECOND), seconds with their fraction.
     */
    private static String dayTimeText(long micros, DayTimeIntervalType type) {
        StringBuilder text = new StringBuilder("INTERVAL '");
        if (micros < 0) {
            text.append('-');
        }
        // Long.MIN_VALUE has no positive counterpart; its digits come out right as an unsigned magnitude.
        BigDecimal rest = BigDecimal.valueOf(micros).abs();
        for (int field = type.startField(); field <= type.endField(); field++) {
            BigDecimal unit = BigDecimal.valueOf(DayTimeIntervalType.unitMicros(field));
            if (field == DayTimeIntervalType.SECOND) {
                BigDecimal seconds = rest.movePointLeft(6).stripTrailingZeros();
                String digits = seconds.signum() == 0 ? "0" : seconds.toPlainString();
                if (rest.compareTo(BigDecimal.valueOf(10_000_000L)) < 0) {
                    digits = "0" + digits;
                }
                text.append(field == type.startField() ? "" : ":").append(digits);
                break;
            }
            BigDecimal[] split = rest.divideAndRemainder(unit);
            long whole = split[0].longValueExact();
            if (field == type.startField()) {
                text.append(field == DayTimeIntervalType.DAY ? Long.toString(whole) : twoDigits(whole));
            } else {
                text.append(field == DayTimeIntervalType.HOUR ? " " : ":").append(twoDigits(whole));
            }
            rest = split[1];
        }
        text.append("' ").append(type.sql().substring("INTERVAL ".length()));
        return text.toString();
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }

    public static Instant microsToInstant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    public static long instantToMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
    }

    /** The value as a SQL literal that reads back as the same value and type. */
    public static String sqlLiteral(Object value, DataType type) {
        if (value == null) {
            return type instanceof dev.ember.sql.types.NullType ? "NULL" : "CAST(NULL AS " + type.sql() + ")";
        }
        if (type instanceof StringType) {
            return "'" + ((String) value).replace("\\", "\\\\").replace("'", "\\'") + "'";
        }
        if (type instanceof BinaryType) {
            return "X'" + HexFormat.of().withUpperCase().formatHex((byte[]) value) + "'";
        }
        if (type instanceof DateType) {
            return "DATE '" + toText(value, type, ZoneOffset.UTC) + "'";
        }
        if (type instanceof TimestampType) {
            return "TIMESTAMP '" + toText(value, type, ZoneOffset.UTC) + "Z'";
        }
        if (type instanceof TimestampNTZType) {
            return "TIMESTAMP_NTZ '" + toText(value, type, ZoneOffset.UTC) + "'";
        }
        if (type instanceof dev.ember.sql.types.LongType) {
            return value + "L";
        }
        if (type instanceof dev.ember.sql.types.ShortType) {
            return value + "S";
        }
        if (type instanceof dev.ember.sql.types.ByteType) {
            return value + "Y";
        }
        if (type instanceof DoubleType) {
            double number = (Double) value;
            return Double.isFinite(number) ? number + "D" : "CAST('" + number + "' AS DOUBLE)";
        }
        if (type instanceof FloatType) {
            float number = (Float) value;
            return Float.isFinite(number) ? "CAST(" + number + " AS FLOAT)" : "CAST('" + number + "' AS FLOAT)";
        }
        if (type instanceof DecimalType decimal) {
            return ((BigDecimal) value).toPlainString() + "BD";
        }
        if (type instanceof YearMonthIntervalType || type instanceof DayTimeIntervalType) {
            return toText(value, type, ZoneOffset.UTC);
        }
        if (type instanceof ArrayType || type instanceof MapType || type instanceof StructType) {
            return "CAST('" + toText(value, type, ZoneOffset.UTC).replace("'", "\\'") + "' AS " + type.sql() + ")";
        }
        return String.valueOf(value);
    }
}
