package dev.ember.sql.sources.csv;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.sources.FileFormat;
import dev.ember.sql.sources.FileSplit;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * CSV files (RFC 4180), read and written with Spark's options.
 *
 * <p>Reading: {@code header} (false), {@code inferSchema} (false: every column a string), {@code sep} or {@code
 * delimiter} (,; several chars allowed), {@code quote} (", empty for none), {@code escape} (\), {@code comment}
 * (none), {@code nullValue} (empty), {@code emptyValue} (empty), {@code nanValue} (NaN), {@code positiveInf} (Inf),
 * {@code negativeInf} (-Inf), {@code dateFormat}, {@code timestampFormat}, {@code timestampNTZFormat} (java.time
 * patterns; without them the flexible parsing of a cast), {@code timeZone} (UTC), {@code ignoreLeadingWhiteSpace},
 * {@code ignoreTrailingWhiteSpace} (false), {@code multiLine} (false; when true a file is read whole and quoted
 * fields may hold line ends), {@code mode} (PERMISSIVE, DROPMALFORMED, FAILFAST), {@code columnNameOfCorruptRecord}
 * (_corrupt_record), {@code lineSep} (any of \n, \r, \r\n), {@code encoding} or {@code charset} (UTF-8), {@code
 * enforceSchema} (true; false checks the header against the schema), {@code samplingRatio}, {@code preferDate} (true)
 * and {@code prefersDecimal} (false) for inference.
 *
 * <p>Writing: {@code header}, {@code sep}, {@code quote}, {@code escape}, {@code quoteAll}, {@code nullValue}, {@code
 * emptyValue} ("" quoted), {@code dateFormat}, {@code timestampFormat}, {@code lineSep} (\n), {@code encoding}, {@code
 * compression} (none, gzip). A field is quoted when it holds the separator, a quote, a line end, or starts or ends
 * with a space; inside quotes, quotes and escapes are escaped with {@code escape}.
 */
public final class CsvFormat implements FileFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public StructType inferSchema(List<Path> files, SourceOptions options) throws IOException {
        return CsvInference.infer(files, new CsvOptions(options));
    }

    @Override
    public boolean isSplittable(SourceOptions options) {
        return !options.getBoolean("multiLine", false);
    }

    @Override
    public SourceReader read(
            FileSplit split,
            StructType dataSchema,
            StructType requiredSchema,
            List<Expression> filters,
            SourceOptions options)
            throws IOException {
        CsvOptions csv = new CsvOptions(options);
        if (csv.multiLine && split.start() != 0) {
            // A file read whole belongs to the split at its start.
            return new CsvReader(
                    new FileSplit(split.path(), split.fileLength(), 0, split.fileLength(), split.partitionValues()),
                    dataSchema,
                    requiredSchema,
                    csv);
        }
        if (csv.multiLine) {
            split = new FileSplit(split.path(), 0, Long.MAX_VALUE, split.fileLength(), split.partitionValues());
        }
        return new CsvReader(split, dataSchema, requiredSchema, csv);
    }

    @Override
    public SourceWriter writer(Path file, StructType schema, SourceOptions options) throws IOException {
        return new CsvWriter(file, schema, new CsvOptions(options));
    }

    @Override
    public String extension(SourceOptions options) {
        return SourceFiles.isGzip(SourceFiles.compression(options)) ? ".csv.gz" : ".csv";
    }
}
