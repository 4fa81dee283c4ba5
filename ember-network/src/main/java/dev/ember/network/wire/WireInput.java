package dev.ember.network.wire;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one message being read. Every length and count is checked against the bytes that remain before
 * anything is allocated for it (a count of {@code n} values needs at least {@code n} bytes, since every value
 * takes one), so that a message can make its reader hold at most a small multiple of its own size. Reading also
 * stops, with a {@link WireFormatException}, once its time budget has run out. Errors say at which byte they were
 * found. Not thread-safe.
 */
public final class WireInput {
    /** Values are counted, and the clock read every this many. */
    private static final int CLOCK_INTERVAL = 256;

    private final WireProtocol protocol;
    private final ByteBuffer in;
    private final int start;
    private final Object context;
    private final long deadlineNanos;
    private final long budgetNanos;
    private final boolean[] setsAnnounced = new boolean[256];
    private int valuesUntilClock = CLOCK_INTERVAL;
    int depth;

    WireInput(WireProtocol protocol, ByteBuffer bytes, Object context, long budgetNanos) {
        this.protocol = protocol;
        this.in = bytes.duplicate();
        this.start = in.position();
        this.context = context;
        this.budgetNanos = budgetNanos;
        this.deadlineNanos = System.nanoTime() + budgetNanos;
    }

    /** What the reader was given to resolve values against (for RPC messages, the receiving environment). */
    public <T> T context(Class<T> type) {
        if (!type.isInstance(context)) {
            throw error("a " + type.getSimpleName() + " cannot be read here");
        }
        return type.cast(context);
    }

    /** Reads the next tagged value. */
    public Object value() {
        return protocol.readValue(this);
    }

    public int remaining() {
        return in.remaining();
    }

    public int readByte() {
        try {
            return in.get() & 0xFF;
        } catch (BufferUnderflowException e) {
            throw error("the message ends early");
        }
    }

    public boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw error("a boolean of " + value);
        }
        return value == 1;
    }

    /** A count of items that each take at least {@code bytesEach} bytes of what remains. */
    public int readCount(int bytesEach) {
        long value = readUnsigned(5);
        if (value > Integer.MAX_VALUE || value * bytesEach > in.remaining()) {
            throw error("a count of " + value + " with " + in.remaining() + " bytes left");
        }
        return (int) value;
    }

    public int readInt() {
        long raw = readUnsigned(5);
        if (raw > 0xFFFF_FFFFL) {
            throw error("an int of more than 32 bits");
        }
        int value = (int) raw;
        return (value >>> 1) ^ -(value & 1);
    }

    public long readLong() {
        long raw = readUnsigned(10);
        return (raw >>> 1) ^ -(raw & 1);
    }

    public double readDouble() {
        if (in.remaining() < 8) {
            throw error("the message ends inside a double");
        }
        long bits = 0;
        for (int i = 0; i < 8; i++) {
            bits |= (in.get() & 0xFFL) << (8 * i);
        }
        return Double.longBitsToDouble(bits);
    }

    public byte[] readBytes() {
        int length = readCount(1);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    public String readString() {
        int length = readCount(1);
        ByteBuffer slice = in.slice();
        slice.limit(length);
        try {
            String value = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(slice)
                    .toString();
            in.position(in.position() + length);
            return value;
        } catch (CharacterCodingException e) {
            throw error("a string that is not UTF-8");
        }
    }

    private long readUnsigned(int maxBytes) {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            int b = readByte();
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw error("a number longer than " + maxBytes + " bytes");
    }

    /** Counts one value against the time budget. */
    void tick() {
        if (--valuesUntilClock == 0) {
            valuesUntilClock = CLOCK_INTERVAL;
            if (System.nanoTime() - deadlineNanos > 0) {
                throw error("decoding took longer than its budget of " + budgetNanos / 1_000_000 + " ms");
            }
        }
    }

    void announce(int setId) {
        setsAnnounced[setId] = true;
    }

    boolean announced(int setId) {
        return setsAnnounced[setId];
    }

    /** An error at the current position. */
    public WireFormatException error(String what) {
        return new WireFormatException("Malformed message at byte " + (in.position() - start) + ": " + what);
    }
}
