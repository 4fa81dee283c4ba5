package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Opening the files of a split and of a writer, and the errors of readers. */
public final class SourceFiles {
    private SourceFiles() {}

    /** Whether the file is compressed (gzip, by its {@code .gz} name): it is then read whole. */
    public static boolean isCompressed(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * The bytes of {@code path} from {@code offset} on (decompressed when the file is, and then {@code offset} must be
     * 0). Fails with {@link ErrorClass#INPUT_PATH_NOT_FOUND} or {@link ErrorClass#INPUT_READ_FAILED} naming the file.
     */
    public static InputStream open(String path, long offset) {
        Path file = Path.of(path);
        try {
            if (isCompressed(path)) {
                if (offset != 0) {
                    throw new IllegalArgumentException("A compressed file is read from its start, not from " + offset);
                }
                return new GZIPInputStream(Files.newInputStream(file), 64 * 1024);
            }
            SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ);
            try {
                channel.position(offset);
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            return Channels.newInputStream(channel);
        } catch (NoSuchFileException e) {
            throw new EmberException(ErrorClass.INPUT_PATH_NOT_FOUND, "File does not exist: " + path, e);
        } catch (IOException e) {
            throw readFailed(path, e);
        }
    }

    /** The whole (decompressed) content of {@code path}. */
    public static byte[] readAll(String path) {
        try (InputStream in = open(path, 0)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw readFailed(path, e);
        }
    }

    /** A stream writing {@code file}, gzip-compressed when {@code compression} says so ({@code none}, {@code gzip}). */
    public static OutputStream create(Path file, String compression) throws IOException {
        OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        if (isGzip(compression)) {
            return new GZIPOutputStream(out, 64 * 1024);
        }
        return new BufferedOutputStream(out, 64 * 1024);
    }

    /** Whether the {@code compression} option asks for gzip; fails on a codec other than none and gzip. */
    public static boolean isGzip(String compression) {
        String codec = compression == null ? "none" : compression.trim().toLowerCase(Locale.ROOT);
        return switch (codec) {
            case "none", "uncompressed", "" -> false;
            case "gzip", "gz" -> true;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The option compression must be none or gzip, not '" + compression + "'");
        };
    }

    /** The compression option of a writer ({@code compression} or {@code codec}). */
    public static String compression(SourceOptions options) {
        return options.get("compression", options.get("codec", "none"));
    }

    /** The line separator option {@code lineSep} as bytes in {@code charset}, or null for any of \n, \r, \r\n. */
    public static byte[] lineSeparator(SourceOptions options, Charset charset) {
        if (!options.contains("lineSep")) {
            return null;
        }
        String separator = options.get("lineSep", "");
        if (separator.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The option lineSep must not be empty");
        }
        return separator.getBytes(charset);
    }

    /**
     * The line number (1-based) of the line starting at {@code offset} of {@code path}, counting separators before it;
     * for messages only, as it reads the file again.
     */
    public static long lineNumberAt(String path, long offset, byte[] separator) {
        try (LineReader lines = new LineReader(new BufferedInputStream(open(path, 0)), 0, separator)) {
            long number = 0;
            while (lines.next()) {
                number++;
                if (lines.lineStart() >= offset) {
                    return number;
                }
            }
            return number + 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    public static EmberException readFailed(String path, Exception cause) {
        return new EmberException(
                ErrorClass.INPUT_READ_FAILED, "Could not read the file " + path + ": " + cause.getMessage(), cause);
    }

    /** Text of a record cut for a message. */
    public static String excerpt(String record) {
        String text = record.length() > 200 ? record.substring(0, 200) + "..." : record;
        return text.replace("\n", "\\n").replace("\r", "\\r");
    }
}
