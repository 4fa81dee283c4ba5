package dev.ember.sql.sources.csv;

import dev.ember.sql.sources.CharDecoder;
import dev.ember.sql.sources.LineReader;
import dev.ember.sql.sources.SourceFiles;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * The CSV records of a byte range of a file, tokenized: those that start in the range, a partial first line skipped
 * unless the range starts at 0. Blank lines and comment lines are skipped. In multiLine mode a record goes on over
 * the line ends inside its quoted fields.
 */
final class CsvRecords implements Closeable {
    private final String path;
    private final CsvOptions options;
    private final LineReader lines;
    private final CharDecoder decoder;
    private final CsvTokenizer tokenizer;
    private final long start;
    private final long end;
    private final boolean empty;

    private char[] record = new char[256];
    private char[] chars;
    private int length;
    private long recordStart;
    private long lineNumber;
    private long recordLine;

    CsvRecords(String path, long start, long length, CsvOptions options) throws IOException {
        this.path = path;
        this.options = options;
        this.start = start;
        boolean compressed = SourceFiles.isCompressed(path);
        this.end = compressed && start == 0 || length == Long.MAX_VALUE ? Long.MAX_VALUE : start + length;
        long back = options.lineSeparator == null ? 1 : options.lineSeparator.length;
        long open = start == 0 || compressed ? 0 : Math.max(0, start - back);
        this.empty = compressed && start != 0;
        this.lines = new LineReader(SourceFiles.open(path, open), open, options.lineSeparator);
        this.decoder = new CharDecoder(options.charset);
        this.tokenizer = new CsvTokenizer(options);
        if (start != 0 && !empty) {
            try {
                lines.next();
            } catch (IOException | RuntimeException e) {
                lines.close();
                throw e;
            }
        }
    }

    CsvTokenizer tokens() {
        return tokenizer;
    }

    /** Whether the range starts at the file's first byte (where the header is). */
    boolean atFileStart() {
        return start == 0;
    }

    /** The file offset where the current record starts. */
    long recordStart() {
        return recordStart;
    }

    /** The line number of the current record's first line, counting from the file's start (reads it if need be). */
    long lineNumber() {
        return start == 0 ? recordLine : SourceFiles.lineNumberAt(path, recordStart, options.lineSeparator);
    }

    /** The current record's text, without its last line end. */
    String text() {
        return new String(chars, 0, length);
    }

    /** Moves to the next record; false when the range has no more. */
    boolean next() throws IOException {
        while (true) {
            if (empty || !lines.next() || lines.lineStart() >= end) {
                return false;
            }
            lineNumber++;
            int bytes = lines.length();
            if (bytes == 0) {
                continue;
            }
            recordStart = lines.lineStart();
            recordLine = lineNumber;
            length = decoder.decode(lines.bytes(), 0, bytes);
            chars = decoder.chars();
            if (options.hasComment && chars[0] == options.comment) {
                continue;
            }
            boolean complete = tokenizer.tokenize(chars, length);
            if (!complete && options.multiLine) {
                readOn();
            }
            return true;
        }
    }

    /** Appends lines to a record ending inside quotes until its quotes close or the file ends. */
    private void readOn() throws IOException {
        ensure(length);
        System.arraycopy(chars, 0, record, 0, length);
        int size = length;
        boolean complete = false;
        while (!complete && lines.terminatorLength() > 0) {
            int before = size;
            size = appendTerminator(size);
            if (!lines.next()) {
                size = before;
                break;
            }
            lineNumber++;
            int count = decoder.decode(lines.bytes(), 0, lines.length());
            ensure(size + count);
            System.arraycopy(decoder.chars(), 0, record, size, count);
            size += count;
            complete = tokenizer.tokenize(record, size);
        }
        if (!complete) {
            tokenizer.tokenize(record, size);
        }
        chars = record;
        length = size;
    }

    private int appendTerminator(int size) {
        byte[] bytes = lines.bytes();
        int from = lines.length();
        int count = lines.terminatorLength();
        if (options.lineSeparator != null) {
            String text = options.lineSeparatorText;
            ensure(size + text.length());
            text.getChars(0, text.length(), record, size);
            return size + text.length();
        }
        ensure(size + count);
        for (int k = 0; k < count; k++) {
            record[size + k] = (char) bytes[from + k];
        }
        return size + count;
    }

    private void ensure(int size) {
        if (record.length < size) {
            record = Arrays.copyOf(record, Math.max(size, record.length * 2));
        }
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
