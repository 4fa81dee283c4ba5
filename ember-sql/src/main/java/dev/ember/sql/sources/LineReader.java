package dev.ember.sql.sources;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as bytes from a stream, keeping track of the byte offset where each starts. A line ends at {@code \n},
 * {@code \r} or {@code \r\n}, or at a given separator. The bytes of the current line, followed by those of its
 * terminator, are in {@link #bytes()}; the array is reused by the next line.
 */
public final class LineReader implements Closeable {
    private static final int BUFFER = 64 * 1024;

    private final InputStream in;
    private final byte[] separator;
    private final byte[] buffer = new byte[BUFFER];
    private int pos;
    private int limit;
    private long bufferStart;
    private boolean eof;

    private byte[] line = new byte[256];
    private int lineLength;
    private int terminatorLength;
    private long lineStart;

    /**
     * A reader of {@code in}, whose first byte is at {@code offset} of the file; {@code separator} is null for any of
     * {@code \n}, {@code \r}, {@code \r\n}.
     */
    public LineReader(InputStream in, long offset, byte[] separator) {
        this.in = in;
        this.bufferStart = offset;
        this.separator = separator == null || separator.length == 0 ? null : separator.clone();
    }

    /** The file offset of the next byte to be read. */
    public long position() {
        return bufferStart + pos;
    }

    /** The bytes of the current line, then those of its terminator. */
    public byte[] bytes() {
        return line;
    }

    /** The length of the current line without its terminator. */
    public int length() {
        return lineLength;
    }

    /** The length of the current line's terminator: 0 for a last line without one. */
    public int terminatorLength() {
        return terminatorLength;
    }

    /** The file offset of the current line's first byte. */
    public long lineStart() {
        return lineStart;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        bufferStart += limit;
        pos = 0;
        limit = 0;
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        if (read < 0) {
            eof = true;
            return false;
        }
        limit = read;
        return true;
    }

    private void append(byte[] source, int offset, int count) {
        int needed = lineLength + terminatorLength + count;
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
        }
        System.arraycopy(source, offset, line, lineLength + terminatorLength, count);
    }

    private void appendByte(byte value) {
        if (lineLength + terminatorLength + 1 > line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength + terminatorLength] = value;
    }

    /** Reads the next line; false at the end of the stream. */
    public boolean next() throws IOException {
        lineLength = 0;
        terminatorLength = 0;
        if (pos >= limit && !fill()) {
            lineStart = position();
            return false;
        }
        lineStart = position();
        return separator == null ? nextDefault() : nextSeparated();
    }

    private boolean nextDefault() throws IOException {
        while (true) {
            byte[] buf = buffer;
            int end = limit;
            int i = pos;
            while (i < end) {
                byte b = buf[i];
                if (b == '\n' || b == '\r') {
                    break;
                }
                i++;
            }
            append(buf, pos, i - pos);
            lineLength += i - pos;
            if (i < end) {
                byte b = buf[i];
                pos = i + 1;
                appendByte(b);
                terminatorLength = 1;
                if (b == '\r' && (pos < limit || fill()) && buffer[pos] == '\n') {
                    pos++;
                    appendByte((byte) '\n');
                    terminatorLength = 2;
                }
                return true;
            }
            pos = end;
            if (!fill()) {
                return true;
            }
        }
    }

    private boolean nextSeparated() throws IOException {
        byte[] sep = separator;
        byte last = sep[sep.length - 1];
        while (true) {
            if (pos >= limit && !fill()) {
                return true;
            }
            byte b = buffer[pos++];
            appendByte(b);
            lineLength++;
            if (b == last && lineLength >= sep.length && endsWithSeparator()) {
                lineLength -= sep.length;
                terminatorLength = sep.length;
                return true;
            }
        }
    }

    private boolean endsWithSeparator() {
        int from = lineLength - separator.length;
        for (int k = 0; k < separator.length; k++) {
            if (line[from + k] != separator[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
