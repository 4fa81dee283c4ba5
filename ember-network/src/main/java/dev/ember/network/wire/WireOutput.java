package dev.ember.network.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growing byte buffer that values are written to. Lengths and counts are unsigned variable-length integers (7 bits
 * a byte, low bits first); signed integers are zig-zag encoded the same way, so that small negative numbers stay
 * short. Not thread-safe: one message, one thread.
 */
public final class WireOutput {
    private final WireProtocol protocol;
    private byte[] bytes = new byte[64];
    private int size;
    private long setsUsed;
    private final long[] moreSetsUsed = new long[3];

    WireOutput(WireProtocol protocol) {
        this.protocol = protocol;
    }

    /** Writes {@code value} with its tag; it must be null or of a kind the format or the protocol knows. */
    public WireOutput value(Object value) {
        protocol.writeValue(value, this);
        return this;
    }

    public WireOutput writeByte(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    public WireOutput writeBoolean(boolean value) {
        return writeByte(value ? 1 : 0);
    }

    /** An unsigned count or length. */
    public WireOutput writeCount(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("negative count " + value);
        }
        return writeUnsigned(value);
    }

    public WireOutput writeInt(int value) {
        return writeUnsigned(Integer.toUnsignedLong((value << 1) ^ (value >> 31)));
    }

    public WireOutput writeLong(long value) {
        return writeUnsigned((value << 1) ^ (value >> 63));
    }

    public WireOutput writeDouble(double value) {
        long bits = Double.doubleToRawLongBits(value);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (bits >>> (8 * i));
        }
        return this;
    }

    public WireOutput writeString(String value) {
        return writeBytes(value.getBytes(StandardCharsets.UTF_8));
    }

    public WireOutput writeBytes(byte[] value) {
        writeCount(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    private WireOutput writeUnsigned(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        bytes[size++] = (byte) value;
        return this;
    }

    void markSetUsed(int setId) {
        if (setId < 64) {
            setsUsed |= 1L << setId;
        } else {
            moreSetsUsed[(setId >> 6) - 1] |= 1L << (setId & 63);
        }
    }

    boolean setUsed(int setId) {
        return setId < 64
                ? (setsUsed & (1L << setId)) != 0
                : (moreSetsUsed[(setId >> 6) - 1] & (1L << (setId & 63))) != 0;
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            long wanted = Math.max((long) bytes.length * 2, (long) size + more);
            if (wanted > Integer.MAX_VALUE - 16) {
                throw new WireFormatException("A message of more than 2 GiB cannot be encoded");
            }
            bytes = Arrays.copyOf(bytes, (int) wanted);
        }
    }
}
