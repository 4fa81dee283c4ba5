package dev.ember.util;

/**
 * The boxes that primitive collections and caches hold as longs: a {@code Long} as itself, an {@code Integer}
 * widened, a {@code Double} as its raw bits, so that decoding gives back a box equal to the one encoded, bit for bit.
 */
public enum BoxedPrimitive {
    LONG(Long.class),
    INT(Integer.class),
    DOUBLE(Double.class);

    private final Class<?> boxClass;

    BoxedPrimitive(Class<?> boxClass) {
        this.boxClass = boxClass;
    }

    /** The kind of {@code value}'s class exactly, or null for a null or any other class. */
    public static BoxedPrimitive of(Object value) {
        if (value == null) {
            return null;
        }
        Class<?> type = value.getClass();
        return type == Long.class ? LONG : type == Integer.class ? INT : type == Double.class ? DOUBLE : null;
    }

    /** Whether {@code value} is a box of exactly this kind. */
    public boolean isBoxOf(Object value) {
        return value != null && value.getClass() == boxClass;
    }

    /** A box of this kind as a long. */
    public long encode(Object value) {
        if (this == LONG) {
            return (Long) value;
        }
        if (this == INT) {
            return (Integer) value;
        }
        return Double.doubleToRawLongBits((Double) value);
    }

    /** The hash code of the box that {@code bits} encodes, without boxing it. */
    public int hashCode(long bits) {
        if (this == LONG) {
            return Long.hashCode(bits);
        }
        if (this == INT) {
            return (int) bits;
        }
        return Double.hashCode(Double.longBitsToDouble(bits));
    }

    /** The box of an encoded value; statements, not a switch expression, which would promote every arm to double. */
    public Object decode(long bits) {
        if (this == LONG) {
            return bits;
        }
        if (this == INT) {
            return (int) bits;
        }
        return Double.longBitsToDouble(bits);
    }
}
