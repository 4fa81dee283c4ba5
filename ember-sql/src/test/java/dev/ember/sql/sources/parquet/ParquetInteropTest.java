package dev.ember.sql.sources.parquet;

import static dev.ember.sql.sources.parquet.ParquetTestSupport.comparable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ParquetProperties.WriterVersion;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.GroupWriter;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files written by another writer (parquet-column's example Group records, format v2 data pages) in the shapes older
 * writers produce: INT96 and millisecond/nanosecond timestamps, binary and fixed decimals, unsigned and enum
 * columns, two-level lists, an unannotated repeated field and a MAP_KEY_VALUE map.
 */
class ParquetInteropTest {
    private static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message legacy {\n"
            + "  required int32 id;\n"
            + "  optional int96 legacy_ts;\n"
            + "  optional int64 ts_millis (TIMESTAMP(MILLIS,true));\n"
            + "  optional int64 ts_nanos (TIMESTAMP(NANOS,false));\n"
            + "  optional binary dec_bin (DECIMAL(20,4));\n"
            + "  optional fixed_len_byte_array(5) dec_fixed (DECIMAL(10,2));\n"
            + "  optional int32 u8 (INTEGER(8,false));\n"
            + "  optional binary color (ENUM);\n"
            + "  optional group legacy_list (LIST) { repeated int32 array; }\n"
            + "  optional group struct_list (LIST) {\n"
            + "    repeated group array { required int32 a; optional binary b (UTF8); }\n"
            + "  }\n"
            + "  repeated binary tags (UTF8);\n"
            + "  optional group old_map (MAP) {\n"
            + "    repeated group map (MAP_KEY_VALUE) { required binary key (UTF8); optional int32 value; }\n"
            + "  }\n"
            + "}");

    @TempDir
    Path dir;

    @Test
    void legacyShapesWrittenByAnotherWriterReadAsSparkReadsThem() throws IOException {
        Path file = dir.resolve("legacy.parquet");
        SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
        try (ParquetWriter<Group> writer = new GroupBuilder(new LocalOutputFile(file), SCHEMA)
                .withConf(new PlainParquetConfiguration())
                .withCodecFactory(ParquetCodecs.INSTANCE)
                .withCompressionCodec(CompressionCodecName.ZSTD)
                .withWriterVersion(WriterVersion.PARQUET_2_0)
                .build()) {
            Group full = groups.newGroup()
                    .append("id", 1)
                    .append("legacy_ts", int96(2_440_589, 1_500_000L))
                    .append("ts_millis", 1234L)
                    .append("ts_nanos", -1L)
                    .append(
                            "dec_bin",
                            Binary.fromConstantByteArray(BigInteger.valueOf(-123_456_789_012_345_678L)
                                    .toByteArray()))
                    .append("dec_fixed", Binary.fromConstantByteArray(new byte[] {0, 0, 0x12, (byte) 0xD6, (byte) 0x87
                    }))
                    .append("u8", 200)
                    .append("color", "RED");
            Group list = full.addGroup("legacy_list");
            list.append("array", 1).append("array", 2).append("array", 3);
            Group structs = full.addGroup("struct_list");
            structs.addGroup("array").append("a", 1).append("b", "x");
            structs.addGroup("array").append("a", 2);
            full.append("tags", "a").append("tags", "b");
            Group map = full.addGroup("old_map");
            map.addGroup("map").append("key", "k").append("value", 1);
            map.addGroup("map").append("key", "n");
            writer.write(full);
            writer.write(groups.newGroup().append("id", 2));
        }

        ParquetFormat format = new ParquetFormat();
        StructType schema = format.inferSchema(List.of(file), SourceOptions.empty());
        StructType struct =
                new StructType().add("a", DataTypes.IntegerType, false).add("b", DataTypes.StringType);
        assertThat(schema)
                .isEqualTo(new StructType()
                        .add("id", DataTypes.IntegerType, false)
                        .add("legacy_ts", DataTypes.TimestampType)
                        .add("ts_millis", DataTypes.TimestampType)
                        .add("ts_nanos", DataTypes.TimestampNTZType)
                        .add("dec_bin", DataTypes.createDecimalType(20, 4))
                        .add("dec_fixed", DataTypes.createDecimalType(10, 2))
                        .add("u8", DataTypes.IntegerType)
                        .add("color", DataTypes.StringType)
                        .add("legacy_list", DataTypes.createArrayType(DataTypes.IntegerType, false))
                        .add("struct_list", DataTypes.createArrayType(struct, false))
                        .add("tags", DataTypes.createArrayType(DataTypes.StringType, false), false)
                        .add("old_map", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType, true)));

        List<Object[]> rows = ParquetTestSupport.readAll(format, file, schema, schema, List.of());

        Map<String, Integer> expectedMap = new LinkedHashMap<>();
        expectedMap.put("k", 1);
        expectedMap.put("n", null);
        Object[] first = {
            1,
            86_400_000_000L + 1500L,
            1_234_000L,
            -1L,
            new BigDecimal("-12345678901234.5678"),
            new BigDecimal("12345.67"),
            200,
            "RED",
            List.of(1, 2, 3),
            List.of(new Object[] {1, "x"}, new Object[] {2, null}),
            List.of("a", "b"),
            expectedMap
        };
        Object[] second = {2, null, null, null, null, null, null, null, null, null, List.of(), null};
        assertThat(comparable(rows)).isEqualTo(comparable(Arrays.asList(first, second)));
    }

    private static Binary int96(int julianDay, long nanosOfDay) {
        ByteBuffer buffer = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(nanosOfDay).putInt(julianDay);
        return Binary.fromConstantByteArray(buffer.array());
    }

    static final class GroupBuilder extends ParquetWriter.Builder<Group, GroupBuilder> {
        private final MessageType schema;

        GroupBuilder(OutputFile file, MessageType schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected GroupBuilder self() {
            return this;
        }

        @Override
        @SuppressWarnings("deprecation")
        protected WriteSupport<Group> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return new GroupSupport(schema);
        }

        @Override
        protected WriteSupport<Group> getWriteSupport(ParquetConfiguration conf) {
            return new GroupSupport(schema);
        }
    }

    static final class GroupSupport extends WriteSupport<Group> {
        private final MessageType schema;
        private GroupWriter writer;

        GroupSupport(MessageType schema) {
            this.schema = schema;
        }

        @Override
        @SuppressWarnings("deprecation")
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return new WriteContext(schema, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            writer = new GroupWriter(recordConsumer, schema);
        }

        @Override
        public void write(Group record) {
            writer.write(record);
        }
    }
}
