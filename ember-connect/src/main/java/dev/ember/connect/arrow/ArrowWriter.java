package dev.ember.connect.arrow;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.DurationVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.IntervalYearVector;
import org.apache.arrow.vector.NullVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.TinyIntVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.complex.MapVector;
import org.apache.arrow.vector.complex.StructVector;
import org.apache.arrow.vector.ipc.ArrowStreamWriter;

/**
 * Rows of internal values (see {@link DataType}) as Arrow IPC streams: each call writes one stream, its schema and
 * one record batch, which is what a Spark Connect client reads from each {@code ArrowBatch} response.
 */
public final class ArrowWriter {
    private final BufferAllocator allocator;
    private final StructType schema;
    private final String timeZone;

    public ArrowWriter(BufferAllocator allocator, StructType schema, String timeZone) {
        this.allocator = allocator;
        this.schema = schema;
        this.timeZone = timeZone;
    }

    /** Rows {@code from} (inclusive) to {@code to} (exclusive) of {@code rows} as one IPC stream. */
    public byte[] write(List<Object[]> rows, int from, int to) {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(ArrowTypes.toArrow(schema, timeZone), allocator)) {
            root.allocateNew();
            int width = schema.size();
            for (int c = 0; c < width; c++) {
                FieldVector vector = root.getVector(c);
                DataType type = schema.field(c).dataType();
                for (int r = from; r < to; r++) {
                    set(vector, r - from, rows.get(r)[c], type);
                }
                vector.setValueCount(to - from);
            }
            root.setRowCount(to - from);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ArrowStreamWriter writer = new ArrowStreamWriter(root, null, out)) {
                writer.start();
                writer.writeBatch();
                writer.end();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void set(FieldVector vector, int index, Object value, DataType type) {
        if (value == null) {
            if (!(vector instanceof NullVector)) {
                vector.setNull(index);
            }
            return;
        }
        if (vector instanceof BitVector bits) {
            bits.setSafe(index, (Boolean) value ? 1 : 0);
        } else if (vector instanceof TinyIntVector bytes) {
            bytes.setSafe(index, (Byte) value);
        } else if (vector instanceof SmallIntVector shorts) {
            shorts.setSafe(index, (Short) value);
        } else if (vector instanceof IntVector ints) {
            ints.setSafe(index, (Integer) value);
        } else if (vector instanceof BigIntVector longs) {
            longs.setSafe(index, (Long) value);
        } else if (vector instanceof Float4Vector floats) {
            floats.setSafe(index, (Float) value);
        } else if (vector instanceof Float8Vector doubles) {
            doubles.setSafe(index, (Double) value);
        } else if (vector instanceof DecimalVector decimals) {
            decimals.setSafe(index, ((BigDecimal) value).setScale(decimals.getScale(), java.math.RoundingMode.HALF_UP));
        } else if (vector instanceof VarCharVector strings) {
            strings.setSafe(index, ((String) value).getBytes(StandardCharsets.UTF_8));
        } else if (vector instanceof VarBinaryVector binary) {
            binary.setSafe(index, (byte[]) value);
        } else if (vector instanceof DateDayVector dates) {
            dates.setSafe(index, (Integer) value);
        } else if (vector instanceof TimeStampVector timestamps) {
            timestamps.setSafe(index, (Long) value);
        } else if (vector instanceof IntervalYearVector months) {
            months.setSafe(index, (Integer) value);
        } else if (vector instanceof DurationVector durations) {
            durations.setSafe(index, (Long) value);
        } else if (vector instanceof MapVector map) {
            MapType mapType = (MapType) type;
            StructVector entries = (StructVector) map.getDataVector();
            int start = map.startNewValue(index);
            int k = 0;
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                entries.setIndexDefined(start + k);
                set((FieldVector) entries.getChildByOrdinal(0), start + k, entry.getKey(), mapType.keyType());
                set((FieldVector) entries.getChildByOrdinal(1), start + k, entry.getValue(), mapType.valueType());
                k++;
            }
            map.endValue(index, k);
        } else if (vector instanceof ListVector list) {
            DataType element = ((ArrayType) type).elementType();
            List<?> values = (List<?>) value;
            int start = list.startNewValue(index);
            FieldVector data = list.getDataVector();
            for (int k = 0; k < values.size(); k++) {
                set(data, start + k, values.get(k), element);
            }
            list.endValue(index, values.size());
        } else if (vector instanceof StructVector struct) {
            StructType structType = (StructType) type;
            Object[] fields = (Object[]) value;
            struct.setIndexDefined(index);
            for (int f = 0; f < fields.length; f++) {
                set(
                        (FieldVector) struct.getChildByOrdinal(f),
                        index,
                        fields[f],
                        structType.field(f).dataType());
            }
        } else {
            throw new IllegalStateException(
                    "No Arrow writer for " + vector.getClass().getSimpleName());
        }
    }
}
