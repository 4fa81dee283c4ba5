package dev.ember.sql.vector;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DecimalType;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/** Writes batches of the column types of a {@link BatchSerializer} to a stream: the header and each column by kind. */
final class BatchWriter extends WriteBuffer {
    private final DataType[] types;
    private final ColumnVectors.Kind[] kinds;

    BatchWriter(DataType[] types, ColumnVectors.Kind[] kinds, OutputStream out, int bufferSize) {
        super(out, bufferSize);
        this.types = types;
        this.kinds = kinds;
    }

    /** Writes the selected rows of {@code batch}, which must have the serializer's column types. */
    void write(ColumnBatch batch) throws IOException {
        if (batch.numColumns() != types.length) {
            throw new IllegalArgumentException(
                    "A batch of " + batch.numColumns() + " columns written by a serializer of " + types.length);
        }
        for (int i = 0; i < types.length; i++) {
            if (!batch.column(i).type().equals(types[i])) {
                throw new IllegalArgumentException("Column " + i + " of the batch is of type "
                        + batch.column(i).type().simpleString() + ", not " + types[i].simpleString());
            }
        }
        int rows = batch.size();
        int[] selection = batch.selection();
        ensure(12);
        putInt(BatchSerializer.MAGIC);
        putInt(rows);
        putInt(types.length);
        for (int i = 0; i < types.length; i++) {
            ColumnVector vector = batch.column(i);
            boolean nulls = writeNulls(vector, selection, rows);
            switch (kinds[i]) {
                case BOOLEAN -> writeBooleans((BooleanVector) vector, selection, rows);
                case INT -> writeInts((IntVector) vector, selection, rows);
                case LONG -> writeLongs((LongVector) vector, selection, rows);
                case FLOAT -> writeFloats((FloatVector) vector, selection, rows);
                case DOUBLE -> writeDoubles((DoubleVector) vector, selection, rows);
                case BYTES -> writeBytes((BytesVector) vector, selection, rows);
                case OBJECT -> writeObjects((ObjectVector) vector, selection, rows, nulls);
            }
        }
        align();
    }

    /** Writes the null flag, and the bitmap of the selected rows if one of them is null; whether one is. */
    private boolean writeNulls(ColumnVector vector, int[] selection, int rows) throws IOException {
        ensure(1);
        long[] source = vector.nullBitmap();
        if (source == null || rows == 0) {
            putByte((byte) 0);
            return false;
        }
        int words = BatchSerializer.nullWords(rows);
        long[] bitmap;
        if (selection == null) {
            bitmap = Arrays.copyOf(source, words);
            if ((rows & 63) != 0) {
                bitmap[words - 1] &= (1L << rows) - 1;
            }
        } else {
            bitmap = new long[words];
            for (int k = 0; k < rows; k++) {
                int row = selection[k];
                if ((source[row >>> 6] & (1L << row)) != 0) {
                    bitmap[k >>> 6] |= 1L << k;
                }
            }
        }
        long any = 0;
        for (long word : bitmap) {
            any |= word;
        }
        if (any == 0) {
            putByte((byte) 0);
            return false;
        }
        putByte((byte) 1);
        putLongArray(bitmap, 0, words);
        return true;
    }

    private void writeBooleans(BooleanVector vector, int[] selection, int rows) throws IOException {
        boolean[] values = vector.values;
        align();
        for (int start = 0; start < rows; start += 64) {
            int end = Math.min(rows, start + 64);
            long word = 0;
            for (int k = start; k < end; k++) {
                if (values[selection == null ? k : selection[k]]) {
                    word |= 1L << k;
                }
            }
            ensure(8);
            putLong(word);
        }
    }

    private void writeInts(IntVector vector, int[] selection, int rows) throws IOException {
        int[] values = vector.values;
        int width = BatchSerializer.intWidth(vector.type());
        if (width == 4 && selection == null) {
            putIntArray(values, 0, rows);
            return;
        }
        align();
        for (int k = 0; k < rows; k++) {
            int value = values[selection == null ? k : selection[k]];
            ensure(4);
            if (width == 1) {
                buf[pos++] = (byte) value;
            } else if (width == 2) {
                bytes.putShort(pos, (short) value);
                pos += 2;
            } else {
                bytes.putInt(pos, value);
                pos += 4;
            }
        }
    }

    private void writeLongs(LongVector vector, int[] selection, int rows) throws IOException {
        long[] values = vector.values;
        if (selection == null) {
            putLongArray(values, 0, rows);
            return;
        }
        align();
        for (int k = 0; k < rows; k++) {
            ensure(8);
            putLong(values[selection[k]]);
        }
    }

    private void writeFloats(FloatVector vector, int[] selection, int rows) throws IOException {
        float[] values = vector.values;
        align();
        if (selection == null) {
            for (int off = 0; off < rows; ) {
                if (buf.length - pos < 4) {
                    drain();
                }
                int chunk = Math.min(rows - off, (buf.length - pos) >>> 2);
                floats.put(pos >>> 2, values, off, chunk);
                pos += chunk << 2;
                off += chunk;
            }
            return;
        }
        for (int k = 0; k < rows; k++) {
            ensure(4);
            bytes.putFloat(pos, values[selection[k]]);
            pos += 4;
        }
    }

    private void writeDoubles(DoubleVector vector, int[] selection, int rows) throws IOException {
        double[] values = vector.values;
        align();
        if (selection == null) {
            for (int off = 0; off < rows; ) {
                if (buf.length - pos < 8) {
                    drain();
                }
                int chunk = Math.min(rows - off, (buf.length - pos) >>> 3);
                doubles.put(pos >>> 3, values, off, chunk);
                pos += chunk << 3;
                off += chunk;
            }
            return;
        }
        for (int k = 0; k < rows; k++) {
            ensure(8);
            bytes.putDouble(pos, values[selection[k]]);
            pos += 8;
        }
    }

    private void writeBytes(BytesVector vector, int[] selection, int rows) throws IOException {
        int[] offsets = vector.offsets;
        byte[] data = vector.data;
        align();
        long total = 0;
        for (int k = 0; k < rows; k++) {
            int row = selection == null ? k : selection[k];
            int length = offsets[row + 1] - offsets[row];
            total += length;
            ensure(4);
            putInt(length);
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("A column of more than 2 GiB cannot be written");
        }
        ensure(4);
        putInt((int) total);
        if (selection == null) {
            putBytes(data, offsets[0], offsets[rows] - offsets[0]);
        } else {
            for (int k = 0; k < rows; k++) {
                int row = selection[k];
                putBytes(data, offsets[row], offsets[row + 1] - offsets[row]);
            }
        }
    }

    private void writeObjects(ObjectVector vector, int[] selection, int rows, boolean nulls) throws IOException {
        Object[] values = vector.values;
        int scale = vector.type instanceof DecimalType decimal ? decimal.scale() : -1;
        for (int k = 0; k < rows; k++) {
            int row = selection == null ? k : selection[k];
            if (!nulls || !vector.isNull(row)) {
                if (scale >= 0 && vector.isUnscaled(row)) {
                    TaggedValues.writeDecimal(this, scale, vector.unscaledAt(row));
                } else {
                    TaggedValues.write(this, values[row], 0);
                }
            }
        }
    }
}
