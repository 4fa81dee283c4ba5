package dev.ember.sql.expressions;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The 32-bit MurmurHash3 (x86 variant) of internal values, as the {@code hash} function and hash-based sketches use
 * it. Equal values of one type hash equal: {@code -0.0} as {@code 0.0}, decimals by their unscaled value at the type's
 * scale, strings by their UTF-8 bytes. A null leaves the seed as it is; arrays, maps and structs fold their elements
 * in order, each hash the seed of the next.
 */
public final class Murmur3Hash {
    /** The seed of Spark's {@code hash} function. */
    public static final int DEFAULT_SEED = 42;

    private static final int C1 = 0xcc9e2d51;
    private static final int C2 = 0x1b873593;

    private Murmur3Hash() {}

    private static int mixK1(int k1) {
        return Integer.rotateLeft(k1 * C1, 15) * C2;
    }

    private static int mixH1(int h1, int k1) {
        return Integer.rotateLeft(h1 ^ k1, 13) * 5 + 0xe6546b64;
    }

    private static int finish(int h1, int length) {
        int h = h1 ^ length;
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        return h ^ (h >>> 16);
    }

    public static int hashInt(int value, int seed) {
        return finish(mixH1(seed, mixK1(value)), 4);
    }

    public static int hashLong(long value, int seed) {
        int h1 = mixH1(seed, mixK1((int) value));
        h1 = mixH1(h1, mixK1((int) (value >>> 32)));
        return finish(h1, 8);
    }

    public static int hashBytes(byte[] bytes, int seed) {
        int h1 = seed;
        int blocks = bytes.length / 4;
        for (int i = 0; i < blocks; i++) {
            int at = i * 4;
            int k1 = (bytes[at] & 0xff)
                    | (bytes[at + 1] & 0xff) << 8
                    | (bytes[at + 2] & 0xff) << 16
                    | (bytes[at + 3] & 0xff) << 24;
            h1 = mixH1(h1, mixK1(k1));
        }
        int tail = blocks * 4;
        int k1 = 0;
        switch (bytes.length - tail) {
            case 3:
                k1 ^= (bytes[tail + 2] & 0xff) << 16;
            // fall through
            case 2:
                k1 ^= (bytes[tail + 1] & 0xff) << 8;
            // fall through
            case 1:
                k1 ^= bytes[tail] & 0xff;
                h1 ^= mixK1(k1);
                break;
            default:
                break;
        }
        return finish(h1, bytes.length);
    }

    /** The hash of a value of {@code type} (null leaves {@code seed}). */
    public static int hash(Object value, DataType type, int seed) {
        if (value == null) {
            return seed;
        }
        if (value instanceof Boolean flag) {
            return hashInt(flag ? 1 : 0, seed);
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return hashInt(((Number) value).intValue(), seed);
        }
        if (value instanceof Long number) {
            return hashLong(number, seed);
        }
        if (value instanceof Float number) {
            float f = number == 0.0f ? 0.0f : number;
            return hashInt(Float.floatToIntBits(f), seed);
        }
        if (value instanceof Double number) {
            double d = number == 0.0 ? 0.0 : number;
            return hashLong(Double.doubleToLongBits(d), seed);
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal scaled = type instanceof DecimalType t ? decimal.setScale(t.scale()) : decimal;
            boolean small = type instanceof DecimalType t ? t.fitsInLong() : scaled.precision() <= 18;
            return small
                    ? hashLong(scaled.unscaledValue().longValue(), seed)
                    : hashBytes(scaled.unscaledValue().toByteArray(), seed);
        }
        if (value instanceof String text) {
            return hashBytes(text.getBytes(StandardCharsets.UTF_8), seed);
        }
        if (value instanceof byte[] bytes) {
            return hashBytes(bytes, seed);
        }
        if (value instanceof List<?> list) {
            DataType element = type instanceof ArrayType array ? array.elementType() : DataTypes.NullType;
            int h = seed;
            for (Object item : list) {
                h = hash(item, element, h);
            }
            return h;
        }
        if (value instanceof Map<?, ?> map) {
            DataType keyType = type instanceof MapType m ? m.keyType() : DataTypes.NullType;
            DataType valueType = type instanceof MapType m ? m.valueType() : DataTypes.NullType;
            int h = seed;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                h = hash(entry.getKey(), keyType, h);
                h = hash(entry.getValue(), valueType, h);
            }
            return h;
        }
        if (value instanceof Object[] fields) {
            int h = seed;
            for (int i = 0; i < fields.length; i++) {
                DataType field =
                        type instanceof StructType struct ? struct.field(i).dataType() : DataTypes.NullType;
                h = hash(fields[i], field, h);
            }
            return h;
        }
        return hashInt(value.hashCode(), seed);
    }

    /** A 64-bit hash of a value: two 32-bit hashes of different seeds side by side, for sketches. */
    public static long hash64(Object value, DataType type) {
        long high = hash(value, type, DEFAULT_SEED);
        long low = hash(value, type, 0x9747b28c);
        return high << 32 | (low & 0xffffffffL);
    }
}
