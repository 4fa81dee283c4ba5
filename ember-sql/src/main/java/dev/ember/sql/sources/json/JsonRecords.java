package dev.ember.sql.sources.json;

import com.fasterxml.jackson.core.JsonParser;
import dev.ember.sql.sources.CharDecoder;
import dev.ember.sql.sources.LineReader;
import dev.ember.sql.sources.SourceFiles;
import java.io.Closeable;
import java.io.IOException;

/**
 * The JSON records of a byte range of a file: in JSON Lines, the non-blank lines that start in the range (a partial
 * first line skipped unless the range starts at 0); in multiLine mode, the whole file as one record, read by the
 * split at the file's start.
 */
final class JsonRecords implements Closeable {
    private final String path;
    private final JsonOptions options;
    private final long start;
    private final long end;
    private final LineReader lines;
    private final CharDecoder decoder;
    private boolean wholeRead;
    private byte[] whole;
    private long lineNumber;
    private long recordLine;
    private long recordStart;

    JsonRecords(String path, long start, long length, JsonOptions options) throws IOException {
        this.path = path;
        this.options = options;
        this.start = start;
        this.decoder = new CharDecoder(options.charset);
        boolean compressed = SourceFiles.isCompressed(path);
        if (options.multiLine) {
            this.end = Long.MAX_VALUE;
            this.lines = null;
            this.wholeRead = start != 0;
            return;
        }
        if (compressed && start != 0) {
            this.end = 0;
            this.lines = null;
            this.wholeRead = true;
            return;
        }
        this.end = compressed || length == Long.MAX_VALUE ? Long.MAX_VALUE : start + length;
        long back = options.lineSeparator == null ? 1 : options.lineSeparator.length;
        long open = start == 0 ? 0 : Math.max(0, start - back);
        this.lines = new LineReader(SourceFiles.open(path, open), open, options.lineSeparator);
        if (start != 0) {
            try {
                lines.next();
            } catch (IOException | RuntimeException e) {
                lines.close();
                throw e;
            }
        }
    }

    /** Moves to the next record; false when the range has no more. */
    boolean next() throws IOException {
        if (lines == null) {
            if (wholeRead) {
                return false;
            }
            wholeRead = true;
            whole = SourceFiles.readAll(path);
            recordLine = 1;
            recordStart = 0;
            return !isBlank(whole, whole.length);
        }
        while (true) {
            if (!lines.next() || lines.lineStart() >= end) {
                return false;
            }
            lineNumber++;
            if (isBlank(lines.bytes(), lines.length())) {
                continue;
            }
            recordLine = lineNumber;
            recordStart = lines.lineStart();
            return true;
        }
    }

    private static boolean isBlank(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A parser of the current record. */
    JsonParser parser() throws IOException {
        byte[] bytes = lines == null ? whole : lines.bytes();
        int length = lines == null ? whole.length : lines.length();
        if (decoder.isUtf8()) {
            return options.factory.createParser(bytes, 0, length);
        }
        int count = decoder.decode(bytes, 0, length);
        return options.factory.createParser(decoder.chars(), 0, count);
    }

    /** The current record's text. */
    String text() {
        byte[] bytes = lines == null ? whole : lines.bytes();
        int length = lines == null ? whole.length : lines.length();
        return decoder.string(bytes, 0, length);
    }

    /** The line number of the current record, counting from the file's start. */
    long lineNumber() {
        if (lines == null || start == 0) {
            return recordLine;
        }
        return SourceFiles.lineNumberAt(path, recordStart, options.lineSeparator);
    }

    @Override
    public void close() throws IOException {
        if (lines != null) {
            lines.close();
        }
    }
}
