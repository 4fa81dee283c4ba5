package dev.ember.sql.sources.json;

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
 * JSON files: JSON Lines (one object per line; a line holding an array of objects gives a row per object), or with
 * {@code multiLine} a file holding one object or an array of objects (then files are not split).
 *
 * <p>Reading: {@code multiLine} (false), {@code primitivesAsString} (false), {@code prefersDecimal} (false), {@code
 * inferTimestamp} (false), {@code dropFieldIfAllNull} (false), {@code samplingRatio} (1.0), {@code mode}
 * (PERMISSIVE, DROPMALFORMED, FAILFAST), {@code columnNameOfCorruptRecord} (_corrupt_record), {@code dateFormat},
 * {@code timestampFormat}, {@code timestampNTZFormat}, {@code timeZone} (UTC), {@code lineSep}, {@code encoding},
 * and Jackson's leniencies {@code allowComments}, {@code allowUnquotedFieldNames}, {@code allowSingleQuotes} (true),
 * {@code allowNumericLeadingZeros}, {@code allowNonNumericNumbers} (true), {@code
 * allowBackslashEscapingAnyCharacter}, {@code allowUnquotedControlChars}.
 *
 * <p>Writing: {@code ignoreNullFields} (true), {@code dateFormat}, {@code timestampFormat}, {@code lineSep} (\n),
 * {@code encoding}, {@code compression} (none, gzip). Dates and timestamps are written as strings, decimals as plain
 * numbers, binary as base64.
 */
public final class JsonFormat implements FileFormat {
    private static final long serialVersionUID = 1L;

    @Override
    public String name() {
        return "json";
    }

    @Override
    public StructType inferSchema(List<Path> files, SourceOptions options) throws IOException {
        return JsonInference.infer(files, new JsonOptions(options));
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
        return new JsonReader(split, requiredSchema, new JsonOptions(options));
    }

    @Override
    public SourceWriter writer(Path file, StructType schema, SourceOptions options) throws IOException {
        return new JsonWriter(file, schema, new JsonOptions(options));
    }

    @Override
    public String extension(SourceOptions options) {
        return SourceFiles.isGzip(SourceFiles.compression(options)) ? ".json.gz" : ".json";
    }
}
