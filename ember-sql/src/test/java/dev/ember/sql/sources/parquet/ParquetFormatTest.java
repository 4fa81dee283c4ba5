package dev.ember.sql.sources.parquet;

import static dev.ember.sql.sources.parquet.ParquetTestSupport.comparable;
import static dev.ember.sql.sources.parquet.ParquetTestSupport.read;
import static dev.ember.sql.sources.parquet.ParquetTestSupport.readAll;
import static dev.ember.sql.sources.parquet.ParquetTestSupport.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.sources.FileFormat.SourceReader;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.format.PageHeader;
import org.apache.parquet.format.Util;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetFormatTest {
    private static final StructType POINT =
            new StructType().add("x", DataTypes.IntegerType).add("label", DataTypes.StringType);

    static final StructType ALL_TYPES = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("flag", DataTypes.BooleanType)
            .add("tiny", DataTypes.ByteType)
            .add("small", DataTypes.ShortType)
            .add("big", DataTypes.LongType)
            .add("real", DataTypes.FloatType)
            .add("dbl", DataTypes.DoubleType)
            .add("text", DataTypes.StringType)
            .add("raw", DataTypes.BinaryType)
            .add("day", DataTypes.DateType)
            .add("ts", DataTypes.TimestampType)
            .add("ts_ntz", DataTypes.TimestampNTZType)
            .add("dec_int", DataTypes.createDecimalType(7, 2))
            .add("dec_long", DataTypes.createDecimalType(15, 3))
            .add("dec_fixed", DataTypes.createDecimalType(30, 6))
            .add("ints", DataTypes.createArrayType(DataTypes.IntegerType))
            .add("words", DataTypes.createArrayType(DataTypes.StringType, true))
            .add("counts", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType))
            .add("point", POINT)
            .add("points", DataTypes.createArrayType(POINT))
            .add(
                    "nested",
                    DataTypes.createMapType(DataTypes.StringType, DataTypes.createArrayType(DataTypes.IntegerType)));

    @TempDir
    Path dir;

    private final ParquetFormat format = new ParquetFormat();

    /** Row {@code i} of ALL_TYPES: every nullable value null in some rows, extremes in others. */
    static Object[] allTypesRow(int i) {
        boolean nulls = i % 7 == 3;
        Object[] row = new Object[ALL_TYPES.size()];
        row[0] = i;
        if (nulls) {
            return row;
        }
        row[1] = i % 2 == 0;
        row[2] = (byte) (i % 256 - 128);
        row[3] = (short) (i * 131 - 20000);
        row[4] = i == 1 ? Long.MIN_VALUE : i == 2 ? Long.MAX_VALUE : (long) i * 1_000_000_007L;
        row[5] = i == 4 ? Float.NaN : i * 0.5f - 3;
        row[6] = i == 5 ? Double.NEGATIVE_INFINITY : i * 0.25 - 7;
        row[7] = i % 5 == 0 ? "" : "héllo " + i + " \uD83D\uDE00";
        row[8] = new byte[] {(byte) i, (byte) 0xFF, 0, (byte) (i >> 8)};
        row[9] = i - 500;
        row[10] = (long) i * 86_400_000_123L - 5_000_000L;
        row[11] = (long) i * 3_600_000_000L + 17;
        row[12] = BigDecimal.valueOf(i * 1234L - 99_999, 2);
        row[13] = BigDecimal.valueOf(i * 987_654_321L - 1, 3);
        row[14] = new BigDecimal(BigInteger.TEN.pow(23).multiply(BigInteger.valueOf(i % 2 == 0 ? i : -i)), 6);
        row[15] = i % 6 == 0 ? List.of() : List.of(i, i + 1, -i);
        row[16] = Arrays.asList("a" + i, null, "c");
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("k" + i, (long) i);
        if (i % 3 == 0) {
            counts.put("none", null);
        }
        row[17] = counts;
        row[18] = new Object[] {i, i % 4 == 0 ? null : "p" + i};
        row[19] = Arrays.asList(new Object[] {1, "one"}, null, new Object[] {null, null});
        Map<String, List<Integer>> nested = new LinkedHashMap<>();
        nested.put("x", List.of(i));
        nested.put("empty", List.of());
        nested.put("null", null);
        row[20] = nested;
        return row;
    }

    private static List<Object[]> allTypesRows(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(allTypesRow(i));
        }
        return rows;
    }

    @Test
    void everyTypeRoundTripsWithNullsAndNestedValues() throws IOException {
        Path file = dir.resolve("all.parquet");
        List<Object[]> rows = allTypesRows(5000);
        write(format, file, ALL_TYPES, rows, SourceOptions.empty());

        List<Object[]> read = readAll(format, file, ALL_TYPES, ALL_TYPES, List.of());

        assertThat(comparable(read)).isEqualTo(comparable(rows));
        // The NaN, the empty string and the empty list came back as such.
        assertThat((Float) read.get(4)[5]).isNaN();
        assertThat(read.get(5)[7]).isEqualTo("");
        assertThat(read.get(6)[15]).isEqualTo(List.of());
    }

    @Test
    void theInferredSchemaIsTheWrittenOneAndTheFileUsesSparksPhysicalTypes() throws IOException {
        Path file = dir.resolve("schema.parquet");
        write(format, file, ALL_TYPES, allTypesRows(10), SourceOptions.empty());

        assertThat(format.inferSchema(List.of(file), SourceOptions.empty())).isEqualTo(ALL_TYPES);

        MessageType schema = ParquetFile.readFooter(file).getFileMetaData().getSchema();
        assertThat(physical(schema, "text")).isEqualTo(PrimitiveTypeName.BINARY);
        assertThat(schema.getType("text").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.stringType());
        assertThat(schema.getType("day").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.dateType());
        assertThat(schema.getType("ts").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(schema.getType("ts_ntz").getLogicalTypeAnnotation())
                .isEqualTo(LogicalTypeAnnotation.timestampType(false, LogicalTypeAnnotation.TimeUnit.MICROS));
        assertThat(physical(schema, "dec_int")).isEqualTo(PrimitiveTypeName.INT32);
        assertThat(physical(schema, "dec_long")).isEqualTo(PrimitiveTypeName.INT64);
        assertThat(physical(schema, "dec_fixed")).isEqualTo(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY);
        assertThat(schema.getType("dec_fixed").asPrimitiveType().getTypeLength())
                .isEqualTo(13);
        assertThat(schema.getType("ints").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.listType());
        assertThat(schema.getType("ints").asGroupType().getType(0).getName()).isEqualTo("list");
        assertThat(schema.getType("counts").getLogicalTypeAnnotation()).isEqualTo(LogicalTypeAnnotation.mapType());
        assertThat(schema.getType("counts").asGroupType().getType(0).getName()).isEqualTo("key_value");
        assertThat(schema.getType("id").getRepetition()).isEqualTo(org.apache.parquet.schema.Type.Repetition.REQUIRED);
    }

    private static PrimitiveTypeName physical(MessageType schema, String name) {
        return schema.getType(name).asPrimitiveType().getPrimitiveTypeName();
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "uncompressed", "snappy", "gzip", "zstd", "lz4", "lz4_raw"})
    void eachCodecRoundTrips(String codec) throws IOException {
        Path file = dir.resolve(codec + ".parquet");
        List<Object[]> rows = allTypesRows(3000);
        write(format, file, ALL_TYPES, rows, new SourceOptions(Map.of("compression", codec)));

        CompressionCodecName expected = ParquetCodecs.fromOption(codec);
        ParquetMetadata footer = ParquetFile.readFooter(file);
        assertThat(footer.getBlocks().get(0).getColumns())
                .allSatisfy(chunk -> assertThat(chunk.getCodec()).isEqualTo(expected));
        assertThat(comparable(readAll(format, file, ALL_TYPES, ALL_TYPES, List.of())))
                .isEqualTo(comparable(rows));
    }

    @Test
    void snappyIsTheDefaultCodecAndAnUnknownCodecIsRefused() throws IOException {
        Path file = dir.resolve("default.parquet");
        write(format, file, ALL_TYPES, allTypesRows(10), SourceOptions.empty());
        assertThat(ParquetFile.readFooter(file)
                        .getBlocks()
                        .get(0)
                        .getColumns()
                        .get(0)
                        .getCodec())
                .isEqualTo(CompressionCodecName.SNAPPY);

        assertThatThrownBy(() -> format.writer(
                        dir.resolve("x.parquet"), ALL_TYPES, new SourceOptions(Map.of("compression", "brotli"))))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("brotli");
    }

    @Test
    void aProjectionReadsTheRequiredColumnsInItsOwnOrderAndAMissingColumnAsNull() throws IOException {
        Path file = dir.resolve("projection.parquet");
        List<Object[]> rows = allTypesRows(2000);
        write(format, file, ALL_TYPES, rows, SourceOptions.empty());
        StructType required = new StructType()
                .add("point", POINT)
                .add("absent", DataTypes.StringType)
                .add("TEXT", DataTypes.StringType)
                .add("id", DataTypes.IntegerType);

        List<Object[]> read = readAll(format, file, ALL_TYPES.add("absent", DataTypes.StringType), required, List.of());

        List<Object[]> expected = new ArrayList<>();
        for (Object[] row : rows) {
            expected.add(new Object[] {row[18], null, row[7], row[0]});
        }
        assertThat(comparable(read)).isEqualTo(comparable(expected));
    }

    @Test
    void aStructIsReadWithTheFieldsTheQueryAsksForAndNoColumnAtAllStillCountsRows() throws IOException {
        Path file = dir.resolve("prune.parquet");
        List<Object[]> rows = allTypesRows(100);
        write(format, file, ALL_TYPES, rows, SourceOptions.empty());
        StructType pruned = new StructType().add("label", DataTypes.StringType).add("z", DataTypes.LongType);

        List<Object[]> read = readAll(format, file, ALL_TYPES, new StructType().add("point", pruned), List.of());
        List<Object[]> expected = new ArrayList<>();
        for (Object[] row : rows) {
            Object[] point = (Object[]) row[18];
            expected.add(new Object[] {point == null ? null : new Object[] {point[1], null}});
        }
        assertThat(comparable(read)).isEqualTo(comparable(expected));

        assertThat(readAll(format, file, ALL_TYPES, new StructType(), List.of()))
                .hasSize(100);
    }

    @Test
    void splitsCuttingAFileOfManyRowGroupsReturnEveryRowExactlyOnce() throws IOException {
        Path file = dir.resolve("groups.parquet");
        StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
        List<Object[]> rows = new ArrayList<>();
        for (long i = 0; i < 20_000; i++) {
            rows.add(new Object[] {i, "row number " + i});
        }
        write(format, file, schema, rows, smallRowGroups());
        int rowGroups = ParquetFile.readFooter(file).getBlocks().size();
        assertThat(rowGroups).isGreaterThan(5);

        long length = Files.size(file);
        for (int splits : new int[] {1, 2, 3, 7, 50}) {
            long splitSize = (length + splits - 1) / splits;
            List<Long> ids = new ArrayList<>();
            for (long start = 0; start < length; start += splitSize) {
                FileSplit split =
                        new FileSplit(file.toString(), start, Math.min(splitSize, length - start), length, List.of());
                for (Object[] row : read(format, split, schema, schema, List.of())) {
                    ids.add((Long) row[0]);
                }
            }
            ids.sort(null);
            assertThat(ids).as("ids read with %d splits", splits).hasSize(rows.size());
            for (int i = 0; i < ids.size(); i++) {
                assertThat(ids.get(i)).isEqualTo((long) i);
            }
        }
    }

    static SourceOptions smallRowGroups() {
        return new SourceOptions(Map.of(
                "parquet.block.size", "16384",
                "parquet.page.size", "2048",
                "parquet.dictionary.page.size", "2048"));
    }

    @Test
    void batchesHoldAtMostTheDefaultRows() throws IOException {
        Path file = dir.resolve("batches.parquet");
        StructType schema = new StructType().add("id", DataTypes.IntegerType);
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            rows.add(new Object[] {i});
        }
        write(format, file, schema, rows, SourceOptions.empty());
        long length = Files.size(file);
        List<Integer> sizes = new ArrayList<>();
        try (SourceReader reader = format.read(
                new FileSplit(file.toString(), 0, length, length, List.of()),
                schema,
                schema,
                List.of(),
                SourceOptions.empty())) {
            reader.forEachRemaining(batch -> sizes.add(batch.numRows()));
        }
        assertThat(sizes)
                .containsExactly(
                        ColumnBatch.DEFAULT_ROWS, ColumnBatch.DEFAULT_ROWS, 10_000 - 2 * ColumnBatch.DEFAULT_ROWS);
    }

    @Test
    void aThreadReadsASmallFileAfterALargeOneThroughTheBufferItKeptAndGetsOnlyTheSmallFilesRows() throws IOException {
        // Column chunks are read into a buffer each thread keeps; after a large chunk it is longer than the next.
        StructType schema = new StructType().add("id", DataTypes.LongType).add("text", DataTypes.StringType);
        Path large = dir.resolve("large.parquet");
        List<Object[]> largeRows = new ArrayList<>();
        for (long i = 0; i < 200_000; i++) {
            largeRows.add(new Object[] {i * 7919 % 1_000_003, "large row " + i});
        }
        write(format, large, schema, largeRows, new SourceOptions(Map.of("compression", "none")));
        Path small = dir.resolve("small.parquet");
        List<Object[]> smallRows = List.of(new Object[] {-1L, "first"}, new Object[] {-2L, null});
        write(format, small, schema, smallRows, new SourceOptions(Map.of("compression", "none")));

        assertThat(readAll(format, large, schema, schema, List.of())).hasSize(largeRows.size());
        List<Object[]> read = readAll(format, small, schema, schema, List.of());
        assertThat(comparable(read)).isEqualTo(comparable(smallRows));

        // The last page of a chunk claiming a few bytes more than the chunk holds fails, though the kept buffer has
        // bytes beyond the chunk that would let it decode.
        byte[] bytes = Files.readAllBytes(small);
        ColumnChunkMetaData chunk =
                ParquetFile.readFooter(small).getBlocks().get(0).getColumns().get(0);
        Path lying = dir.resolve("lying.parquet");
        Files.write(lying, lastPageOverrunning(bytes, (int) chunk.getStartingPos(), (int) chunk.getTotalSize()));
        assertThatThrownBy(() -> readAll(format, lying, schema, schema, List.of()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining(lying.toString())
                .hasMessageContaining("overruns the chunk");
    }

    /**
     * The file with the compressed size of the last page header of the chunk at {@code start} raised by a few bytes,
     * written in as many bytes as before so that nothing after it moves. Page headers are Thrift compact structs whose
     * third field, the compressed size, is an i32 written as a zigzag varint after two others of the same kind.
     */
    private static byte[] lastPageOverrunning(byte[] file, int start, int length) throws IOException {
        int last = -1;
        int lastSize = 0;
        for (int at = start; at < start + length; ) {
            ByteArrayInputStream in = new ByteArrayInputStream(file, at, file.length - at);
            PageHeader header = Util.readPageHeader(in);
            int headerLength = file.length - at - in.available();
            last = at;
            lastSize = header.getCompressed_page_size();
            at += headerLength + lastSize;
        }
        int at = last;
        for (int field = 0; field < 2; field++) {
            at++;
            while ((file[at++] & 0x80) != 0) {
                // the varint goes on
            }
        }
        if ((file[at++] & 0x0F) != 5) {
            throw new IllegalStateException("the page header's third field is not an i32");
        }
        byte[] was = varint(lastSize);
        for (int more : new int[] {64, 16, 4, 1}) {
            byte[] claimed = varint(lastSize + more);
            if (claimed.length == was.length) {
                byte[] out = file.clone();
                System.arraycopy(claimed, 0, out, at, claimed.length);
                return out;
            }
        }
        throw new IllegalStateException("no larger size fits in the same bytes");
    }

    private static byte[] varint(int value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long zigzag = ((long) value << 1) ^ (value >> 31);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
        return out.toByteArray();
    }

    @Test
    void aCorruptFileFailsNamingTheFile() throws IOException {
        Path garbage = dir.resolve("garbage.parquet");
        Files.write(garbage, "this is not parquet at all, not even close".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> format.inferSchema(List.of(garbage), SourceOptions.empty()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining(garbage.toString())
                .hasMessageContaining("not a valid Parquet file");

        Path good = dir.resolve("good.parquet");
        write(format, good, ALL_TYPES, allTypesRows(500), new SourceOptions(Map.of("compression", "none")));
        byte[] bytes = Files.readAllBytes(good);
        // Keep the footer but overwrite the column data after the magic bytes.
        for (int i = 4; i < bytes.length / 2; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path damaged = dir.resolve("damaged.parquet");
        Files.write(damaged, bytes);
        assertThatThrownBy(() -> readAll(format, damaged, ALL_TYPES, ALL_TYPES, List.of()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining(damaged.toString());

        Path truncated = dir.resolve("truncated.parquet");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 3));
        assertThatThrownBy(() -> readAll(format, truncated, ALL_TYPES, ALL_TYPES, List.of()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining(truncated.toString());
    }

    @Test
    void mergeSchemaAddsTheFieldsOfEveryFileAndOtherwiseTheFirstFileDecides() throws IOException {
        Path first = dir.resolve("a.parquet");
        Path second = dir.resolve("b.parquet");
        StructType a = new StructType().add("id", DataTypes.LongType).add("name", DataTypes.StringType);
        StructType b = new StructType().add("id", DataTypes.LongType).add("score", DataTypes.DoubleType);
        write(format, first, a, List.<Object[]>of(new Object[] {1L, "x"}), SourceOptions.empty());
        write(format, second, b, List.<Object[]>of(new Object[] {2L, 0.5}), SourceOptions.empty());

        assertThat(format.inferSchema(List.of(first, second), SourceOptions.empty()))
                .isEqualTo(a);
        assertThat(format.inferSchema(List.of(first, second), new SourceOptions(Map.of("mergeSchema", "true"))))
                .isEqualTo(a.add("score", DataTypes.DoubleType));

        Path third = dir.resolve("c.parquet");
        write(
                format,
                third,
                new StructType().add("id", DataTypes.StringType),
                List.<Object[]>of(new Object[] {"3"}),
                SourceOptions.empty());
        assertThatThrownBy(() ->
                        format.inferSchema(List.of(first, third), new SourceOptions(Map.of("mergeSchema", "true"))))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("id")
                .hasMessageContaining(third.toString());
    }

    @Test
    void writingAnUnsupportedTypeFailsNamingTheColumn() {
        StructType schema = new StructType(new StructField("span", DataTypes.DayTimeIntervalType, true));
        assertThatThrownBy(() -> format.writer(dir.resolve("interval.parquet"), schema, SourceOptions.empty()))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("span");
    }

    @Test
    void theFormatNamesItself() {
        assertThat(format.name()).isEqualTo("parquet");
        assertThat(format.extension(SourceOptions.empty())).isEqualTo(".parquet");
        assertThat(format.isSplittable(SourceOptions.empty())).isTrue();
    }

    static long rowGroupCount(Path file) throws IOException {
        List<BlockMetaData> blocks = ParquetFile.readFooter(file).getBlocks();
        return blocks.size();
    }

    static DataType typeOf(PrimitiveType type) {
        return ParquetSchemas.typeOf(type);
    }
}
