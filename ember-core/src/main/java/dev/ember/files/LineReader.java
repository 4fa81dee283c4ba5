package dev.ember.files;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.metrics.InputMetrics;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * Reads the lines of one split as UTF-8 strings without their terminators ({@code \n}, {@code \r\n} or
 * {@code \r}). A split not at the start of its file skips up to and including the first terminator; a split reads
 * on past its end to finish the line that starts at or before its end.
 */
public final class LineReader implements Iterator<String>, Closeable {
    private static final int BUFFER = 64 * 1024;

    private final FileSplit split;
    private final InputStream in;
    private final InputMetrics metrics;
    private final byte[] buffer = new byte[BUFFER];
    private int bufferLength;
    private int bufferPosition;
    private long position;
    private boolean eof;
    private byte[] line = new byte[256];
    private int lineLength;
    private String next;
    private boolean finished;

    public LineReader(FileSplit split, InputMetrics metrics) {
        this.split = split;
        this.metrics = metrics;
        Path path = Path.of(split.path());
        try {
            if (split.compressed()) {
                in = new GZIPInputStream(
                        new BufferedInputStream(java.nio.file.Files.newInputStream(path), BUFFER), BUFFER);
            } else {
                FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
                channel.position(split.start());
                in = Channels.newInputStream(channel);
            }
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "Cannot open input file file:" + split.path() + ": " + e.getMessage(),
                    e);
        }
        position = split.compressed() ? 0 : split.start();
        if (!split.compressed() && split.start() != 0) {
            // The line in progress at the start belongs to the previous split.
            readLine();
        }
    }

    private boolean fill() {
        if (eof) {
            return false;
        }
        try {
            int read = in.read(buffer, 0, buffer.length);
            if (read <= 0) {
                eof = true;
                return false;
            }
            bufferLength = read;
            bufferPosition = 0;
            if (metrics != null && !split.compressed()) {
                metrics.incBytesRead(read);
            }
            return true;
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "Failed reading file:" + split.path() + " near byte " + position + ": " + e.getMessage(),
                    e);
        }
    }

    /** Reads one line; null at end of input. Advances {@code position} past the terminator. */
    private String readLine() {
        lineLength = 0;
        boolean sawAnything = false;
        while (true) {
            if (bufferPosition >= bufferLength && !fill()) {
                return sawAnything ? new String(line, 0, lineLength, StandardCharsets.UTF_8) : null;
            }
            sawAnything = true;
            int startOfChunk = bufferPosition;
            while (bufferPosition < bufferLength) {
                byte b = buffer[bufferPosition];
                if (b == '\n' || b == '\r') {
                    int chunk = bufferPosition - startOfChunk;
                    append(startOfChunk, chunk);
                    bufferPosition++;
                    position += chunk + 1;
                    if (b == '\r') {
                        if (bufferPosition >= bufferLength) {
                            fill();
                        }
                        if (bufferPosition < bufferLength && buffer[bufferPosition] == '\n') {
                            bufferPosition++;
                            position++;
                        }
                    }
                    return new String(line, 0, lineLength, StandardCharsets.UTF_8);
                }
                bufferPosition++;
            }
            int chunk = bufferPosition - startOfChunk;
            append(startOfChunk, chunk);
            position += chunk;
        }
    }

    private void append(int from, int count) {
        if (count == 0) {
            return;
        }
        int needed = lineLength + count;
        if (needed > line.length) {
            line = Arrays.copyOf(line, Math.max(needed, line.length * 2));
        }
        System.arraycopy(buffer, from, line, lineLength, count);
        lineLength = needed;
    }

    @Override
    public boolean hasNext() {
        if (next != null) {
            return true;
        }
        if (finished) {
            return false;
        }
        if (!split.compressed() && position > split.end()) {
            finished = true;
            close();
            return false;
        }
        next = readLine();
        if (next == null) {
            finished = true;
            close();
            return false;
        }
        if (metrics != null) {
            metrics.incRecordsRead(1);
        }
        return true;
    }

    @Override
    public String next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String result = next;
        next = null;
        return result;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // Reading is done; a failure to close a read-only file loses nothing.
        }
    }
}
