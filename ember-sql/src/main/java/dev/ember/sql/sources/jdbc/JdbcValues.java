package dev.ember.sql.sources.jdbc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.ByteType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DateType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.IntegerType;
import dev.ember.sql.types.LongType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Values between JDBC and Ember's internal forms (see {@code DataType}). A timestamp with a time zone is read as the
 * instant it is; one without (PostgreSQL's {@code timestamp}) as that wall-clock time in the session's time zone, as
 * Spark reads it; a {@code timestamp_ntz} as the wall-clock time itself. Writes do the reverse.
 */
public final class JdbcValues {
    private JdbcValues() {}

    /**
     * The value of column {@code index} (from 1) of the current row, as Ember holds a {@code type}; {@code zoned} says
     * whether the database's column carries a time zone.
     */
    public static Object read(ResultSet rows, int index, DataType type, boolean zoned, ZoneId zone, String column)
            throws SQLException {
        Object value;
        if (type instanceof BooleanType) {
            value = rows.getBoolean(index);
        } else if (type instanceof ByteType) {
            value = rows.getByte(index);
        } else if (type instanceof ShortType) {
            value = rows.getShort(index);
        } else if (type instanceof IntegerType) {
            value = rows.getInt(index);
        } else if (type instanceof LongType) {
            value = rows.getLong(index);
        } else if (type instanceof FloatType) {
            value = rows.getFloat(index);
        } else if (type instanceof DoubleType) {
            value = rows.getDouble(index);
        } else if (type instanceof DecimalType decimal) {
            BigDecimal number = rows.getBigDecimal(index);
            value = number == null ? null : decimal(number, decimal, column);
        } else if (type instanceof StringType) {
            value = rows.getString(index);
        } else if (type instanceof BinaryType) {
            value = rows.getBytes(index);
        } else if (type instanceof DateType) {
            LocalDate date = rows.getObject(index, LocalDate.class);
            value = date == null ? null : Math.toIntExact(date.toEpochDay());
        } else if (type instanceof TimestampType) {
            if (zoned) {
                OffsetDateTime time = rows.getObject(index, OffsetDateTime.class);
                value = time == null ? null : micros(time);
            } else {
                LocalDateTime time = rows.getObject(index, LocalDateTime.class);
                value = time == null ? null : micros(time.atZone(zone).toOffsetDateTime());
            }
        } else if (type instanceof TimestampNTZType) {
            LocalDateTime time = rows.getObject(index, LocalDateTime.class);
            value = time == null ? null : micros(time.atOffset(ZoneOffset.UTC));
        } else if (type instanceof ArrayType array) {
            Array values = rows.getArray(index);
            value = values == null
                    ? null
                    : list((Object[]) values.getArray(), array.elementType(), zoned, zone, column);
        } else {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE, "Cannot read the column " + column + " as " + type.simpleString());
        }
        return rows.wasNull() ? null : value;
    }

    private static List<Object> list(Object[] values, DataType element, boolean zoned, ZoneId zone, String column) {
        List<Object> result = new ArrayList<>(values.length);
        for (Object value : values) {
            result.add(value == null ? null : element(value, element, zoned, zone, column));
        }
        return result;
    }

    /** An array element as the driver gives it (java.sql and java.time objects, boxed numbers) in Ember's form. */
    private static Object element(Object value, DataType type, boolean zoned, ZoneId zone, String column) {
        if (type instanceof DecimalType decimal) {
            return decimal(new BigDecimal(value.toString()), decimal, column);
        }
        if (type instanceof ShortType) {
            return ((Number) value).shortValue();
        }
        if (type instanceof IntegerType) {
            return ((Number) value).intValue();
        }
        if (type instanceof LongType) {
            return ((Number) value).longValue();
        }
        if (type instanceof FloatType) {
            return ((Number) value).floatValue();
        }
        if (type instanceof DoubleType) {
            return ((Number) value).doubleValue();
        }
        if (type instanceof DateType) {
            LocalDate date = value instanceof java.sql.Date sql ? sql.toLocalDate() : LocalDate.parse(value.toString());
            return Math.toIntExact(date.toEpochDay());
        }
        if (type instanceof TimestampType) {
            if (value instanceof java.sql.Timestamp stamp) {
                // With a time zone the driver gave the instant; without, a wall-clock time read in the session's.
                return zoned
                        ? micros(stamp.toInstant().atOffset(ZoneOffset.UTC))
                        : micros(stamp.toLocalDateTime().atZone(zone).toOffsetDateTime());
            }
            return micros(OffsetDateTime.parse(value.toString()));
        }
        if (type instanceof StringType) {
            return value.toString();
        }
        return value;
    }

    private static BigDecimal decimal(BigDecimal number, DecimalType type, String column) {
        BigDecimal scaled = number.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() > type.precision()) {
            throw new EmberException(
                    ErrorClass.ARITHMETIC_OVERFLOW,
                    "The value " + number.toPlainString() + " of column " + column + " does not fit "
                            + type.simpleString());
        }
        return scaled;
    }

    private static long micros(OffsetDateTime time) {
        return Math.addExact(Math.multiplyExact(time.toEpochSecond(), 1_000_000L), time.getNano() / 1000);
    }

    /** Binds Ember's value of {@code type} to parameter {@code index} (from 1) of an insert. */
    public static void bind(
            PreparedStatement statement,
            Connection connection,
            int index,
            Object value,
            DataType type,
            JdbcDialect dialect,
            ZoneId zone,
            String column)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, dialect.nullType(type));
        } else if (type instanceof BooleanType) {
            statement.setBoolean(index, (Boolean) value);
        } else if (type instanceof ByteType) {
            statement.setShort(index, (Byte) value);
        } else if (type instanceof ShortType) {
            statement.setShort(index, (Short) value);
        } else if (type instanceof IntegerType) {
            statement.setInt(index, (Integer) value);
        } else if (type instanceof LongType) {
            statement.setLong(index, (Long) value);
        } else if (type instanceof FloatType) {
            statement.setFloat(index, (Float) value);
        } else if (type instanceof DoubleType) {
            statement.setDouble(index, (Double) value);
        } else if (type instanceof DecimalType) {
            statement.setBigDecimal(index, (BigDecimal) value);
        } else if (type instanceof StringType) {
            statement.setString(index, (String) value);
        } else if (type instanceof BinaryType) {
            statement.setBytes(index, (byte[]) value);
        } else if (type instanceof DateType) {
            statement.setObject(index, LocalDate.ofEpochDay((Integer) value));
        } else if (type instanceof TimestampType) {
            statement.setObject(index, offsetDateTime((Long) value));
        } else if (type instanceof TimestampNTZType) {
            statement.setObject(index, offsetDateTime((Long) value).toLocalDateTime());
        } else if (type instanceof ArrayType array) {
            List<?> values = (List<?>) value;
            Object[] elements = new Object[values.size()];
            for (int i = 0; i < elements.length; i++) {
                elements[i] = javaElement(values.get(i), array.elementType(), zone);
            }
            statement.setArray(
                    index, connection.createArrayOf(dialect.arrayElementType(array.elementType(), column), elements));
        } else {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "The column " + column + " of type " + type.simpleString() + " cannot be written over JDBC");
        }
    }

    private static Object javaElement(Object value, DataType type, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (type instanceof DateType) {
            return java.sql.Date.valueOf(LocalDate.ofEpochDay((Integer) value));
        }
        if (type instanceof TimestampType) {
            return java.sql.Timestamp.from(offsetDateTime((Long) value).toInstant());
        }
        if (type instanceof ByteType) {
            return ((Byte) value).shortValue();
        }
        return value;
    }

    private static OffsetDateTime offsetDateTime(long micros) {
        return OffsetDateTime.ofInstant(
                java.time.Instant.ofEpochSecond(
                        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L),
                ZoneOffset.UTC);
    }
}
