package dev.ember.sql.sources.parquet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Parquet's RLE/bit-packed hybrid encoding of small integers (definition levels, dictionary ids), decoded from a byte
 * range: a run header (an unsigned varint) says either "the next value, repeated n times" (header even, n = header /
 * 2, the value in ceil(width / 8) little-endian bytes) or "n groups of 8 values bit-packed" (header odd, n = header /
 * 2, each group {@code width} bytes, values packed from the lowest bit up). Bit-packed groups are unpacked 8 at a
 * time. Input that ends early or claims impossible runs fails with an exception naming the problem.
 */
final class RleHybrid {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] data;
    private final int end;
    private final int width;
    private final int[] unpacked = new int[8];
    private int position;

    /** Values left in the current run; for a packed run, values left in its current group and groups after it. */
    private int repeatLeft;

    private int repeated;
    private int packedLeft;
    private int unpackedIndex = 8;

    RleHybrid(byte[] data, int start, int end, int width) {
        if (width < 0 || width > 32 || start < 0 || end > data.length || start > end) {
            throw new IllegalStateException("an RLE run of " + width + " bits over bytes " + start + ".." + end);
        }
        this.data = data;
        this.position = start;
        this.end = end;
        this.width = width;
    }

    int next() {
        if (repeatLeft > 0) {
            repeatLeft--;
            return repeated;
        }
        if (unpackedIndex < 8) {
            packedLeft--;
            return unpacked[unpackedIndex++];
        }
        if (packedLeft > 0) {
            unpackGroup(unpacked, 0);
            unpackedIndex = 0;
            packedLeft--;
            return unpacked[unpackedIndex++];
        }
        readHeader();
        return next();
    }

    /** Decodes the next {@code n} values into {@code out[offset .. offset + n - 1]}, whole runs and groups at a time. */
    void readInto(int[] out, int offset, int n) {
        int i = offset;
        int stop = offset + n;
        while (i < stop) {
            if (repeatLeft > 0) {
                int k = Math.min(repeatLeft, stop - i);
                java.util.Arrays.fill(out, i, i + k, repeated);
                repeatLeft -= k;
                i += k;
            } else if (unpackedIndex < 8) {
                int k = Math.min(8 - unpackedIndex, stop - i);
                System.arraycopy(unpacked, unpackedIndex, out, i, k);
                unpackedIndex += k;
                packedLeft -= k;
                i += k;
            } else if (packedLeft > 0) {
                if (stop - i >= 8) {
                    unpackGroup(out, i);
                    packedLeft -= 8;
                    i += 8;
                } else {
                    unpackGroup(unpacked, 0);
                    unpackedIndex = 0;
                }
            } else {
                readHeader();
            }
        }
    }

    /**
     * Consumes the next {@code n} values if they all lie in one repeated run of {@code value} (the common case of
     * definition levels of a column without nulls), and says so; otherwise consumes nothing.
     */
    boolean skipRepeated(int value, int n) {
        if (repeatLeft == 0 && unpackedIndex == 8 && packedLeft == 0 && position < end) {
            readHeader();
        }
        if (repeatLeft >= n && repeated == value) {
            repeatLeft -= n;
            return true;
        }
        return false;
    }

    private void readHeader() {
        long header = 0;
        int shift = 0;
        while (true) {
            if (position >= end) {
                throw new IllegalStateException("an RLE run header past the end of its data");
            }
            int b = data[position++] & 0xFF;
            header |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 35) {
                throw new IllegalStateException("an RLE run header longer than 5 bytes");
            }
        }
        long count = header >>> 1;
        if ((header & 1) == 0) {
            if (count == 0 || count > Integer.MAX_VALUE) {
                throw new IllegalStateException("an RLE run of " + count + " values");
            }
            int bytes = (width + 7) / 8;
            if (position + bytes > end) {
                throw new IllegalStateException("an RLE run's value past the end of its data");
            }
            int value = 0;
            for (int i = 0; i < bytes; i++) {
                value |= (data[position++] & 0xFF) << (8 * i);
            }
            repeated = value;
            repeatLeft = (int) count;
        } else {
            if (count == 0 || count * 8 > Integer.MAX_VALUE) {
                throw new IllegalStateException("a bit-packed run of " + count + " groups");
            }
            packedLeft = (int) (count * 8);
            unpackedIndex = 8;
        }
    }

    /**
     * Unpacks the next group of 8 values of {@code width} bits, lowest bits first, into {@code target[at .. at + 7]}.
     * The last group of a page may be cut short after its last real value: the missing bytes read as zeros.
     */
    private void unpackGroup(int[] target, int at) {
        byte[] source = data;
        int offset = position;
        if (position >= end && width > 0) {
            throw new IllegalStateException("a bit-packed run claims more groups than its data holds");
        }
        if (position + width > end) {
            source = new byte[width];
            System.arraycopy(data, position, source, 0, Math.max(0, end - position));
            offset = 0;
            position = end;
        } else {
            position += width;
        }
        if (offset + width + 8 <= source.length) {
            // Each value from the 8 bytes that start at its first byte: a value of up to 32 bits starting at most 7
            // bits into its first byte ends within them.
            long mask = (1L << width) - 1;
            for (int i = 0, bit = 0; i < 8; i++, bit += width) {
                long word = (long) LONG.get(source, offset + (bit >>> 3));
                target[at + i] = (int) ((word >>> (bit & 7)) & mask);
            }
        } else if (width <= 8) {
            long bits = 0;
            for (int i = 0; i < width; i++) {
                bits |= (long) (source[offset + i] & 0xFF) << (8 * i);
            }
            int mask = (1 << width) - 1;
            for (int i = 0; i < 8; i++) {
                target[at + i] = (int) (bits >>> (i * width)) & mask;
            }
        } else {
            long mask = (1L << width) - 1;
            for (int i = 0; i < 8; i++) {
                int bit = i * width;
                long value = 0;
                for (int b = bit / 8, shift = -(bit % 8); shift < width; b++, shift += 8) {
                    long octet = source[offset + b] & 0xFF;
                    value |= shift >= 0 ? octet << shift : octet >>> -shift;
                }
                target[at + i] = (int) (value & mask);
            }
        }
    }
}
