package dev.ember.connect.arrow;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
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
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BaseIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DateMilliVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.LargeVarBinaryVector;
import org.apache.arrow.vector.LargeVarCharVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowStreamReader;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow IPC stream a client sent (a local relation) as rows of internal values of a schema: the client's own
 * schema when it gave one, matched to the stream's columns by position, else the stream's.
 */
public final class ArrowReader {
    private ArrowReader() {}

    /**
     * The rows; {@code schema} may be null. At most {@code maxRows} rows and {@code maxCells} values (rows times
     * columns) are read, else the call fails before they are held.
     */
    public static Result read(BufferAllocator allocator, byte[] data, StructType schema, long maxRows, long maxCells) {
        List<Object[]> rows = new ArrayList<>();
        try (ArrowStreamReader reader = new ArrowStreamReader(new ByteArrayInputStream(data), allocator)) {
            VectorSchemaRoot root = reader.getVectorSchemaRoot();
            Schema arrowSchema = root.getSchema();
            StructType target = schema != null ? schema : ArrowTypes.fromArrow(arrowSchema);
            if (target.size() != arrowSchema.getFields().size()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The local relation's schema has " + target.size() + " columns but its Arrow data has "
                                + arrowSchema.getFields().size());
            }
            while (reader.loadNextBatch()) {
                int count = root.getRowCount();
                long total = rows.size() + (long) count;
                if (total > maxRows || total * Math.max(1, target.size()) > maxCells) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "The local relation has more than " + maxRows + " rows or " + maxCells + " values"
                                    + " (ember.connect.localRelation.maxRows, maxCells); write larger data to a file"
                                    + " and read it");
                }
                for (int r = 0; r < count; r++) {
                    Object[] row = new Object[target.size()];
                    for (int c = 0; c < row.length; c++) {
                        row[c] = get(root.getVector(c), r, target.field(c).dataType());
                    }
                    rows.add(row);
                }
            }
            return new Result(target, rows);
        } catch (IOException | RuntimeException e) {
            if (e instanceof EmberException ember) {
                throw ember;
            }
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "The local relation's Arrow data cannot be read: " + e.getMessage());
        }
    }

    /** Rows and the schema they follow. */
    public record Result(StructType schema, List<Object[]> rows) {}

    private static Object get(FieldVector vector, int index, DataType type) {
        if (vector instanceof NullVector || vector.isNull(index)) {
            return null;
        }
        Object value = raw(vector, index, type);
        return coerce(value, type, vector.getField().getName());
    }

    private static Object raw(FieldVector vector, int index, DataType type) {
        if (vector instanceof BitVector bits) {
            return bits.get(index) != 0;
        } else if (vector instanceof BaseIntVector ints && !(vector instanceof TimeStampVector)) {
            return ints.getValueAsLong(index);
        } else if (vector instanceof Float4Vector floats) {
            return floats.get(index);
        } else if (vector instanceof Float8Vector doubles) {
            return doubles.get(index);
        } else if (vector instanceof DecimalVector decimals) {
            return decimals.getObject(index);
        } else if (vector instanceof VarCharVector strings) {
            return new String(strings.get(index), StandardCharsets.UTF_8);
        } else if (vector instanceof LargeVarCharVector strings) {
            return new String(strings.get(index), StandardCharsets.UTF_8);
        } else if (vector instanceof VarBinaryVector binary) {
            return binary.get(index);
        } else if (vector instanceof LargeVarBinaryVector binary) {
            return binary.get(index);
        } else if (vector instanceof DateDayVector dates) {
            return dates.get(index);
        } else if (vector instanceof DateMilliVector dates) {
            return (int) Math.floorDiv(dates.get(index), 86_400_000L);
        } else if (vector instanceof TimeStampVector timestamps) {
            TimeUnit unit = ((ArrowType.Timestamp) vector.getField().getType()).getUnit();
            return micros(timestamps.get(index), unit);
        } else if (vector instanceof IntervalYearVector months) {
            return months.get(index);
        } else if (vector instanceof DurationVector durations) {
            TimeUnit unit = ((ArrowType.Duration) vector.getField().getType()).getUnit();
            return micros(DurationVector.get(durations.getDataBuffer(), index), unit);
        } else if (vector instanceof MapVector map) {
            MapType mapType = (MapType) type;
            StructVector entries = (StructVector) map.getDataVector();
            Map<Object, Object> values = new LinkedHashMap<>();
            int start = map.getElementStartIndex(index);
            int end = map.getElementEndIndex(index);
            for (int k = start; k < end; k++) {
                values.put(
                        get((FieldVector) entries.getChildByOrdinal(0), k, mapType.keyType()),
                        get((FieldVector) entries.getChildByOrdinal(1), k, mapType.valueType()));
            }
            return values;
        } else if (vector instanceof ListVector list) {
            DataType element = type instanceof ArrayType array ? array.elementType() : null;
            List<Object> values = new ArrayList<>();
            for (int k = list.getElementStartIndex(index); k < list.getElementEndIndex(index); k++) {
                values.add(get(list.getDataVector(), k, element));
            }
            return values;
        } else if (vector instanceof StructVector struct) {
            StructType structType = (StructType) type;
            Object[] values = new Object[structType.size()];
            for (int f = 0; f < values.length; f++) {
                values[f] = get(
                        (FieldVector) struct.getChildByOrdinal(f),
                        index,
                        structType.field(f).dataType());
            }
            return values;
        }
        throw new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE,
                "Arrow column " + vector.getField().getName() + " of type "
                        + vector.getField().getType() + " cannot be read");
    }

    private static long micros(long value, TimeUnit unit) {
        return switch (unit) {
            case SECOND -> Math.multiplyExact(value, 1_000_000L);
            case MILLISECOND -> Math.multiplyExact(value, 1_000L);
            case MICROSECOND -> value;
            case NANOSECOND -> Math.floorDiv(value, 1_000L);
        };
    }

    /** A value read from Arrow in the Java type the engine holds for {@code type}. */
    private static Object coerce(Object value, DataType type, String column) {
        if (type == null) {
            return value;
        }
        try {
            if (type instanceof ByteType) {
                return (byte) ((Number) value).longValue();
            } else if (type instanceof ShortType) {
                return (short) ((Number) value).longValue();
            } else if (type instanceof IntegerType
                    || type instanceof DateType
                    || type instanceof YearMonthIntervalType) {
                return (int) ((Number) value).longValue();
            } else if (type instanceof LongType
                    || type instanceof TimestampType
                    || type instanceof TimestampNTZType
                    || type instanceof DayTimeIntervalType) {
                return ((Number) value).longValue();
            } else if (type instanceof FloatType) {
                return ((Number) value).floatValue();
            } else if (type instanceof DoubleType) {
                return ((Number) value).doubleValue();
            } else if (type instanceof DecimalType decimal) {
                return ((BigDecimal) value).setScale(decimal.scale(), java.math.RoundingMode.HALF_UP);
            }
            return value;
        } catch (ClassCastException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The local relation's column " + column + " holds values that are not " + type.sql());
        }
    }
}
