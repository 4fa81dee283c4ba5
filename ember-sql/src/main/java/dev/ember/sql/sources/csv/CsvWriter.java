package dev.ember.sql.sources.csv;

import dev.ember.sql.sources.FileFormat.SourceWriter;
import dev.ember.sql.sources.SourceFiles;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Path;

/** Writes rows as CSV lines: fields quoted when they must be, nulls as {@code nullValue}. */
final class CsvWriter implements SourceWriter {
    private final CsvOptions options;
    private final Writer out;
    private final int[] kinds;
    private final String separator;
    private final String lineSeparator;
    private final StringBuilder line = new StringBuilder(256);

    CsvWriter(Path file, StructType schema, CsvOptions options) throws IOException {
        this.options = options;
        this.kinds = new int[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            DataType type = schema.field(i).dataType();
            kinds[i] = CsvReader.kindOf(type);
        }
        this.separator = options.separator;
        this.lineSeparator = options.lineSeparatorText;
        this.out = new OutputStreamWriter(SourceFiles.create(file, options.compression), options.charset);
        if (options.header) {
            line.setLength(0);
            for (int i = 0; i < kinds.length; i++) {
                if (i > 0) {
                    line.append(separator);
                }
                appendField(schema.field(i).name());
            }
            line.append(lineSeparator);
            out.append(line);
        }
    }

    @Override
    public void write(ColumnBatch batch) throws IOException {
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            line.setLength(0);
            for (int i = 0; i < kinds.length; i++) {
                if (i > 0) {
                    line.append(separator);
                }
                ColumnVector vector = batch.column(i);
                if (vector.isNull(row)) {
                    line.append(options.nullValue);
                    continue;
                }
                appendValue(vector, row, kinds[i]);
            }
            line.append(lineSeparator);
            out.append(line);
        }
    }

    private void appendValue(ColumnVector vector, int row, int kind) {
        switch (kind) {
            case 0, 11, 12 -> line.append(vector.getInt(row));
            case 1 -> line.append(vector.getLong(row));
            case 2 -> line.append(Float.toString(vector.getFloat(row)));
            case 3 -> line.append(Double.toString(vector.getDouble(row)));
            case 4 -> line.append(vector.getBoolean(row));
            case 5 -> line.append(vector.getDecimal(row).toPlainString());
            case 8 -> appendField(options.temporal.formatDate(vector.getInt(row)));
            case 9 -> appendField(options.temporal.formatTimestamp(vector.getLong(row)));
            case 10 -> appendField(options.temporal.formatTimestampNtz(vector.getLong(row)));
            default -> {
                String text = kind == 6
                        ? vector.getString(row)
                        : new String(vector.getBinary(row), java.nio.charset.StandardCharsets.UTF_8);
                if (text.isEmpty()) {
                    line.append(options.emptyValueWrite);
                } else {
                    appendField(text);
                }
            }
        }
    }

    private boolean needsQuotes(String text) {
        if (options.quoteAll) {
            return true;
        }
        if (text.contains(separator)) {
            return true;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == options.quote || c == '\n' || c == '\r') {
                return true;
            }
        }
        if (options.lineSeparator != null && text.contains(options.lineSeparatorText)) {
            return true;
        }
        char first = text.charAt(0);
        char last = text.charAt(length - 1);
        return first == ' '
                || first == '\t'
                || last == ' '
                || last == '\t'
                || (options.hasComment && first == options.comment);
    }

    private void appendField(String text) {
        if (text.isEmpty() || !options.quoting || !needsQuotes(text)) {
            line.append(text);
            return;
        }
        char quote = options.quote;
        char escape = options.escape;
        line.append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == quote) {
                line.append(escape == quote ? quote : escape);
            } else if (c == escape) {
                line.append(escape);
            }
            line.append(c);
        }
        line.append(quote);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
