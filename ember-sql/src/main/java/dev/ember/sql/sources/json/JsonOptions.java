package dev.ember.sql.sources.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.CharDecoder;
import dev.ember.sql.sources.ParseMode;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.sources.TemporalFormats;
import java.nio.charset.Charset;

/** The options of a JSON read or write, parsed once (Spark's names and defaults). */
final class JsonOptions {
    final boolean multiLine;
    final boolean primitivesAsString;
    final boolean prefersDecimal;
    final boolean inferTimestamp;
    final boolean dropFieldIfAllNull;
    final boolean ignoreNullFields;
    final ParseMode mode;
    final String corruptColumn;
    final Charset charset;
    final byte[] lineSeparator;
    final String lineSeparatorText;
    final double samplingRatio;
    final String compression;
    final TemporalFormats temporal;
    final JsonFactory factory;

    JsonOptions(SourceOptions options) {
        multiLine = options.getBoolean("multiLine", false);
        primitivesAsString = options.getBoolean("primitivesAsString", false);
        prefersDecimal = options.getBoolean("prefersDecimal", false);
        inferTimestamp = options.getBoolean("inferTimestamp", false);
        dropFieldIfAllNull = options.getBoolean("dropFieldIfAllNull", false);
        ignoreNullFields = options.getBoolean("ignoreNullFields", true);
        mode = ParseMode.from(options);
        corruptColumn = options.get("columnNameOfCorruptRecord", "_corrupt_record");
        charset = CharDecoder.charsetOf(options);
        lineSeparator = SourceFiles.lineSeparator(options, charset);
        lineSeparatorText = options.get("lineSep", "\n");
        String ratio = options.get("samplingRatio", "1.0");
        try {
            samplingRatio = Double.parseDouble(ratio.trim());
        } catch (NumberFormatException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "The option samplingRatio must be a number, not '" + ratio + "'");
        }
        if (!(samplingRatio > 0 && samplingRatio <= 1)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "The option samplingRatio must be in (0, 1], not '" + ratio + "'");
        }
        compression = SourceFiles.compression(options);
        temporal = new TemporalFormats(options);
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        builder.configure(JsonReadFeature.ALLOW_JAVA_COMMENTS, options.getBoolean("allowComments", false));
        builder.configure(
                JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES, options.getBoolean("allowUnquotedFieldNames", false));
        builder.configure(JsonReadFeature.ALLOW_SINGLE_QUOTES, options.getBoolean("allowSingleQuotes", true));
        builder.configure(
                JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS, options.getBoolean("allowNumericLeadingZeros", false));
        builder.configure(
                JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, options.getBoolean("allowNonNumericNumbers", true));
        builder.configure(
                JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                options.getBoolean("allowBackslashEscapingAnyCharacter", false));
        builder.configure(
                JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, options.getBoolean("allowUnquotedControlChars", false));
        builder.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN);
        factory = builder.build();
    }
}
