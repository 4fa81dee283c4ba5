package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
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
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.NullType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The conversions of {@link Cast}, on non-null internal values, with ANSI mode's errors. */
public final class Casts {
    /** {@code yyyy[-[m]m[-[d]d]]}, optionally followed by a time part that a cast to date ignores. */
    private static final Pattern DATE = Pattern.compile("([+-]?\\d{4,6})(?:-(\\d{1,2})(?:-(\\d{1,2}))?)?(?:[ T].*)?");

    /** A date, then optionally a time of day, then optionally a zone ({@code Z}, {@code +01:00}, a region). */
    private static final Pattern TIMESTAMP = Pattern.compile(
            "([+-]?\\d{4,6})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?"
                    + "\\s*(Z|[+-]\\d{1,2}(?::?\\d{2})?|UTC|GMT|[A-Za-z]+/[A-Za-z_]+)?");

    private Casts() {}

    /** Whether a cast from {@code from} to {@code to} can fail (and so give null under TRY_CAST). */
    public static boolean mayFail(DataType from, DataType to) {
        if (from.equals(to) || to instanceof StringType) {
            return false;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            return mayFail(a.elementType(), b.elementType());
        }
        if (from instanceof MapType a && to instanceof MapType b) {
            return mayFail(a.keyType(), b.keyType()) || mayFail(a.valueType(), b.valueType());
        }
        if (from instanceof StructType a && to instanceof StructType b) {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                if (mayFail(a.field(i).dataType(), b.field(i).dataType())) {
                    return true;
                }
            }
            return false;
        }
        return from instanceof StringType || from.isNumeric() && to.isNumeric();
    }

    /** Whether a cast from {@code from} to {@code to} exists at all. */
    public static boolean canCast(DataType from, DataType to) {
        if (from.equals(to) || from instanceof NullType || to instanceof StringType) {
            return true;
        }
        if ((from instanceof DayTimeIntervalType && to instanceof DayTimeIntervalType)
                || (from instanceof YearMonthIntervalType && to instanceof YearMonthIntervalType)) {
            return true;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            return canCast(a.elementType(), b.elementType());
        }
        if (from instanceof MapType a && to instanceof MapType b) {
            return canCast(a.keyType(), b.keyType()) && canCast(a.valueType(), b.valueType());
        }
        if (from instanceof StructType a && to instanceof StructType b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!canCast(a.field(i).dataType(), b.field(i).dataType())) {
                    return false;
                }
            }
            return true;
        }
        if (from instanceof StringType) {
            return to.isNumeric()
                    || to instanceof BooleanType
                    || to instanceof DateType
                    || to instanceof TimestampType
                    || to instanceof TimestampNTZType
                    || to instanceof BinaryType;
        }
        if (from.isNumeric() || from instanceof BooleanType) {
            return to.isNumeric() || to instanceof BooleanType || (to instanceof TimestampType && from.isNumeric());
        }
        if (from instanceof DateType) {
            return to instanceof TimestampType || to instanceof TimestampNTZType;
        }
        if (from instanceof TimestampType || from instanceof TimestampNTZType) {
            return to instanceof DateType
                    || to instanceof TimestampType
                    || to instanceof TimestampNTZType
                    || to instanceof LongType;
        }
        return false;
    }

    /** {@code value} of {@code from} as {@code to}; {@code where} names the cast in errors. */
    public static Object cast(Object value, DataType from, DataType to, ZoneId zone, String where) {
        return cast(value, from, to, zone, () -> where);
    }

    /**
     * {@code value} of {@code from} as {@code to}; {@code where} names the cast in errors, and is asked for only
     * then (a row's cast must not build its expression's text).
     */
    public static Object cast(Object value, DataType from, DataType to, ZoneId zone, Supplier<String> where) {
        if (from.equals(to)) {
            return value;
        }
        if (to instanceof StringType) {
            return ValueText.toText(value, from, zone);
        }
        if (from instanceof StringType) {
            return fromString((String) value, to, zone, where);
        }
        if (to instanceof DayTimeIntervalType interval && from instanceof DayTimeIntervalType) {
            // To fewer fields: the finer ones are cut off, toward zero (INTERVAL '1 10:20' DAY TO MINUTE as DAY: 1
            // day).
            if (interval.endField() == DayTimeIntervalType.SECOND) {
                return value; // seconds keep their fraction
            }
            long unit = DayTimeIntervalType.unitMicros(interval.endField());
            return (Long) value / unit * unit;
        }
        if (to instanceof YearMonthIntervalType interval && from instanceof YearMonthIntervalType) {
            int months = (Integer) value;
            return interval.endField() == YearMonthIntervalType.YEAR ? months / 12 * 12 : months;
        }
        if (from instanceof ArrayType a && to instanceof ArrayType b) {
            List<Object> converted = new ArrayList<>();
            for (Object element : (List<?>) value) {
                converted.add(element == null ? null : cast(element, a.elementType(), b.elementType(), zone, where));
            }
            return converted;
        }
        if (from instanceof MapType a && to instanceof MapType b) {
            Map<Object, Object> converted = new LinkedHashMap<>();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                Object key = cast(entry.getKey(), a.keyType(), b.keyType(), zone, where);
                if (converted.containsKey(key)) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "Duplicate map key " + key + " after " + where.get() + "; map keys must be distinct");
                }
                Object mapped = entry.getValue();
                converted.put(key, mapped == null ? null : cast(mapped, a.valueType(), b.valueType(), zone, where));
            }
            return converted;
        }
        if (from instanceof StructType a && to instanceof StructType b && a.size() == b.size()) {
            Object[] fields = (Object[]) value;
            Object[] converted = new Object[fields.length];
            for (int i = 0; i < fields.length; i++) {
                DataType target = b.field(i).dataType();
                converted[i] =
                        fields[i] == null ? null : cast(fields[i], a.field(i).dataType(), target, zone, where);
            }
            return converted;
        }
        if (from instanceof BooleanType flag) {
            boolean truth = (Boolean) value;
            if (to instanceof DecimalType decimal) {
                return Decimals.fit(truth ? BigDecimal.ONE : BigDecimal.ZERO, decimal, where);
            }
            return fromLong(truth ? 1 : 0, to, where);
        }
        if (from.isNumeric()) {
            return fromNumber((Number) value, from, to, where);
        }
        if (from instanceof DateType) {
            long micros = (long) (Integer) value * 86_400_000_000L;
            if (to instanceof TimestampNTZType) {
                return micros;
            }
            if (to instanceof TimestampType) {
                return ValueText.instantToMicros(
                        LocalDate.ofEpochDay((Integer) value).atStartOfDay(zone).toInstant());
            }
        }
        if (from instanceof TimestampType) {
            long micros = (Long) value;
            LocalDateTime local = LocalDateTime.ofInstant(ValueText.microsToInstant(micros), zone);
            if (to instanceof DateType) {
                return (int) local.toLocalDate().toEpochDay();
            }
            if (to instanceof TimestampNTZType) {
                return ValueText.instantToMicros(local.toInstant(ZoneOffset.UTC));
            }
            if (to instanceof LongType) {
                return Math.floorDiv(micros, 1_000_000L);
            }
        }
        if (from instanceof TimestampNTZType) {
            long micros = (Long) value;
            LocalDateTime local = LocalDateTime.ofInstant(ValueText.microsToInstant(micros), ZoneOffset.UTC);
            if (to instanceof DateType) {
                return (int) local.toLocalDate().toEpochDay();
            }
            if (to instanceof TimestampType) {
                return ValueText.instantToMicros(local.atZone(zone).toInstant());
            }
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH, "Cannot cast " + from.sql() + " to " + to.sql() + " in " + where.get());
    }

    private static Object fromNumber(Number value, DataType from, DataType to, Supplier<String> where) {
        if (to instanceof BooleanType) {
            return value instanceof BigDecimal decimal ? decimal.signum() != 0 : value.doubleValue() != 0;
        }
        if (to instanceof DoubleType) {
            return value.doubleValue();
        }
        if (to instanceof FloatType) {
            return value.floatValue();
        }
        if (to instanceof DecimalType decimal) {
            BigDecimal exact;
            if (value instanceof BigDecimal big) {
                exact = big;
            } else if (value instanceof Double || value instanceof Float) {
                double number = value.doubleValue();
                if (!Double.isFinite(number)) {
                    throw invalid(String.valueOf(number), to, where);
                }
                exact = new BigDecimal(Double.toString(number));
            } else {
                exact = BigDecimal.valueOf(value.longValue());
            }
            return Decimals.fit(exact, decimal, where);
        }
        if (to instanceof TimestampType) {
            if (value instanceof BigDecimal big) {
                return big.movePointRight(6).setScale(0, RoundingMode.DOWN).longValueExact();
            }
            if (value instanceof Double || value instanceof Float) {
                return (long) (value.doubleValue() * 1_000_000L);
            }
            return Math.multiplyExact(value.longValue(), 1_000_000L);
        }
        // To an integral type: fractions are cut toward zero; out of range fails.
        long whole;
        if (value instanceof BigDecimal big) {
            BigDecimal truncated = big.setScale(0, RoundingMode.DOWN);
            if (truncated.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                    || truncated.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
                throw outOfRange(big.toPlainString(), to, where);
            }
            whole = truncated.longValue();
        } else if (value instanceof Double || value instanceof Float) {
            double number = value.doubleValue();
            if (Double.isNaN(number) || number >= 0x1p63 || number < -0x1p63) {
                throw outOfRange(String.valueOf(number), to, where);
            }
            whole = (long) number;
        } else {
            whole = value.longValue();
        }
        return fromLong(whole, to, where);
    }

    private static Object fromLong(long value, DataType to, Supplier<String> where) {
        if (to instanceof LongType) {
            return value;
        }
        if (to instanceof IntegerType) {
            if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                throw outOfRange(Long.toString(value), to, where);
            }
            return (int) value;
        }
        if (to instanceof ShortType) {
            if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                throw outOfRange(Long.toString(value), to, where);
            }
            return (short) value;
        }
        if (to instanceof ByteType) {
            if (value < Byte.MIN_VALUE || value > Byte.MAX_VALUE) {
                throw outOfRange(Long.toString(value), to, where);
            }
            return (byte) value;
        }
        if (to instanceof DoubleType) {
            return (double) value;
        }
        if (to instanceof FloatType) {
            return (float) value;
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH, "Cannot cast a number to " + to.sql() + " in " + where.get());
    }

    private static Object fromString(String text, DataType to, ZoneId zone, Supplier<String> where) {
        String trimmed = text.strip();
        try {
            if (to instanceof BooleanType) {
                return switch (trimmed.toLowerCase(Locale.ROOT)) {
                    case "true", "t", "yes", "y", "1" -> true;
                    case "false", "f", "no", "n", "0" -> false;
                    default -> throw invalid(text, to, where);
                };
            }
            if (to instanceof DoubleType) {
                return parseDouble(trimmed, text, to, where);
            }
            if (to instanceof FloatType) {
                return (float) parseDouble(trimmed, text, to, where);
            }
            if (to instanceof DecimalType decimal) {
                return Decimals.fit(new BigDecimal(trimmed), decimal, where);
            }
            if (to.isIntegral()) {
                BigDecimal number = new BigDecimal(trimmed);
                BigDecimal truncated = number.setScale(0, RoundingMode.DOWN);
                if (truncated.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0
                        || truncated.compareTo(BigDecimal.valueOf(Long.MIN_VALUE)) < 0) {
                    throw outOfRange(text, to, where);
                }
                return fromLong(truncated.longValue(), to, where);
            }
            if (to instanceof DateType) {
                return parseDate(trimmed, text, where);
            }
            if (to instanceof TimestampType) {
                return parseTimestamp(trimmed, text, to, zone, where);
            }
            if (to instanceof TimestampNTZType) {
                return parseTimestamp(trimmed, text, to, ZoneOffset.UTC, where);
            }
            if (to instanceof BinaryType) {
                return text.getBytes(StandardCharsets.UTF_8);
            }
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw invalid(text, to, where);
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH, "Cannot cast STRING to " + to.sql() + " in " + where.get());
    }

    private static double parseDouble(String trimmed, String text, DataType to, Supplier<String> where) {
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case "nan":
                return Double.NaN;
            case "inf", "+inf", "infinity", "+infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf", "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                if (trimmed.isEmpty()
                        || !Character.isDigit(trimmed.charAt(trimmed.length() - 1))
                                && trimmed.charAt(trimmed.length() - 1) != '.') {
                    // Java would take "1d" or "1f"; SQL does not.
                    throw invalid(text, to, where);
                }
                return Double.parseDouble(trimmed);
        }
    }

    /** Days since 1970-01-01 of a date written as {@code yyyy[-mm[-dd]]}; fails naming the text. */
    public static int parseDate(String trimmed, String text, String where) {
        return parseDate(trimmed, text, () -> where);
    }

    static int parseDate(String trimmed, String text, Supplier<String> where) {
        Matcher matcher = DATE.matcher(trimmed);
        if (!matcher.matches()) {
            throw invalid(text, dev.ember.sql.types.DataTypes.DateType, where);
        }
        int year = Integer.parseInt(matcher.group(1));
        int month = matcher.group(2) == null ? 1 : Integer.parseInt(matcher.group(2));
        int day = matcher.group(3) == null ? 1 : Integer.parseInt(matcher.group(3));
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    /** Microseconds of a timestamp written as {@code yyyy-mm-dd[ hh:mm[:ss[.f]]][zone]}, read in {@code zone}. */
    public static long parseTimestamp(String trimmed, String text, DataType to, ZoneId zone, String where) {
        return parseTimestamp(trimmed, text, to, zone, () -> where);
    }

    static long parseTimestamp(String trimmed, String text, DataType to, ZoneId zone, Supplier<String> where) {
        Matcher matcher = TIMESTAMP.matcher(trimmed);
        if (!matcher.matches()) {
            throw invalid(text, to, where);
        }
        LocalDate date = LocalDate.of(
                Integer.parseInt(matcher.group(1)),
                Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)));
        LocalTime time = LocalTime.MIDNIGHT;
        if (matcher.group(4) != null) {
            String fraction = matcher.group(7) == null ? "" : matcher.group(7);
            int nanos = fraction.isEmpty() ? 0 : Integer.parseInt((fraction + "000000000").substring(0, 9));
            time = LocalTime.of(
                    Integer.parseInt(matcher.group(4)),
                    Integer.parseInt(matcher.group(5)),
                    matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6)),
                    nanos);
        }
        ZoneId effective = zone;
        String zoneText = matcher.group(8);
        if (zoneText != null && to instanceof TimestampType) {
            effective = zoneText.equals("Z") ? ZoneOffset.UTC : ZoneId.of(normalizeOffset(zoneText));
        }
        ZonedDateTime zoned = LocalDateTime.of(date, time).atZone(effective);
        return ValueText.instantToMicros(zoned.toInstant());
    }

    private static String normalizeOffset(String zone) {
        if ((zone.startsWith("+") || zone.startsWith("-")) && !zone.contains(":")) {
            String digits = zone.substring(1);
            if (digits.length() <= 2) {
                return zone.charAt(0) + String.format(Locale.ROOT, "%02d", Integer.parseInt(digits)) + ":00";
            }
            return zone.charAt(0) + digits.substring(0, digits.length() - 2) + ":"
                    + digits.substring(digits.length() - 2);
        }
        return zone;
    }

    private static EmberException invalid(String text, DataType to, Supplier<String> where) {
        return new EmberException(
                ErrorClass.CAST_INVALID_INPUT,
                "The value '" + text + "' of the type STRING cannot be cast to " + to.sql() + " in " + where.get()
                        + " because it is malformed. Correct the value, or use try_cast to get null");
    }

    private static EmberException outOfRange(String text, DataType to, Supplier<String> where) {
        return new EmberException(
                ErrorClass.ARITHMETIC_OVERFLOW,
                "The value " + text + " is out of the range of " + to.sql() + " in " + where.get()
                        + ". Use a wider type, or try_cast to get null");
    }
}
