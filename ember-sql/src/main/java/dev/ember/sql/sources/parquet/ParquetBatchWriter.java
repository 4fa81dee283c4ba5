package dev.ember.sql.sources.parquet;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.FileFormat.SourceWriter;
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
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.ShortType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.LongVector;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes column batches into one Parquet file through parquet-hadoop's {@link ParquetWriter}, given a {@link
 * PlainParquetConfiguration}, Ember's own codecs and a local output file, so that no Hadoop class is loaded. Each row
 * of a batch is one record, its values read from the vectors without boxing for flat columns.
 */
final class ParquetBatchWriter implements SourceWriter {
    /** The footer key under which Ember records the schema it wrote, as DDL. */
    static final String EMBER_SCHEMA_KEY = "dev.ember.sql.parquet.schema";

    private final Path file;
    private final BatchWriteSupport support;
    private final ParquetWriter<Integer> writer;

    ParquetBatchWriter(
            Path file,
            StructType schema,
            CompressionCodecName codec,
            long rowGroupSize,
            int pageSize,
            int dictionaryPageSize)
            throws IOException {
        this.file = file;
        this.support = new BatchWriteSupport(schema);
        try {
            this.writer = new Builder(new LocalOutputFile(file), support)
                    .withConf(new PlainParquetConfiguration())
                    .withCodecFactory(ParquetCodecs.INSTANCE)
                    .withCompressionCodec(codec)
                    .withRowGroupSize(rowGroupSize)
                    .withPageSize(pageSize)
                    .withDictionaryPageSize(dictionaryPageSize)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .build();
        } catch (IOException | RuntimeException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED,
                    "Cannot create the Parquet file " + file + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void write(ColumnBatch batch) throws IOException {
        support.batch = batch;
        try {
            for (int k = 0; k < batch.size(); k++) {
                writer.write(batch.row(k));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EmberException) {
                throw e;
            }
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED, "Cannot write the Parquet file " + file + ": " + e.getMessage(), e);
        } finally {
            support.batch = null;
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final BatchWriteSupport support;

        Builder(OutputFile file, BatchWriteSupport support) {
            super(file);
            this.support = support;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(ParquetConfiguration conf) {
            return support;
        }
    }

    /** Writes row {@code r} of the current batch as one record. */
    private static final class BatchWriteSupport extends WriteSupport<Integer> {
        private final StructType schema;
        private final MessageType message;
        private RecordConsumer consumer;
        ColumnBatch batch;

        BatchWriteSupport(StructType schema) {
            this.schema = schema;
            this.message = ParquetSchemas.toMessage(schema);
        }

        @Override
        public WriteContext init(org.apache.hadoop.conf.Configuration configuration) {
            return context();
        }

        @Override
        public WriteContext init(ParquetConfiguration configuration) {
            return context();
        }

        private WriteContext context() {
            Map<String, String> metadata = new HashMap<>();
            metadata.put(EMBER_SCHEMA_KEY, schema.toDDL());
            return new WriteContext(message, metadata);
        }

        @Override
        public String getName() {
            return "ember";
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.consumer = recordConsumer;
        }

        @Override
        public void write(Integer boxedRow) {
            int row = boxedRow;
            consumer.startMessage();
            for (int i = 0; i < schema.size(); i++) {
                ColumnVector vector = batch.column(i);
                if (vector.isNull(row)) {
                    continue;
                }
                StructField field = schema.field(i);
                consumer.startField(field.name(), i);
                writeFromVector(field.dataType(), vector, row);
                consumer.endField(field.name(), i);
            }
            consumer.endMessage();
        }

        private void writeFromVector(DataType type, ColumnVector vector, int row) {
            if (type instanceof BooleanType) {
                consumer.addBoolean(vector.getBoolean(row));
            } else if (type instanceof ByteType
                    || type instanceof ShortType
                    || type instanceof IntegerType
                    || type instanceof DateType) {
                consumer.addInteger(vector.getInt(row));
            } else if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType) {
                consumer.addLong(vector.getLong(row));
            } else if (type instanceof FloatType) {
                consumer.addFloat(vector.getFloat(row));
            } else if (type instanceof DoubleType) {
                consumer.addDouble(vector.getDouble(row));
            } else if (type instanceof StringType || type instanceof BinaryType) {
                consumer.addBinary(Binary.fromReusedByteArray(vector.bytes(), vector.offset(row), vector.length(row)));
            } else if (type instanceof DecimalType decimal && vector instanceof LongVector longs && longs.isDecimal()) {
                writeUnscaled(decimal, longs.getLong(row));
            } else {
                writeValue(type, vector.getObject(row));
            }
        }

        private void writeUnscaled(DecimalType decimal, long unscaled) {
            if (decimal.precision() <= ParquetSchemas.MAX_INT_DIGITS) {
                consumer.addInteger((int) unscaled);
            } else if (decimal.fitsInLong()) {
                consumer.addLong(unscaled);
            } else {
                writeValue(decimal, BigDecimal.valueOf(unscaled, decimal.scale()));
            }
        }

        /** Writes a value held as the engine holds values of {@code type} (never null). */
        @SuppressWarnings("unchecked")
        private void writeValue(DataType type, Object value) {
            if (type instanceof BooleanType) {
                consumer.addBoolean((Boolean) value);
            } else if (type instanceof ByteType
                    || type instanceof ShortType
                    || type instanceof IntegerType
                    || type instanceof DateType) {
                consumer.addInteger(((Number) value).intValue());
            } else if (type instanceof LongType || type instanceof TimestampType || type instanceof TimestampNTZType) {
                consumer.addLong((Long) value);
            } else if (type instanceof FloatType) {
                consumer.addFloat((Float) value);
            } else if (type instanceof DoubleType) {
                consumer.addDouble((Double) value);
            } else if (type instanceof StringType) {
                consumer.addBinary(Binary.fromConstantByteArray(((String) value).getBytes(UTF_8)));
            } else if (type instanceof BinaryType) {
                consumer.addBinary(Binary.fromConstantByteArray((byte[]) value));
            } else if (type instanceof DecimalType decimal) {
                BigDecimal scaled = ((BigDecimal) value).setScale(decimal.scale(), RoundingMode.UNNECESSARY);
                if (decimal.fitsInLong()) {
                    writeUnscaled(decimal, scaled.unscaledValue().longValueExact());
                } else {
                    consumer.addBinary(Binary.fromConstantByteArray(
                            fixedBytes(scaled, ParquetSchemas.bytesForPrecision(decimal.precision()))));
                }
            } else if (type instanceof ArrayType array) {
                List<Object> list = (List<Object>) value;
                consumer.startGroup();
                if (!list.isEmpty()) {
                    consumer.startField("list", 0);
                    for (Object element : list) {
                        consumer.startGroup();
                        if (element != null) {
                            consumer.startField("element", 0);
                            writeValue(array.elementType(), element);
                            consumer.endField("element", 0);
                        }
                        consumer.endGroup();
                    }
                    consumer.endField("list", 0);
                }
                consumer.endGroup();
            } else if (type instanceof MapType map) {
                Map<Object, Object> entries = (Map<Object, Object>) value;
                consumer.startGroup();
                if (!entries.isEmpty()) {
                    consumer.startField("key_value", 0);
                    for (Map.Entry<Object, Object> entry : entries.entrySet()) {
                        consumer.startGroup();
                        consumer.startField("key", 0);
                        writeValue(map.keyType(), entry.getKey());
                        consumer.endField("key", 0);
                        if (entry.getValue() != null) {
                            consumer.startField("value", 1);
                            writeValue(map.valueType(), entry.getValue());
                            consumer.endField("value", 1);
                        }
                        consumer.endGroup();
                    }
                    consumer.endField("key_value", 0);
                }
                consumer.endGroup();
            } else if (type instanceof StructType struct) {
                Object[] fields = (Object[]) value;
                consumer.startGroup();
                for (int i = 0; i < struct.size(); i++) {
                    if (fields[i] != null) {
                        String name = struct.field(i).name();
                        consumer.startField(name, i);
                        writeValue(struct.field(i).dataType(), fields[i]);
                        consumer.endField(name, i);
                    }
                }
                consumer.endGroup();
            } else {
                throw new EmberException(
                        ErrorClass.UNSUPPORTED_FEATURE,
                        "The Parquet data source does not support writing values of type " + type.simpleString());
            }
        }

        /** The two's-complement big-endian bytes of the unscaled value, sign-extended to {@code length} bytes. */
        private static byte[] fixedBytes(BigDecimal value, int length) {
            byte[] minimal = value.unscaledValue().toByteArray();
            if (minimal.length > length) {
                throw new EmberException(
                        ErrorClass.ARITHMETIC_OVERFLOW,
                        "The decimal " + value.toPlainString() + " does not fit in " + length + " bytes");
            }
            byte[] fixed = new byte[length];
            byte pad = (byte) (minimal[0] < 0 ? 0xFF : 0);
            int padding = length - minimal.length;
            for (int i = 0; i < padding; i++) {
                fixed[i] = pad;
            }
            System.arraycopy(minimal, 0, fixed, padding, minimal.length);
            return fixed;
        }
    }
}
