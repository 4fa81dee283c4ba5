package dev.ember.sql.sources;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Arrays;

/**
 * Decodes lines of bytes into one reused char array: ASCII is copied byte by byte, anything else goes through the
 * charset's decoder (malformed input replaced). Not thread-safe.
 */
public final class CharDecoder {
    private final Charset charset;
    private final CharsetDecoder decoder;
    private char[] chars = new char[256];

    public CharDecoder(Charset charset) {
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    /**
     * The charset named by the {@code encoding} or {@code charset} option, UTF-8 by default. Line-based reading
     * splits bytes at {@code \n}, so the charset must write ASCII as single bytes.
     */
    public static Charset charsetOf(SourceOptions options) {
        String name = options.get("encoding", options.get("charset", "UTF-8"));
        Charset charset;
        try {
            charset = Charset.forName(name.trim());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Unknown encoding '" + name + "'");
        }
        byte[] newline = "\n,".getBytes(charset);
        if (newline.length != 2 || newline[0] != '\n' || newline[1] != ',') {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The encoding " + charset.name()
                            + " is not supported: files are read a line at a time, which needs an encoding that"
                            + " writes ASCII characters as single bytes (UTF-8, ISO-8859-1, windows-1252...)");
        }
        return charset;
    }

    public Charset charset() {
        return charset;
    }

    public boolean isUtf8() {
        return charset.equals(StandardCharsets.UTF_8);
    }

    /** The chars of the last {@link #decode}, valid until the next one. */
    public char[] chars() {
        return chars;
    }

    /** Decodes {@code bytes[offset, offset + length)} into {@link #chars()}; returns the number of chars. */
    public int decode(byte[] bytes, int offset, int length) {
        if (chars.length < length) {
            chars = new char[Math.max(length, chars.length * 2)];
        }
        char[] out = chars;
        int i = 0;
        for (; i < length; i++) {
            byte b = bytes[offset + i];
            if (b < 0) {
                break;
            }
            out[i] = (char) b;
        }
        if (i == length) {
            return length;
        }
        int max = i + (int) Math.ceil((length - i) * (double) decoder.maxCharsPerByte()) + 1;
        if (out.length < max) {
            chars = Arrays.copyOf(out, max);
            out = chars;
        }
        decoder.reset();
        CharBuffer target = CharBuffer.wrap(out, i, out.length - i);
        decoder.decode(ByteBuffer.wrap(bytes, offset + i, length - i), target, true);
        decoder.flush(target);
        return target.position();
    }

    /** The decoded text of {@code bytes[offset, offset + length)} as a String. */
    public String string(byte[] bytes, int offset, int length) {
        int count = decode(bytes, offset, length);
        return new String(chars, 0, count);
    }
}
