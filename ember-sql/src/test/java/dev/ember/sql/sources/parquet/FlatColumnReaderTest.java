package dev.ember.sql.sources.parquet;

import static dev.ember.sql.sources.parquet.ParquetTestSupport.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.parquet.schema.PrimitiveType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Flat columns decoded page by page into vectors: every primitive kind, nullable and not, plain and dictionary
 * encoded, in v1 and v2 data pages, over many small pages, read back exactly as written.
 */
class FlatColumnReaderTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message flat {\n"
            + "  required int32 id;\n"
            + "  optional int32 i;\n"
            + "  optional int64 l;\n"
            + "  optional double d;\n"
            + "  optional float f;\n"
            + "  optional boolean b;\n"
            + "  optional binary s (UTF8);\n"
            + "  required binary tag (UTF8);\n"
            + "  optional int64 money (DECIMAL(12,2));\n"
            + "  optional int32 small (DECIMAL(7,2));\n"
            + "  optional int32 day (DATE);\n"
            + "}");

    private static final int ROWS = 30_000;

    @org.junit.jupiter.api.io.TempDir
    Path dir;

    @ParameterizedTest(name = "{0}, dictionary {1}")
    @CsvSource({"PARQUET_1_0, true", "PARQUET_1_0, false", "PARQUET_2_0, true", "PARQUET_2_0, false"})
    void readsBackWhatWasWritten(WriterVersion version, boolean dictionary) throws IOException {
        Path file = dir.resolve("flat-" + version + "-" + dictionary + ".parquet");
        List<Object[]> expected = write(file, version, dictionary);
        check(file, version, dictionary, expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PARQUET_1_0", "PARQUET_2_0"})
    void damagedPagesFailWithTheFileNamedAndNeverHang(WriterVersion version) throws IOException {
        Path file = dir.resolve("damaged-" + version + ".parquet");
        write(file, version, true);
        byte[] original = java.nio.file.Files.readAllBytes(file);
        SplittableRandom random = new SplittableRandom(11);
        ParquetFormat format = new ParquetFormat();
        StructType schema = format.inferSchema(List.of(file), SourceOptions.empty());
        int failures = 0;
        for (int attempt = 0; attempt < 40; attempt++) {
            byte[] damaged = original.clone();
            // Inside the pages, before the footer: 16 garbage bytes somewhere in the data.
            int at = 4 + random.nextInt(Math.max(1, original.length * 3 / 4));
            for (int i = 0; i < 16 && at + i < damaged.length; i++) {
                damaged[at + i] = (byte) random.nextInt(256);
            }
            Path copy = dir.resolve("damaged-" + version + "-" + attempt + ".parquet");
            java.nio.file.Files.write(copy, damaged);
            try {
                org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(30),
                        () -> ParquetTestSupport.readAll(format, copy, schema, schema, List.of()));
            } catch (dev.ember.EmberException e) {
                failures++;
                assertThat(e.getMessage()).contains(copy.toString());
            }
        }
        // Most damage is caught (a page's checksum-free bytes may still decode to other valid values).
        assertThat(failures).isPositive();
    }

    private static List<Object[]> write(Path file, WriterVersion version, boolean dictionary) throws IOException {
        List<Object[]> expected = new ArrayList<>();
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        SplittableRandom random = new SplittableRandom(version.ordinal() * 2L + (dictionary ? 1 : 0));
        try (ParquetWriter<Group> writer = new ParquetInteropTest.GroupBuilder(new LocalOutputFile(file), SCHEMA)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withWriterVersion(version)
                .withDictionaryEncoding(dictionary)
                .withPageSize(2048)
                .withRowGroupSize(256 * 1024L)
                .build()) {
            for (int id = 0; id < ROWS; id++) {
                Group group = groups.newGroup().append("id", id);
                Object[] row = new Object[11];
                row[0] = id;
                // Runs of nulls and of values, long enough for RLE runs and short enough for bit-packed ones.
                boolean nulls = (id / (1 + random.nextInt(20))) % 3 == 0;
                if (!nulls) {
                    int i = random.nextInt(-1000, 1000);
                    long l = random.nextLong();
                    double d = random.nextDouble() * 1e6;
                    float f = (float) random.nextDouble();
                    boolean b = random.nextBoolean();
                    String s = "s" + random.nextInt(50) + (random.nextInt(10) == 0 ? "é" : "");
                    long money = random.nextLong(-99_999_999_999L, 99_999_999_999L);
                    int small = random.nextInt(-9_999_999, 9_999_999);
                    int day = random.nextInt(0, 20_000);
                    group.append("i", i)
                            .append("l", l)
                            .append("d", d)
                            .append("f", f)
                            .append("b", b)
                            .append("s", s)
                            .append("money", money)
                            .append("small", small)
                            .append("day", day);
                    row[1] = i;
                    row[2] = l;
                    row[3] = d;
                    row[4] = f;
                    row[5] = b;
                    row[6] = s;
                    row[8] = BigDecimal.valueOf(money, 2);
                    row[9] = BigDecimal.valueOf(small, 2);
                    row[10] = day;
                }
                String tag = "tag-" + (id % 7);
                group.append("tag", tag);
                row[7] = tag;
                writer.write(group);
                expected.add(row);
            }
        }
        return expected;
    }

    private static void check(Path file, WriterVersion version, boolean dictionary, List<Object[]> expected)
            throws IOException {
        try (ParquetFile parquet = ParquetFile.open(file)) {
            assertThat(parquet.rowGroups()).hasSizeGreaterThan(1);
            ParquetFormat format = new ParquetFormat();
            StructType schema = format.inferSchema(List.of(file), SourceOptions.empty());
            // Version 2 writers encode some columns with delta encodings, which the record assembly reads; the
            // dictionary-encoded ones (and with version 1 every column) are decoded flat.
            List<String> flat = version == WriterVersion.PARQUET_1_0
                    ? List.of("id", "i", "l", "d", "f", "b", "s", "tag", "money", "small", "day")
                    : dictionary ? List.of("tag", "s") : List.of("b");
            for (BlockMetaData block : parquet.rowGroups()) {
                for (ColumnDescriptor descriptor : SCHEMA.getColumns()) {
                    String name = descriptor.getPath()[0];
                    if (!flat.contains(name)) {
                        continue;
                    }
                    ColumnChunkMetaData chunk = block.getColumns().stream()
                            .filter(c -> c.getPath().toDotString().equals(name))
                            .findFirst()
                            .orElseThrow();
                    PrimitiveType field = descriptor.getPrimitiveType();
                    var type = schema.field(schema.fieldIndex(name)).dataType();
                    assertThat(FlatColumnReader.supports(
                                    descriptor,
                                    PrimitiveConverters.Decoder.modeOf(field, type),
                                    PrimitiveConverters.Decoder.exactLong(field, type),
                                    chunk))
                            .as("%s decoded flat", descriptor)
                            .isTrue();
                }
            }
            StructType flatSchema = new StructType();
            List<Integer> flatColumns = new ArrayList<>();
            for (String name : flat) {
                flatSchema = flatSchema.add(schema.field(schema.fieldIndex(name)));
                flatColumns.add(schema.fieldIndex(name));
            }
            List<Object[]> flatExpected = new ArrayList<>();
            for (Object[] row : expected) {
                Object[] projected = new Object[flatColumns.size()];
                for (int c = 0; c < projected.length; c++) {
                    projected[c] = row[flatColumns.get(c)];
                }
                flatExpected.add(projected);
            }
            assertThat(comparable(ParquetTestSupport.readAll(format, file, schema, flatSchema, List.of())))
                    .isEqualTo(comparable(flatExpected));
            List<Object[]> rows = ParquetTestSupport.readAll(format, file, schema, schema, List.of());
            assertThat(comparable(rows)).isEqualTo(comparable(expected));
        }
    }
}
