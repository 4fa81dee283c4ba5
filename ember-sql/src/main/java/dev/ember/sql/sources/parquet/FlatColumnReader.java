package dev.ember.sql.sources.parquet;

import dev.ember.sql.sources.parquet.PrimitiveConverters.Mode;
import dev.ember.sql.vector.BooleanVector;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.DoubleVector;
import dev.ember.sql.vector.FloatVector;
import dev.ember.sql.vector.IntVector;
import dev.ember.sql.vector.LongVector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.EnumSet;
import java.util.Set;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.Encoding;
import org.apache.parquet.column.page.DataPage;
import org.apache.parquet.column.page.DataPageV1;
import org.apache.parquet.column.page.DataPageV2;
import org.apache.parquet.column.page.DictionaryPage;
import org.apache.parquet.column.page.PageReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/**
 * Decodes the pages of one column chunk of a flat column (no repetition, at most one level of nullability) straight
 * into column vectors, a run of values at a time: definition levels and dictionary ids with the RLE/bit-packed
 * hybrid decoder of {@link RleHybrid}, plain values read from the page's bytes, dictionaries decoded once into arrays.
 * Only what the common writers produce is taken here (plain and dictionary encodings of booleans, ints, longs,
 * floats, doubles and byte arrays, held as the vector's own kind); {@link #supports} says so per chunk, and every
 * other chunk goes through parquet-column's record assembly ({@link VectorConverters}).
 */
final class FlatColumnReader {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final Set<Encoding> CHUNK_ENCODINGS = EnumSet.of(
            Encoding.PLAIN, Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY, Encoding.RLE, Encoding.BIT_PACKED);
    private static final Set<Mode> MODES = EnumSet.of(
            Mode.BOOLEAN,
            Mode.INT,
            Mode.INT_TO_LONG,
            Mode.LONG,
            Mode.FLOAT,
            Mode.FLOAT_TO_DOUBLE,
            Mode.DOUBLE,
            Mode.BYTES);

    private final PageReader pages;
    private final Mode mode;
    private final PrimitiveTypeName physical;
    private final int maxDefinition;
    private final String column;

    private int[] dictionaryInts;
    private long[] dictionaryLongs;
    private double[] dictionaryDoubles;
    private byte[][] dictionaryBytes;

    private byte[] data;
    private int position;
    private int end;
    private int valuesLeft;
    private RleHybrid definitions;
    /** Definition levels of a v1 page in the deprecated BIT_PACKED encoding, one bit per value, highest bit first. */
    private byte[] packedLevels;

    private int packedLevelStart;
    private int packedLevelIndex;
    /** Dictionary ids of a dictionary-encoded page, or the values of a page of RLE-encoded booleans. */
    private RleHybrid ids;

    /** Scratch space of a run: its definition levels, the rows of it that have values, their ids. */
    private int[] levels;

    private int[] present;
    private int[] idBuffer;

    private boolean rleBooleans;
    private boolean dictionaryIds;
    private int dictionarySize;
    private int bitOffset;

    /**
     * Whether a chunk of {@code descriptor} read in {@code mode} is decoded here: a flat column, a mode that needs no
     * conversion beyond widening, and encodings this reader knows. {@code mode} {@code DECIMAL} is taken only as
     * {@code exactLong}: an int or long of the wanted scale, held as a long.
     */
    static boolean supports(ColumnDescriptor descriptor, Mode mode, boolean exactLong, ColumnChunkMetaData chunk) {
        if (descriptor.getMaxRepetitionLevel() != 0 || descriptor.getMaxDefinitionLevel() > 1) {
            return false;
        }
        PrimitiveTypeName physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        boolean modeOk = MODES.contains(mode) || (mode == Mode.DECIMAL && exactLong);
        if (!modeOk || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY || physical == PrimitiveTypeName.INT96) {
            return false;
        }
        if (mode == Mode.DECIMAL && physical != PrimitiveTypeName.INT32 && physical != PrimitiveTypeName.INT64) {
            return false;
        }
        if (mode == Mode.BOOLEAN
                && (chunk.getEncodings().contains(Encoding.PLAIN_DICTIONARY)
                        || chunk.getEncodings().contains(Encoding.RLE_DICTIONARY))) {
            return false;
        }
        for (Encoding encoding : chunk.getEncodings()) {
            if (!CHUNK_ENCODINGS.contains(encoding)) {
                return false;
            }
        }
        return true;
    }

    FlatColumnReader(ColumnDescriptor descriptor, Mode mode, PageReader pages) {
        this.pages = pages;
        this.mode = mode == Mode.DECIMAL
                ? (descriptor.getPrimitiveType().getPrimitiveTypeName() == PrimitiveTypeName.INT32
                        ? Mode.INT_TO_LONG
                        : Mode.LONG)
                : mode;
        this.physical = descriptor.getPrimitiveType().getPrimitiveTypeName();
        this.maxDefinition = descriptor.getMaxDefinitionLevel();
        this.column = String.join(".", descriptor.getPath());
        DictionaryPage dictionary = pages.readDictionaryPage();
        if (dictionary != null) {
            readDictionary(dictionary);
        }
    }

    private void readDictionary(DictionaryPage page) {
        pointAt(page.getBytes());
        int count = page.getDictionarySize();
        // Every dictionary value takes at least 4 bytes (a byte array's length, an int) or 8 (a long, a double).
        int smallest = physical == PrimitiveTypeName.INT64 || physical == PrimitiveTypeName.DOUBLE ? 8 : 4;
        if (count < 0 || count > (end - position) / smallest) {
            throw corrupt("a dictionary of " + count + " values in " + (end - position) + " bytes");
        }
        dictionarySize = count;
        switch (physical) {
            case INT32 -> {
                dictionaryInts = new int[count];
                for (int i = 0; i < count; i++) {
                    dictionaryInts[i] = plainInt();
                }
            }
            case INT64 -> {
                dictionaryLongs = new long[count];
                for (int i = 0; i < count; i++) {
                    dictionaryLongs[i] = plainLong();
                }
            }
            case FLOAT -> {
                dictionaryDoubles = new double[count];
                for (int i = 0; i < count; i++) {
                    dictionaryDoubles[i] = Float.intBitsToFloat(plainInt());
                }
            }
            case DOUBLE -> {
                dictionaryDoubles = new double[count];
                for (int i = 0; i < count; i++) {
                    dictionaryDoubles[i] = Double.longBitsToDouble(plainLong());
                }
            }
            case BINARY -> {
                dictionaryBytes = new byte[count][];
                for (int i = 0; i < count; i++) {
                    int length = plainLength();
                    dictionaryBytes[i] = java.util.Arrays.copyOfRange(data, position, position + length);
                    position += length;
                }
            }
            default -> throw corrupt("a dictionary of " + physical + " values");
        }
        data = null;
    }

    /** Reads the next {@code rows} values into rows {@code 0..rows-1} of {@code out}. */
    void read(ColumnVector out, int rows) {
        int row = 0;
        while (row < rows) {
            if (valuesLeft == 0) {
                nextPage();
            }
            int n = Math.min(rows - row, valuesLeft);
            readRun(out, row, n);
            row += n;
            valuesLeft -= n;
        }
    }

    /**
     * Reads {@code n} values of the current page into rows {@code start ..} of {@code out}: the definition levels of
     * all of them first, then the values of those present, each kind in a loop of its own.
     */
    private void readRun(ColumnVector out, int start, int n) {
        int[] at = null; // the rows that get a value, when some are null
        int count = n;
        boolean readLevels = definitions != null ? !definitions.skipRepeated(maxDefinition, n) : packedLevels != null;
        if (readLevels) {
            at = present = grown(present, n);
            count = 0;
            if (definitions != null) {
                int[] level = this.levels = grown(this.levels, n);
                definitions.readInto(level, 0, n);
                for (int i = 0; i < n; i++) {
                    if (level[i] == maxDefinition) {
                        at[count++] = start + i;
                    }
                }
            } else {
                for (int i = 0; i < n; i++) {
                    if (nextPackedLevel()) {
                        at[count++] = start + i;
                    }
                }
            }
        }
        readValues(out, start, at, count);
        if (count < n) {
            if (mode == Mode.BYTES) {
                // Strings are written in row order: their nulls went in with their values, but for those at the end.
                nullsBefore((BytesVector) out, start + n);
            } else {
                for (int i = 0, j = 0; i < n; i++) {
                    if (j < count && at[j] == start + i) {
                        j++;
                    } else {
                        out.setNull(start + i);
                    }
                }
            }
        }
    }

    /** The values of rows {@code at[j]} (or {@code start + j}), {@code j < count}. */
    private void readValues(ColumnVector out, int start, int[] at, int count) {
        if (count == 0) {
            return;
        }
        if (rleBooleans) {
            int[] bits = idBuffer = grown(idBuffer, count);
            ids.readInto(bits, 0, count);
            BooleanVector booleans = (BooleanVector) out;
            for (int j = 0; j < count; j++) {
                booleans.set(at == null ? start + j : at[j], bits[j] != 0);
            }
            return;
        }
        if (dictionaryIds) {
            int[] id = idBuffer = grown(idBuffer, count);
            ids.readInto(id, 0, count);
            for (int j = 0; j < count; j++) {
                if (Integer.compareUnsigned(id[j], dictionarySize) >= 0) {
                    throw corrupt("dictionary id " + id[j] + " outside a dictionary of " + dictionarySize);
                }
            }
            fromDictionary(out, start, at, id, count);
        } else {
            plainValues(out, start, at, count);
        }
    }

    /** Rows {@code at[j]} (or {@code start + j}) of {@code out} get the dictionary's entries {@code id[j]}. */
    private void fromDictionary(ColumnVector out, int start, int[] at, int[] id, int count) {
        switch (mode) {
            case INT -> {
                IntVector ints = (IntVector) out;
                for (int j = 0; j < count; j++) {
                    ints.set(at == null ? start + j : at[j], dictionaryInts[id[j]]);
                }
            }
            case INT_TO_LONG -> {
                LongVector longs = (LongVector) out;
                for (int j = 0; j < count; j++) {
                    longs.set(at == null ? start + j : at[j], dictionaryInts[id[j]]);
                }
            }
            case LONG -> {
                LongVector longs = (LongVector) out;
                for (int j = 0; j < count; j++) {
                    longs.set(at == null ? start + j : at[j], dictionaryLongs[id[j]]);
                }
            }
            case DOUBLE, FLOAT_TO_DOUBLE -> {
                DoubleVector doubles = (DoubleVector) out;
                for (int j = 0; j < count; j++) {
                    doubles.set(at == null ? start + j : at[j], dictionaryDoubles[id[j]]);
                }
            }
            case FLOAT -> {
                FloatVector floats = (FloatVector) out;
                for (int j = 0; j < count; j++) {
                    floats.set(at == null ? start + j : at[j], (float) dictionaryDoubles[id[j]]);
                }
            }
            case BYTES -> {
                BytesVector bytes = (BytesVector) out;
                for (int j = 0; j < count; j++) {
                    int row = at == null ? start + j : at[j];
                    nullsBefore(bytes, row);
                    byte[] value = dictionaryBytes[id[j]];
                    bytes.set(row, value, 0, value.length);
                }
            }
            default -> throw corrupt("a dictionary-encoded page of " + mode + " values");
        }
    }

    /** Rows {@code at[j]} (or {@code start + j}) of {@code out} get the page's next {@code count} plain values. */
    private void plainValues(ColumnVector out, int start, int[] at, int count) {
        switch (mode) {
            case INT, INT_TO_LONG, FLOAT, FLOAT_TO_DOUBLE -> checkRange((int) Math.min(Integer.MAX_VALUE, 4L * count));
            case LONG, DOUBLE -> checkRange((int) Math.min(Integer.MAX_VALUE, 8L * count));
            default -> {}
        }
        byte[] bytes = data;
        int p = position;
        switch (mode) {
            case INT -> {
                IntVector ints = (IntVector) out;
                for (int j = 0; j < count; j++, p += 4) {
                    ints.set(at == null ? start + j : at[j], (int) INT.get(bytes, p));
                }
            }
            case INT_TO_LONG -> {
                LongVector longs = (LongVector) out;
                for (int j = 0; j < count; j++, p += 4) {
                    longs.set(at == null ? start + j : at[j], (int) INT.get(bytes, p));
                }
            }
            case LONG -> {
                LongVector longs = (LongVector) out;
                for (int j = 0; j < count; j++, p += 8) {
                    longs.set(at == null ? start + j : at[j], (long) LONG.get(bytes, p));
                }
            }
            case DOUBLE -> {
                DoubleVector doubles = (DoubleVector) out;
                for (int j = 0; j < count; j++, p += 8) {
                    doubles.set(at == null ? start + j : at[j], Double.longBitsToDouble((long) LONG.get(bytes, p)));
                }
            }
            case FLOAT -> {
                FloatVector floats = (FloatVector) out;
                for (int j = 0; j < count; j++, p += 4) {
                    floats.set(at == null ? start + j : at[j], Float.intBitsToFloat((int) INT.get(bytes, p)));
                }
            }
            case FLOAT_TO_DOUBLE -> {
                DoubleVector doubles = (DoubleVector) out;
                for (int j = 0; j < count; j++, p += 4) {
                    doubles.set(at == null ? start + j : at[j], Float.intBitsToFloat((int) INT.get(bytes, p)));
                }
            }
            case BOOLEAN -> {
                BooleanVector booleans = (BooleanVector) out;
                for (int j = 0; j < count; j++) {
                    booleans.set(at == null ? start + j : at[j], plainBoolean());
                }
                return;
            }
            case BYTES -> {
                BytesVector strings = (BytesVector) out;
                for (int j = 0; j < count; j++) {
                    int row = at == null ? start + j : at[j];
                    nullsBefore(strings, row);
                    int length = plainLength();
                    strings.set(row, data, position, length);
                    position += length;
                }
                return;
            }
            default -> throw new IllegalStateException("mode " + mode);
        }
        position = p;
    }

    /** Marks the rows from the vector's size up to {@code row} null: the rows without values before it. */
    private static void nullsBefore(BytesVector strings, int row) {
        for (int r = strings.size(); r < row; r++) {
            strings.setNull(r);
        }
    }

    /** {@code buffer}, or a larger one when it holds fewer than {@code n} values. */
    private static int[] grown(int[] buffer, int n) {
        return buffer != null && buffer.length >= n ? buffer : new int[Math.max(n, 1024)];
    }

    private void nextPage() {
        DataPage page;
        do {
            page = pages.readPage();
            if (page == null) {
                throw corrupt("the pages end before the row group's rows");
            }
            valuesLeft = page.getValueCount();
            if (valuesLeft < 0) {
                throw corrupt("a data page of " + valuesLeft + " values");
            }
        } while (valuesLeft == 0);
        Encoding encoding;
        if (page instanceof DataPageV1 v1) {
            pointAt(v1.getBytes());
            definitions = null;
            packedLevels = null;
            if (maxDefinition > 0 && v1.getDlEncoding() == Encoding.BIT_PACKED) {
                int length = (valuesLeft + 7) / 8;
                checkRange(length);
                packedLevels = data;
                packedLevelStart = position;
                packedLevelIndex = 0;
                position += length;
            } else if (maxDefinition > 0) {
                if (v1.getDlEncoding() != Encoding.RLE) {
                    throw corrupt("definition levels encoded as " + v1.getDlEncoding());
                }
                int length = plainInt();
                checkRange(length);
                definitions = new RleHybrid(data, position, position + length, 1);
                position += length;
            }
            encoding = v1.getValueEncoding();
        } else {
            DataPageV2 v2 = (DataPageV2) page;
            byte[] levels = bytesOf(v2.getDefinitionLevels());
            definitions = maxDefinition > 0 ? new RleHybrid(levels, 0, levels.length, 1) : null;
            packedLevels = null;
            pointAt(v2.getData());
            encoding = v2.getDataEncoding();
        }
        bitOffset = 0;
        rleBooleans = false;
        dictionaryIds = false;
        if (encoding == Encoding.RLE && physical == PrimitiveTypeName.BOOLEAN) {
            // Version 2 pages of booleans: a length, then the values as a hybrid run of 1-bit values.
            int length = plainInt();
            checkRange(length);
            ids = new RleHybrid(data, position, position + length, 1);
            rleBooleans = true;
        } else if (encoding == Encoding.PLAIN_DICTIONARY || encoding == Encoding.RLE_DICTIONARY) {
            if (dictionaryInts == null
                    && dictionaryLongs == null
                    && dictionaryDoubles == null
                    && dictionaryBytes == null) {
                throw corrupt("a dictionary-encoded page without a dictionary");
            }
            dictionaryIds = true;
            if (position == end) {
                // A page of nulls only may have no ids at all, not even their width; reading one fails.
                ids = new RleHybrid(data, end, end, 0);
            } else {
                int bitWidth = data[position] & 0xFF;
                if (bitWidth > 32) {
                    throw corrupt("dictionary ids of " + bitWidth + " bits");
                }
                ids = new RleHybrid(data, position + 1, end, bitWidth);
            }
        } else if (encoding == Encoding.PLAIN) {
            ids = null;
        } else {
            throw corrupt("values encoded as " + encoding);
        }
    }

    /** Whether the next bit-packed definition level is the maximum (the value is present). */
    private boolean nextPackedLevel() {
        int index = packedLevelIndex++;
        return ((packedLevels[packedLevelStart + index / 8] >>> (7 - index % 8)) & 1) != 0;
    }

    private int plainInt() {
        checkRange(4);
        int value = (int) INT.get(data, position);
        position += 4;
        return value;
    }

    private long plainLong() {
        checkRange(8);
        long value = (long) LONG.get(data, position);
        position += 8;
        return value;
    }

    private int plainLength() {
        int length = plainInt();
        if (length < 0) {
            throw corrupt("a byte array of " + length + " bytes");
        }
        checkRange(length);
        return length;
    }

    private boolean plainBoolean() {
        checkRange(1);
        boolean value = ((data[position] >>> bitOffset) & 1) != 0;
        if (++bitOffset == 8) {
            bitOffset = 0;
            position++;
        }
        return value;
    }

    private void checkRange(int bytes) {
        if (bytes < 0 || position + bytes > end || position + bytes < 0) {
            throw corrupt("a value overruns its page");
        }
    }

    /** Reads the page {@code input} next, in place when its bytes are an array already (as decompressed pages are). */
    private void pointAt(org.apache.parquet.bytes.BytesInput input) {
        java.nio.ByteBuffer buffer;
        try {
            buffer = input.toByteBuffer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (buffer.hasArray()) {
            data = buffer.array();
            position = buffer.arrayOffset() + buffer.position();
            end = position + buffer.remaining();
        } else {
            data = bytesOf(input);
            position = 0;
            end = data.length;
        }
    }

    private static byte[] bytesOf(org.apache.parquet.bytes.BytesInput input) {
        try {
            return input.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private IllegalStateException corrupt(String what) {
        return new IllegalStateException("column " + column + ": " + what);
    }
}
