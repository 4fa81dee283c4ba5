package dev.ember.rdd;

import dev.ember.Pair;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * 64-bit hashes of values that are the same in every JVM, for sketches whose partial results from different
 * executors are merged ({@link HyperLogLogPlusPlus}). The hash function is xxHash64 (seed 0), over:
 *
 * <ul>
 *   <li>a {@code String}: its UTF-8 bytes; a {@code byte[]}: its bytes (by content, unlike its {@code equals});
 *   <li>a {@code Long}, {@code Integer}, {@code Short}, {@code Byte}, {@code Character} or {@code Boolean}: its
 *       value; a {@code Double} or {@code Float}: its bits as {@code doubleToLongBits} / {@code floatToIntBits} give
 *       them (all NaNs alike, {@code 0.0} apart from {@code -0.0}, as their {@code equals} has it). Each type has
 *       its own seed, so {@code 5} and {@code 5L} hash apart, as they are not {@code equals};
 *   <li>an enum constant: its class and constant names;
 *   <li>a {@link Pair} or a {@link List}: the hashes of its elements, combined in order;
 *   <li>anything else, and {@code null}: its {@code hashCode()} (0 for null). That is only as stable as the
 *       {@code hashCode} (records and most value classes are; identity hash codes are not), and only 2<sup>32</sup>
 *       hashes are possible, so beyond about a hundred million distinct values such objects collide noticeably.
 * </ul>
 */
final class StableHash {
    private static final long PRIME1 = 0x9E3779B185EBCA87L;
    private static final long PRIME2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME3 = 0x165667B19E3779F9L;
    private static final long PRIME4 = 0x85EBCA77C2B2AE63L;
    private static final long PRIME5 = 0x27D4EB2F165667C5L;

    private StableHash() {}

    /** The stable 64-bit hash of {@code value}. */
    static long hash(Object value) {
        if (value instanceof String string) {
            return xxHash64(string.getBytes(StandardCharsets.UTF_8), 0);
        }
        if (value instanceof Long number) {
            return hashLong(number, 1);
        }
        if (value instanceof Integer number) {
            return hashLong(number, 2);
        }
        if (value instanceof Double number) {
            return hashLong(Double.doubleToLongBits(number), 3);
        }
        if (value instanceof Float number) {
            return hashLong(Float.floatToIntBits(number), 4);
        }
        if (value instanceof Short number) {
            return hashLong(number, 5);
        }
        if (value instanceof Byte number) {
            return hashLong(number, 6);
        }
        if (value instanceof Character character) {
            return hashLong(character, 7);
        }
        if (value instanceof Boolean bool) {
            return hashLong(bool ? 1 : 0, 8);
        }
        if (value instanceof byte[] bytes) {
            return xxHash64(bytes, 9);
        }
        if (value instanceof Enum<?> constant) {
            return xxHash64(
                    (constant.getDeclaringClass().getName() + "." + constant.name()).getBytes(StandardCharsets.UTF_8),
                    10);
        }
        if (value instanceof Pair<?, ?> pair) {
            return combine(combine(11, hash(pair.key())), hash(pair.value()));
        }
        if (value instanceof List<?> list) {
            long hash = 12;
            for (Object element : list) {
                hash = combine(hash, hash(element));
            }
            return hash;
        }
        return hashLong(value == null ? 0 : value.hashCode(), 13);
    }

    private static long combine(long accumulated, long next) {
        return hashLong(accumulated * PRIME1 + next, 14);
    }

    /** xxHash64 of the eight little-endian bytes of {@code value}. */
    static long hashLong(long value, long seed) {
        long hash = seed + PRIME5 + 8;
        hash ^= round(0, value);
        hash = Long.rotateLeft(hash, 27) * PRIME1 + PRIME4;
        return avalanche(hash);
    }

    /** xxHash64 of {@code input}. */
    static long xxHash64(byte[] input, long seed) {
        int length = input.length;
        int offset = 0;
        long hash;
        if (length >= 32) {
            long v1 = seed + PRIME1 + PRIME2;
            long v2 = seed + PRIME2;
            long v3 = seed;
            long v4 = seed - PRIME1;
            int limit = length - 32;
            while (offset <= limit) {
                v1 = round(v1, readLong(input, offset));
                v2 = round(v2, readLong(input, offset + 8));
                v3 = round(v3, readLong(input, offset + 16));
                v4 = round(v4, readLong(input, offset + 24));
                offset += 32;
            }
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            hash = mergeRound(hash, v1);
            hash = mergeRound(hash, v2);
            hash = mergeRound(hash, v3);
            hash = mergeRound(hash, v4);
        } else {
            hash = seed + PRIME5;
        }
        hash += length;
        while (offset + 8 <= length) {
            hash ^= round(0, readLong(input, offset));
            hash = Long.rotateLeft(hash, 27) * PRIME1 + PRIME4;
            offset += 8;
        }
        if (offset + 4 <= length) {
            hash ^= (readInt(input, offset) & 0xFFFFFFFFL) * PRIME1;
            hash = Long.rotateLeft(hash, 23) * PRIME2 + PRIME3;
            offset += 4;
        }
        while (offset < length) {
            hash ^= (input[offset] & 0xFFL) * PRIME5;
            hash = Long.rotateLeft(hash, 11) * PRIME1;
            offset++;
        }
        return avalanche(hash);
    }

    private static long round(long accumulator, long input) {
        accumulator += input * PRIME2;
        accumulator = Long.rotateLeft(accumulator, 31);
        return accumulator * PRIME1;
    }

    private static long mergeRound(long accumulator, long value) {
        accumulator ^= round(0, value);
        return accumulator * PRIME1 + PRIME4;
    }

    private static long avalanche(long hash) {
        hash ^= hash >>> 33;
        hash *= PRIME2;
        hash ^= hash >>> 29;
        hash *= PRIME3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long readLong(byte[] bytes, int offset) {
        return (readInt(bytes, offset) & 0xFFFFFFFFL) | ((long) readInt(bytes, offset + 4) << 32);
    }

    private static int readInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF)
                | (bytes[offset + 1] & 0xFF) << 8
                | (bytes[offset + 2] & 0xFF) << 16
                | (bytes[offset + 3] & 0xFF) << 24;
    }
}
