package dev.ember.sql.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSerializerTest {
    private final BatchSerializer serializer = new BatchSerializer(TestData.ALL_TYPES);

    @Test
    void everyTypeRoundTripsWithNulls() throws IOException {
        for (int rows : new int[] {1, 63, 64, 65, 300}) {
            List<Object[]> expected = TestData.rows(rows);
            ColumnBatch batch = Batches.fromRows(expected, TestData.ALL_TYPES);
            byte[] bytes = serializer.toBytes(batch);
            assertThat(bytes.length % 8).isZero();
            ColumnBatch read = serializer.fromBytes(bytes);
            assertThat(read.numRows()).isEqualTo(rows);
            assertThat(read.selection()).isNull();
            TestData.assertSameRows(Batches.toRows(read), expected);
            for (int column = 0; column < read.numColumns(); column++) {
                assertThat(read.column(column).getClass())
                        .isEqualTo(batch.column(column).getClass());
                assertThat(read.column(column).nullCount())
                        .isEqualTo(batch.column(column).nullCount());
            }
        }
    }

    @Test
    void wideDecimalsRoundTripExactlyOnBothSidesOfALongsReach() throws IOException {
        // Decimals of up to 18 digits travel as a long, longer ones as their bytes; both come back with their scale.
        DataType wide = DataTypes.createDecimalType(38, 6);
        List<BigDecimal> values = List.of(
                new BigDecimal("0.000000"),
                new BigDecimal("999999999999.999999"),
                new BigDecimal("-999999999999.999999"),
                new BigDecimal("1000000000000.000000"),
                new BigDecimal("-1000000000000.000000"),
                new BigDecimal("12345678901234567890123456789012.123456"),
                new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE), 6),
                new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE), 6),
                new BigDecimal("-0.000001"));
        List<Object[]> rows = new ArrayList<>();
        for (BigDecimal value : values) {
            rows.add(new Object[] {value});
        }
        rows.add(new Object[] {null});
        BatchSerializer decimals = new BatchSerializer(List.of(wide));
        ColumnBatch read = decimals.fromBytes(decimals.toBytes(Batches.fromRows(rows, List.of(wide))));
        for (int k = 0; k < values.size(); k++) {
            BigDecimal got = (BigDecimal) read.column(0).getObject(k);
            assertThat(got).isEqualTo(values.get(k));
            assertThat(got.scale()).isEqualTo(values.get(k).scale());
        }
        assertThat(read.column(0).isNull(values.size())).isTrue();

        // Read back, those of up to 18 digits are held as longs; written from longs, they come back the same.
        ObjectVector held = (ObjectVector) read.column(0);
        ObjectVector longs = new ObjectVector(wide, values.size() + 1);
        for (int k = 0; k < values.size(); k++) {
            assertThat(held.isUnscaled(k))
                    .as("%s", values.get(k))
                    .isEqualTo(values.get(k).precision() <= 18);
            if (held.isUnscaled(k)) {
                longs.setUnscaled(k, held.unscaledAt(k));
            } else {
                longs.setObject(k, values.get(k));
            }
        }
        longs.setNull(values.size());
        ColumnBatch again = decimals.fromBytes(decimals.toBytes(ColumnBatch.of(values.size() + 1, longs)));
        for (int k = 0; k < values.size(); k++) {
            assertThat(again.column(0).getDecimal(k)).isEqualTo(values.get(k));
        }
        assertThat(again.column(0).isNull(values.size())).isTrue();
    }

    @Test
    void aDecimalAtAnotherScaleThanItsColumnsIsRefused() throws IOException {
        DataType wide = DataTypes.createDecimalType(38, 6);
        BatchSerializer decimals = new BatchSerializer(List.of(wide));
        List<Object[]> rows = List.<Object[]>of(new Object[] {new BigDecimal("1.500000")});
        byte[] good = decimals.toBytes(Batches.fromRows(rows, List.of(wide)));
        // header 12, flag at 12, the tag at 13, the scale at 14, the unscaled long at 18.
        assertThat(decimals.fromBytes(good).column(0).getDecimal(0)).isEqualTo(new BigDecimal("1.500000"));
        assertThatThrownBy(() -> decimals.fromBytes(withInt(good, 14, 5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("15.00000 is not a value of decimal(38,6)")
                .hasMessageContaining("column 0 (decimal(38,6))");
        byte[] notADecimal = good.clone();
        notADecimal[13] = 4; // an int where a decimal should be
        assertThatThrownBy(() -> decimals.fromBytes(notADecimal))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not a value of decimal(38,6)");
    }

    @Test
    void anEmptyBatchRoundTrips() throws IOException {
        ColumnBatch empty = Batches.fromRows(List.of(), TestData.ALL_TYPES);
        ColumnBatch read = serializer.fromBytes(serializer.toBytes(empty));
        assertThat(read.numRows()).isZero();
        assertThat(read.numColumns()).isEqualTo(TestData.ALL_TYPES.size());

        BatchSerializer noColumns = new BatchSerializer(List.of());
        assertThat(noColumns.fromBytes(noColumns.toBytes(ColumnBatch.of(7))).numRows())
                .isEqualTo(7);
    }

    @Test
    void onlyTheSelectedRowsAreWritten() throws IOException {
        List<Object[]> rows = TestData.rows(200);
        ColumnBatch batch = Batches.fromRows(rows, TestData.ALL_TYPES);
        int[] selection = {199, 3, 64, 65, 128, 0, 10, 150};
        ColumnBatch selected = batch.withSelection(selection, 7);
        ColumnBatch read = serializer.fromBytes(serializer.toBytes(selected));
        List<Object[]> expected = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            expected.add(rows.get(selection[k]));
        }
        assertThat(read.numRows()).isEqualTo(7);
        TestData.assertSameRows(Batches.toRows(read), expected);
        assertThat(serializer.toBytes(selected).length).isLessThan(serializer.toBytes(batch).length);

        // The rows selected have no null: no bitmap is written, and the vectors read back have none.
        ColumnBatch noNulls = batch.withSelection(new int[] {1, 3, 4}, 3);
        ColumnBatch readBack = serializer.fromBytes(serializer.toBytes(noNulls));
        assertThat(readBack.column(3).mayHaveNulls()).isFalse();
    }

    @Test
    void manyBatchesShareOneStreamAndAreReadLazily() throws IOException {
        List<DataType> types = List.of(DataTypes.LongType, DataTypes.StringType, DataTypes.DoubleType);
        BatchSerializer longs = new BatchSerializer(types);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> expected = new ArrayList<>();
        try (BatchSerializer.Writer writer = longs.writer(out)) {
            for (int b = 0; b < 25; b++) {
                BatchBuilder builder = new BatchBuilder(types, 1 + b * 97);
                for (int i = 0; i < builder.capacity(); i++) {
                    long id = b * 10_000L + i;
                    builder.append(new Object[] {id, i % 9 == 0 ? null : "s" + id + "-".repeat(i % 40), id * 0.5});
                }
                ColumnBatch batch = builder.build();
                expected.add(Batches.toString(batch));
                writer.write(batch);
            }
        }
        // A few batches go through the single-batch method as well, to the same stream.
        ColumnBatch last = Batches.fromRows(List.<Object[]>of(new Object[] {-1L, "last", null}), types);
        longs.write(last, out);
        expected.add(Batches.toString(last));

        byte[] bytes = out.toByteArray();
        CountingStream in = new CountingStream(bytes);
        Iterator<ColumnBatch> batches = longs.readAll(in);
        assertThat(batches.hasNext()).isTrue();
        assertThat(in.read).as("read lazily, not all at once").isLessThan(bytes.length);
        List<String> read = new ArrayList<>();
        batches.forEachRemaining(batch -> read.add(Batches.toString(batch)));
        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(batches.hasNext()).isFalse();

        assertThat(longs.readAll(new ByteArrayInputStream(new byte[0])).hasNext())
                .isFalse();
    }

    @Test
    void largeValuesGoThroughTheBufferInPieces() throws IOException {
        List<DataType> types =
                List.of(DataTypes.BinaryType, DataTypes.IntegerType, DataTypes.createArrayType(DataTypes.StringType));
        BatchSerializer large = new BatchSerializer(types);
        byte[] big = new byte[300_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        BatchBuilder builder = new BatchBuilder(types, 40_000);
        for (int i = 0; i < 40_000; i++) {
            builder.append(new Object[] {
                i % 10_000 == 7 ? big : new byte[] {(byte) i}, i, i == 5 ? List.of(new String(new char[70_000])) : null
            });
        }
        ColumnBatch batch = builder.build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        large.write(batch, out);
        // A stream handing out a few bytes at a time.
        ColumnBatch read = large.read(new TrickleStream(out.toByteArray(), 7_777));
        assertThat(read.numRows()).isEqualTo(40_000);
        assertThat(read.column(0).getBinary(10_007)).isEqualTo(big);
        assertThat(read.column(0).getBinary(6)).containsExactly(6);
        assertThat(((IntVector) read.column(1)).values()).isEqualTo(((IntVector) batch.column(1)).values());
        assertThat(read.column(2).getObject(5)).isEqualTo(batch.column(2).getObject(5));
        assertThat(read.column(2).nullCount()).isEqualTo(39_999);
    }

    @Test
    void aStreamCutAnywhereInsideABatchFailsWithEof() throws IOException {
        List<Object[]> rows = TestData.rows(70);
        byte[] bytes = serializer.toBytes(Batches.fromRows(rows, TestData.ALL_TYPES));
        for (int cut = 1; cut < bytes.length; cut++) {
            byte[] truncated = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> serializer.fromBytes(truncated))
                    .as("cut at %d of %d", cut, bytes.length)
                    .isInstanceOf(EOFException.class)
                    .hasMessageContaining("The stream ends inside a batch");
        }
        byte[] twoAndABit = new byte[bytes.length * 2 + 5];
        System.arraycopy(bytes, 0, twoAndABit, 0, bytes.length);
        System.arraycopy(bytes, 0, twoAndABit, bytes.length, bytes.length);
        System.arraycopy(bytes, 0, twoAndABit, 2 * bytes.length, 5);
        Iterator<ColumnBatch> batches = serializer.readAll(new ByteArrayInputStream(twoAndABit));
        assertThat(batches.next().numRows()).isEqualTo(70);
        assertThat(batches.next().numRows()).isEqualTo(70);
        assertThatThrownBy(batches::hasNext)
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(EOFException.class)
                .hasMessageContaining("header of batch 2");
    }

    @Test
    void corruptHeadersAreRefused() {
        List<DataType> types = List.of(DataTypes.IntegerType);
        BatchSerializer ints = new BatchSerializer(types);
        byte[] good = ints.toBytes(Batches.fromRows(List.<Object[]>of(new Object[] {1}), types));

        byte[] badMagic = good.clone();
        badMagic[0] ^= 0x55;
        assertThatThrownBy(() -> ints.fromBytes(badMagic))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("expected marker");

        assertThatThrownBy(() -> ints.fromBytes(withInt(good, 4, -3)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("row count -3");
        assertThatThrownBy(() -> ints.fromBytes(withInt(good, 4, Integer.MAX_VALUE)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("out of the range");
        assertThatThrownBy(() -> ints.fromBytes(withInt(good, 8, 2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("2 columns where 1 are expected");

        byte[] badFlag = good.clone();
        badFlag[12] = 7;
        assertThatThrownBy(() -> ints.fromBytes(badFlag))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("null flag is 7");

        byte[] trailing = Arrays.copyOf(good, good.length + 8);
        assertThatThrownBy(() -> ints.fromBytes(trailing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Bytes follow");
    }

    @Test
    void craftedLengthsFailWithoutAllocatingThem() {
        List<DataType> types = List.of(DataTypes.StringType);
        BatchSerializer strings = new BatchSerializer(types);
        byte[] good = strings.toBytes(Batches.fromRows(List.<Object[]>of(new Object[] {"abc"}), types));
        // header 12, flag 1, padding to 16, one length at 16, the total at 20, the bytes at 24.
        assertThat(good).hasSize(32);
        assertThatThrownBy(() -> strings.fromBytes(withInt(good, 16, -1)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("negative length -1");
        // A length just within the limit of 1 GiB: the bytes are allocated as they come, so the cut stream ends it.
        int huge = (1 << 30) - 100;
        assertThatThrownBy(() -> strings.fromBytes(withInt(withInt(good, 16, huge), 20, huge)))
                .isInstanceOf(EOFException.class)
                .hasMessageContaining("The stream ends inside a batch");
        assertThatThrownBy(() -> strings.fromBytes(withInt(withInt(good, 16, 1 << 30), 20, 1 << 30)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("limit of 1073741824 bytes");
        assertThatThrownBy(() -> strings.fromBytes(withInt(good, 20, 4)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("add up to 3 bytes, not the total of 4");

        // Two billion rows claimed: refused by the row limit, or read as far as the stream goes.
        BatchSerializer limited = new BatchSerializer(types, 1000, 1L << 30);
        assertThatThrownBy(() -> limited.fromBytes(withInt(good, 4, 2000)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("out of the range 0 to 1000");
        assertThatThrownBy(() -> strings.fromBytes(withInt(good, 4, 2_000_000_000)))
                .isInstanceOf(IOException.class);

        BatchSerializer small = new BatchSerializer(types, 1000, 20);
        assertThatThrownBy(() -> small.fromBytes(good))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("limit of 20 bytes");
    }

    @Test
    void corruptNestedValuesAreRefused() throws IOException {
        List<DataType> types = List.of(DataTypes.createArrayType(DataTypes.IntegerType));
        BatchSerializer arrays = new BatchSerializer(types);
        byte[] good = arrays.toBytes(Batches.fromRows(List.<Object[]>of(new Object[] {List.of(5)}), types));
        // header 12, flag at 12, the list tag at 13, its size at 14, the element's tag at 18.
        assertThat(arrays.fromBytes(good).column(0).getObject(0)).isEqualTo(List.of(5));
        byte[] badTag = good.clone();
        badTag[18] = 99;
        assertThatThrownBy(() -> arrays.fromBytes(badTag))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("unknown value tag 99")
                .hasMessageContaining("column 0 (array<int>)");
        byte[] notAList = good.clone();
        notAList[13] = 4; // an int where a list should be
        assertThatThrownBy(() -> arrays.fromBytes(notAList)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> arrays.fromBytes(withInt(good, 14, -2)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("negative length -2");
        assertThatThrownBy(() -> arrays.fromBytes(withInt(good, 14, 1_000_000_000)))
                .isInstanceOf(IOException.class);

        // Nesting deeper than the limit, as a crafted stream of list tags.
        ByteBuffer deep = ByteBuffer.allocate(13 + 5 * 200 + 8).order(ByteOrder.LITTLE_ENDIAN);
        deep.putInt(BatchSerializer.MAGIC).putInt(1).putInt(1).put((byte) 0);
        for (int i = 0; i < 200; i++) {
            deep.put((byte) 11).putInt(1);
        }
        assertThatThrownBy(() -> arrays.fromBytes(deep.array()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("nested more than");
    }

    @Test
    void writingRefusesABatchOfOtherTypes() {
        ColumnBatch longs = ColumnBatch.of(1, ColumnVectors.of(DataTypes.LongType, 1L));
        assertThatThrownBy(() -> new BatchSerializer(List.of(DataTypes.IntegerType)).toBytes(longs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bigint");
    }

    private static byte[] withInt(byte[] bytes, int at, int value) {
        byte[] changed = bytes.clone();
        ByteBuffer.wrap(changed).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        return changed;
    }

    /** Counts the bytes read. */
    private static final class CountingStream extends ByteArrayInputStream {
        int read;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
        }
    }

    /** Hands out at most {@code most} bytes a read. */
    private static final class TrickleStream extends InputStream {
        private final ByteArrayInputStream in;
        private final int most;

        TrickleStream(byte[] bytes, int most) {
            this.in = new ByteArrayInputStream(bytes);
            this.most = most;
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, most));
        }
    }
}
