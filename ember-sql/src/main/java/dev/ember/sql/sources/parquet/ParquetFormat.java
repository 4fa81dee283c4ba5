package dev.ember.sql.sources.parquet;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The Parquet file format: reads row groups into column batches, with projection of the required columns, splits by
 * row group and row group skipping on column statistics; infers schemas from footers; writes files as Spark does
 * (strings as UTF8, dates as DATE, timestamps as INT64 microseconds, decimals as INT32, INT64 or FIXED_LEN_BYTE_ARRAY
 * by precision, the standard LIST and MAP structures).
 *
 * <h2>No Hadoop at run time</h2>
 *
 * parquet-hadoop's classes name Hadoop types, and its usual entry points load them: {@code ParquetReadOptions}'s
 * builder calls into {@code ParquetInputFormat} (a Hadoop {@code FileInputFormat}) and its codec factory instantiates
 * Hadoop's codec classes. Shipping Hadoop's client jars for that would add about 50 MB to the distribution and their
 * class loading to every start, for nothing Ember uses (it reads local files). So Ember compiles against {@code
 * hadoop-client-api} in {@code provided} scope and at run time uses only paths that load no Hadoop class:
 *
 * <ul>
 *   <li>reading: the footer through {@code ParquetMetadataConverter}, the pages of a row group parsed from the file
 *       with parquet-format's Thrift structures ({@link ParquetFile}) and assembled by parquet-column's {@code
 *       MessageColumnIO} into Ember's own converters ({@link VectorConverters});
 *   <li>writing: {@code ParquetWriter} built on a {@code LocalOutputFile} with a {@code PlainParquetConfiguration},
 *       Ember's codecs ({@link ParquetCodecs}) and Ember's {@code WriteSupport} ({@link ParquetBatchWriter}).
 * </ul>
 *
 * A test loads this format in a class loader without Hadoop's jars and writes and reads a file with it.
 *
 * <h2>Options</h2>
 *
 * Reading: {@code mergeSchema} (default false: the schema is the first file's; true merges every file's top-level
 * fields). Writing: {@code compression} ({@code snappy} by default, {@code none}/{@code uncompressed}, {@code gzip},
 * {@code zstd}, {@code lz4}/{@code lz4_raw}; {@code parquet.compression} is read too), {@code parquet.block.size} (row
 * group bytes, 128 MiB by default), {@code parquet.page.size} (1 MiB), {@code parquet.dictionary.page.size} (1 MiB).
 */
public final class ParquetFormat implements FileFormat {
    private static final long serialVersionUID = 1L;

    static final long DEFAULT_ROW_GROUP_SIZE = 128L * 1024 * 1024;
    static final int DEFAULT_PAGE_SIZE = 1024 * 1024;

    public ParquetFormat() {}

    @Override
    public String name() {
        return "parquet";
    }

    @Override
    public String extension(SourceOptions options) {
        return ".parquet";
    }

    @Override
    public StructType inferSchema(List<Path> files, SourceOptions options) throws IOException {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("No files to infer a schema from");
        }
        boolean merge = options.getBoolean("mergeSchema", false);
        StructType schema = null;
        for (Path path : merge ? files : files.subList(0, 1)) {
            StructType fileSchema = ParquetSchemas.toStruct(
                    ParquetFile.readFooter(path).getFileMetaData().getSchema());
            schema = schema == null ? fileSchema : merge(schema, fileSchema, path);
        }
        return schema;
    }

    /** {@code left} with the fields of {@code right} it lacks appended; a field of both must be of one type. */
    private static StructType merge(StructType left, StructType right, Path path) {
        List<StructField> fields = new ArrayList<>(left.fields());
        for (StructField field : right.fields()) {
            Optional<Integer> index = left.indexOf(field.name());
            if (index.isEmpty()) {
                fields.add(new StructField(field.name(), field.dataType(), true, field.comment()));
                continue;
            }
            StructField existing = fields.get(index.get());
            DataType mergedType = mergeTypes(existing.dataType(), field.dataType());
            if (mergedType == null) {
                throw new EmberException(
                        ErrorClass.DATATYPE_MISMATCH,
                        "Cannot merge the Parquet schemas: the field " + field.name() + " is "
                                + existing.dataType().simpleString() + " in an earlier file and "
                                + field.dataType().simpleString() + " in " + path);
            }
            fields.set(
                    index.get(),
                    new StructField(
                            existing.name(), mergedType, existing.nullable() || field.nullable(), existing.comment()));
        }
        return new StructType(fields);
    }

    private static DataType mergeTypes(DataType left, DataType right) {
        if (left.equals(right)) {
            return left;
        }
        if (left instanceof StructType a && right instanceof StructType b) {
            return merge(a, b, Paths.get(""));
        }
        if (left instanceof ArrayType a && right instanceof ArrayType b) {
            DataType element = mergeTypes(a.elementType(), b.elementType());
            return element == null ? null : new ArrayType(element, a.containsNull() || b.containsNull());
        }
        if (left instanceof MapType a && right instanceof MapType b) {
            DataType key = mergeTypes(a.keyType(), b.keyType());
            DataType value = mergeTypes(a.valueType(), b.valueType());
            return key == null || value == null
                    ? null
                    : new MapType(key, value, a.valueContainsNull() || b.valueContainsNull());
        }
        return null;
    }

    @Override
    public SourceReader read(
            FileSplit split,
            StructType dataSchema,
            StructType requiredSchema,
            List<Expression> filters,
            SourceOptions options)
            throws IOException {
        ParquetFile file = ParquetFile.open(Paths.get(split.path()));
        try {
            return new ParquetBatchReader(file, split, requiredSchema, filters, ColumnBatch.DEFAULT_ROWS);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    @Override
    public SourceWriter writer(Path file, StructType schema, SourceOptions options) throws IOException {
        String codecName = options.get("compression", options.get("parquet.compression", "snappy"));
        CompressionCodecName codec = ParquetCodecs.fromOption(codecName);
        long rowGroupSize = options.getLong("parquet.block.size", DEFAULT_ROW_GROUP_SIZE);
        int pageSize = options.getInt("parquet.page.size", DEFAULT_PAGE_SIZE);
        int dictionaryPageSize = options.getInt("parquet.dictionary.page.size", DEFAULT_PAGE_SIZE);
        if (rowGroupSize <= 0 || pageSize <= 0 || dictionaryPageSize <= 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The options parquet.block.size, parquet.page.size and parquet.dictionary.page.size must be"
                            + " positive");
        }
        return new ParquetBatchWriter(file, schema, codec, rowGroupSize, pageSize, dictionaryPageSize);
    }

    @Override
    public String toString() {
        return "ParquetFormat";
    }
}
