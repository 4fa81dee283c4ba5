package dev.ember.sql.sources.csv;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.sources.CharDecoder;
import dev.ember.sql.sources.ParseMode;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.sources.SourceOptions;
import dev.ember.sql.sources.TemporalFormats;
import java.nio.charset.Charset;

/** The options of a CSV read or write, parsed once (Spark's names and defaults). */
final class CsvOptions {
    final boolean header;
    final boolean inferSchema;
    final boolean multiLine;
    final boolean enforceSchema;
    final boolean preferDate;
    final boolean prefersDecimal;
    final boolean ignoreLeadingWhiteSpace;
    final boolean ignoreTrailingWhiteSpace;
    final String separator;
    final boolean quoting;
    final char quote;
    final char escape;
    final boolean hasComment;
    final char comment;
    final String nullValue;
    final String emptyValueRead;
    final String emptyValueWrite;
    final String nanValue;
    final String positiveInf;
    final String negativeInf;
    final ParseMode mode;
    final String corruptColumn;
    final Charset charset;
    final byte[] lineSeparator;
    final String lineSeparatorText;
    final double samplingRatio;
    final boolean quoteAll;
    final boolean escapeQuotes;
    final String compression;
    final TemporalFormats temporal;

    CsvOptions(SourceOptions options) {
        header = options.getBoolean("header", false);
        inferSchema = options.getBoolean("inferSchema", false);
        multiLine = options.getBoolean("multiLine", false);
        enforceSchema = options.getBoolean("enforceSchema", true);
        preferDate = options.getBoolean("preferDate", true);
        prefersDecimal = options.getBoolean("prefersDecimal", false);
        ignoreLeadingWhiteSpace = options.getBoolean("ignoreLeadingWhiteSpace", false);
        ignoreTrailingWhiteSpace = options.getBoolean("ignoreTrailingWhiteSpace", false);
        String sep = options.get("sep", options.get("delimiter", ","));
        separator = unescape(sep);
        if (separator.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The option sep must not be empty");
        }
        String quoteText = options.get("quote", "\"");
        if (quoteText.isEmpty() || quoteText.equals("\u0000")) {
            quoting = false;
            quote = '\u0000';
        } else {
            quoting = true;
            quote = options.getChar("quote", '"');
        }
        escape = options.getChar("escape", '\\');
        String commentText = options.get("comment", "");
        if (commentText.isEmpty() || commentText.equals("\u0000")) {
            hasComment = false;
            comment = '\u0000';
        } else {
            hasComment = true;
            comment = options.getChar("comment", '#');
        }
        nullValue = options.get("nullValue", "");
        emptyValueRead = options.get("emptyValue", "");
        emptyValueWrite = options.get("emptyValue", "\"\"");
        nanValue = options.get("nanValue", "NaN");
        positiveInf = options.get("positiveInf", "Inf");
        negativeInf = options.get("negativeInf", "-Inf");
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
        quoteAll = options.getBoolean("quoteAll", false);
        escapeQuotes = options.getBoolean("escapeQuotes", true);
        compression = SourceFiles.compression(options);
        temporal = new TemporalFormats(options);
    }

    /** A separator as written in the option: {@code \t} and {@code \u0001} escapes allowed. */
    private static String unescape(String text) {
        return switch (text) {
            case "\\t" -> "\t";
            case "\\\\" -> "\\";
            default ->
                text.startsWith("\\u") && text.length() == 6
                        ? String.valueOf((char) Integer.parseInt(text.substring(2), 16))
                        : text;
        };
    }
}
