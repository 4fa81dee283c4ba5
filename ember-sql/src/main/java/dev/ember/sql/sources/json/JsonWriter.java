package dev.ember.sql.sources.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.sources.FileFormat.SourceWriter;
import dev.ember.sql.sources.SourceFiles;
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
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.TimestampNTZType;
import dev.ember.sql.types.TimestampType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes rows as JSON Lines: one object per line, fields in schema order, null fields left out by default. */
final class JsonWriter implements SourceWriter {
    private final StructType schema;
    private final JsonOptions options;
    private final JsonGenerator generator;
    private final String lineSeparator;

    JsonWriter(Path file, StructType schema, JsonOptions options) throws IOException {
        this.schema = schema;
        this.options = options;
        for (int i = 0; i < schema.size(); i++) {
            check(schema.field(i).dataType());
        }
        OutputStream out = SourceFiles.create(file, options.compression);
        if (options.charset.equals(StandardCharsets.UTF_8)) {
            generator = options.factory.createGenerator(out, JsonEncoding.UTF8);
        } else {
            Writer writer = new OutputStreamWriter(out, options.charset);
            generator = options.factory.createGenerator(writer);
        }
        generator.setRootValueSeparator(null);
        this.lineSeparator = options.lineSeparatorText;
    }

    private static void check(DataType type) {
        if (type instanceof ArrayType array) {
            check(array.elementType());
        } else if (type instanceof MapType map) {
            check(map.valueType());
        } else if (type instanceof StructType struct) {
            struct.forEach(field -> check(field.dataType()));
        } else if (!(type instanceof StringType
                || type instanceof BooleanType
                || type.isNumeric()
                || type instanceof DateType
                || type instanceof TimestampType
                || type instanceof TimestampNTZType
                || type instanceof BinaryType)) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.UNSUPPORTED_FEATURE,
                    "The JSON format does not support the type " + type.simpleString());
        }
    }

    @Override
    public void write(ColumnBatch batch) throws IOException {
        int columns = schema.size();
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            generator.writeStartObject();
            for (int i = 0; i < columns; i++) {
                ColumnVector vector = batch.column(i);
                if (vector.isNull(row)) {
                    if (!options.ignoreNullFields) {
                        generator.writeNullField(schema.field(i).name());
                    }
                    continue;
                }
                generator.writeFieldName(schema.field(i).name());
                writeColumnValue(vector, row, schema.field(i).dataType());
            }
            generator.writeEndObject();
            generator.writeRaw(lineSeparator);
        }
    }

    private void writeColumnValue(ColumnVector vector, int row, DataType type) throws IOException {
        if (type instanceof IntegerType || type instanceof ShortType || type instanceof ByteType) {
            generator.writeNumber(vector.getInt(row));
        } else if (type instanceof LongType) {
            generator.writeNumber(vector.getLong(row));
        } else if (type instanceof DoubleType) {
            generator.writeNumber(vector.getDouble(row));
        } else if (type instanceof StringType) {
            generator.writeString(vector.getString(row));
        } else {
            writeValue(vector.getObject(row), type);
        }
    }

    private void writeValue(Object value, DataType type) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else if (type instanceof StringType) {
            generator.writeString((String) value);
        } else if (type instanceof BooleanType) {
            generator.writeBoolean((Boolean) value);
        } else if (type instanceof DoubleType) {
            generator.writeNumber((Double) value);
        } else if (type instanceof FloatType) {
            generator.writeNumber((Float) value);
        } else if (type instanceof DecimalType) {
            generator.writeNumber((BigDecimal) value);
        } else if (type.isIntegral()) {
            generator.writeNumber(((Number) value).longValue());
        } else if (type instanceof DateType) {
            generator.writeString(options.temporal.formatDate((Integer) value));
        } else if (type instanceof TimestampType) {
            generator.writeString(options.temporal.formatTimestamp((Long) value));
        } else if (type instanceof TimestampNTZType) {
            generator.writeString(options.temporal.formatTimestampNtz((Long) value));
        } else if (type instanceof BinaryType) {
            generator.writeBinary((byte[]) value);
        } else if (type instanceof ArrayType array) {
            generator.writeStartArray();
            for (Object element : (List<?>) value) {
                writeValue(element, array.elementType());
            }
            generator.writeEndArray();
        } else if (type instanceof MapType map) {
            generator.writeStartObject();
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                generator.writeFieldName(ValueText.toText(entry.getKey(), map.keyType(), options.temporal.zone()));
                writeValue(entry.getValue(), map.valueType());
            }
            generator.writeEndObject();
        } else if (type instanceof StructType struct) {
            Object[] values = (Object[]) value;
            generator.writeStartObject();
            for (int i = 0; i < struct.size(); i++) {
                if (values[i] == null && options.ignoreNullFields) {
                    continue;
                }
                generator.writeFieldName(struct.field(i).name());
                writeValue(values[i], struct.field(i).dataType());
            }
            generator.writeEndObject();
        } else {
            generator.writeString(ValueText.toText(value, type, options.temporal.zone()));
        }
    }

    @Override
    public void close() throws IOException {
        generator.close();
    }
}
