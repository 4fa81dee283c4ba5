package dev.ember.sql.vector;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ember.sql.types.DecimalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tagged encoding of the values of object columns: each value a tag byte and its bytes, lists, maps and structs
 * their size and their elements likewise, nested at most {@link #MAX_DEPTH} deep.
 */
final class TaggedValues {
    static final int MAX_DEPTH = 100;
    private static final int MAX_DECIMAL_BYTES = 256;

    private static final byte TAG_NULL = 0;
    private static final byte TAG_BOOLEAN = 1;
    private static final byte TAG_BYTE = 2;
    private static final byte TAG_SHORT = 3;
    private static final byte TAG_INT = 4;
    private static final byte TAG_LONG = 5;
    private static final byte TAG_FLOAT = 6;
    private static final byte TAG_DOUBLE = 7;
    private static final byte TAG_STRING = 8;
    private static final byte TAG_BINARY = 9;
    private static final byte TAG_DECIMAL = 10;
    private static final byte TAG_LIST = 11;
    private static final byte TAG_MAP = 12;
    private static final byte TAG_STRUCT = 13;
    /** A decimal whose unscaled value fits in a long: its scale and that long, without a byte array either way. */
    private static final byte TAG_DECIMAL_LONG = 14;

    /** What {@link #readDecimal} returns for a value it put in unscaled. */
    static final Object UNSCALED = new Object();

    private TaggedValues() {}

    /** Writes {@code value}, at {@code depth} inside the value of a row, to {@code out}. */
    static void write(WriteBuffer out, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("A value nested more than " + MAX_DEPTH + " deep cannot be written");
        }
        out.ensure(9);
        if (value == null) {
            out.putByte(TAG_NULL);
        } else if (value instanceof BigDecimal decimal && decimal.precision() <= 18) {
            writeDecimal(out, decimal.scale(), decimal.unscaledValue().longValue());
        } else if (value instanceof BigDecimal decimal) {
            byte[] unscaled = decimal.unscaledValue().toByteArray();
            out.putByte(TAG_DECIMAL);
            out.putInt(decimal.scale());
            out.ensure(4);
            out.putInt(unscaled.length);
            out.putBytes(unscaled, 0, unscaled.length);
        } else if (value instanceof String string) {
            byte[] utf8 = string.getBytes(UTF_8);
            out.putByte(TAG_STRING);
            out.putInt(utf8.length);
            out.putBytes(utf8, 0, utf8.length);
        } else if (value instanceof byte[] binary) {
            out.putByte(TAG_BINARY);
            out.putInt(binary.length);
            out.putBytes(binary, 0, binary.length);
        } else if (value instanceof Integer number) {
            out.putByte(TAG_INT);
            out.putInt(number);
        } else if (value instanceof Long number) {
            out.putByte(TAG_LONG);
            out.putLong(number);
        } else if (value instanceof Double number) {
            out.putByte(TAG_DOUBLE);
            out.putLong(Double.doubleToRawLongBits(number));
        } else if (value instanceof Float number) {
            out.putByte(TAG_FLOAT);
            out.putInt(Float.floatToRawIntBits(number));
        } else if (value instanceof Short number) {
            out.putByte(TAG_SHORT);
            out.putShort(number);
        } else if (value instanceof Byte number) {
            out.putByte(TAG_BYTE);
            out.putByte(number);
        } else if (value instanceof Boolean bool) {
            out.putByte(TAG_BOOLEAN);
            out.putByte(bool ? (byte) 1 : (byte) 0);
        } else if (value instanceof List<?> list) {
            out.putByte(TAG_LIST);
            out.putInt(list.size());
            for (Object element : list) {
                write(out, element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.putByte(TAG_MAP);
            out.putInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey(), depth + 1);
                write(out, entry.getValue(), depth + 1);
            }
        } else if (value instanceof Object[] struct) {
            out.putByte(TAG_STRUCT);
            out.putInt(struct.length);
            for (Object field : struct) {
                write(out, field, depth + 1);
            }
        } else {
            throw new IllegalArgumentException(
                    "A value of " + value.getClass().getName() + " is not an internal value of SQL");
        }
    }

    /** Writes a decimal of at most 18 digits given as its scale and unscaled value. */
    static void writeDecimal(WriteBuffer out, int scale, long unscaled) throws IOException {
        out.ensure(13);
        out.putByte(TAG_DECIMAL_LONG);
        out.putInt(scale);
        out.putLong(unscaled);
    }

    /**
     * Reads the value of a row of a column of {@code type} into {@code into}: a decimal written as a long goes in as
     * its unscaled value (no {@code BigDecimal} made), any other value as {@link #read} gives it. Returns the value
     * read, or {@link #UNSCALED} for one that went in unscaled; a decimal written as a long at another scale than the
     * type's is corrupt.
     */
    static Object readDecimal(ReadBuffer in, DecimalType type, ObjectVector into, int row) throws IOException {
        in.require(1);
        byte tag = in.readByte();
        if (tag != TAG_DECIMAL_LONG) {
            return readTagged(in, tag, 0);
        }
        in.require(12);
        int scale = in.readInt();
        long unscaled = in.readLong();
        // An object column's decimal type has more than 18 digits, so any long fits its precision.
        if (scale != type.scale()) {
            throw in.corrupt(
                    "the decimal " + BigDecimal.valueOf(unscaled, scale) + " is not a value of " + type.simpleString());
        }
        into.setUnscaled(row, unscaled);
        return UNSCALED;
    }

    /** Reads a value, at {@code depth} inside the value of a row, from {@code in}. */
    static Object read(ReadBuffer in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw in.corrupt("a value is nested more than " + MAX_DEPTH + " deep");
        }
        in.require(1);
        return readTagged(in, in.readByte(), depth);
    }

    private static Object readTagged(ReadBuffer in, byte tag, int depth) throws IOException {
        switch (tag) {
            case TAG_NULL:
                return null;
            case TAG_BOOLEAN: {
                in.require(1);
                byte value = in.readByte();
                if (value != 0 && value != 1) {
                    throw in.corrupt("a boolean is " + value);
                }
                return value == 1;
            }
            case TAG_BYTE:
                in.require(1);
                return in.readByte();
            case TAG_SHORT: {
                in.require(2);
                return in.readShort();
            }
            case TAG_INT:
                in.require(4);
                return in.readInt();
            case TAG_LONG:
                in.require(8);
                return in.readLong();
            case TAG_FLOAT:
                in.require(4);
                return Float.intBitsToFloat(in.readInt());
            case TAG_DOUBLE:
                in.require(8);
                return Double.longBitsToDouble(in.readLong());
            case TAG_STRING:
                return new String(in.readByteArray(in.readLength("a string")), UTF_8);
            case TAG_BINARY:
                return in.readByteArray(in.readLength("a binary value"));
            case TAG_DECIMAL: {
                in.require(8);
                int scale = in.readInt();
                int length = in.readInt();
                if (length < 1 || length > MAX_DECIMAL_BYTES) {
                    throw in.corrupt("a decimal has " + length + " bytes");
                }
                return new BigDecimal(new BigInteger(in.readByteArray(length)), scale);
            }
            case TAG_DECIMAL_LONG: {
                in.require(12);
                int scale = in.readInt();
                return BigDecimal.valueOf(in.readLong(), scale);
            }
            case TAG_LIST: {
                int size = in.readLength("a list");
                List<Object> list = new ArrayList<>(Math.min(size, 16));
                for (int i = 0; i < size; i++) {
                    list.add(read(in, depth + 1));
                }
                return list;
            }
            case TAG_MAP: {
                int size = in.readLength("a map");
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < size; i++) {
                    Object key = read(in, depth + 1);
                    map.put(key, read(in, depth + 1));
                }
                if (map.size() != size) {
                    throw in.corrupt("a map of " + size + " entries repeats a key");
                }
                return map;
            }
            case TAG_STRUCT: {
                int size = in.readLength("a struct");
                Object[] fields = new Object[Math.min(size, 1024)];
                for (int i = 0; i < size; i++) {
                    if (i == fields.length) {
                        fields = Arrays.copyOf(fields, (int) Math.min(size, 2L * fields.length));
                    }
                    fields[i] = read(in, depth + 1);
                }
                return fields;
            }
            default:
                throw in.corrupt("unknown value tag " + tag);
        }
    }
}
