package dev.ember.sql.expressions;

import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.StructType;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Ordering and equality of internal values of one type, as SQL defines them: NaN equals NaN and sorts above every
 * other number, {@code -0.0} equals {@code 0.0}, decimals compare by value, binary compares bytes unsigned, arrays and
 * structs compare element by element.
 */
public final class Values {
    private Values() {}

    /** A negative, zero or positive number as {@code a} sorts before, with or after {@code b}; neither is null. */
    @SuppressWarnings("unchecked")
    public static int compare(Object a, Object b, DataType type) {
        if (type instanceof DoubleType) {
            return compareDoubles((Double) a, (Double) b);
        }
        if (type instanceof FloatType) {
            return compareDoubles((Float) a, (Float) b);
        }
        if (type instanceof BinaryType) {
            return Arrays.compareUnsigned((byte[]) a, (byte[]) b);
        }
        if (type instanceof ArrayType array) {
            List<Object> left = (List<Object>) a;
            List<Object> right = (List<Object>) b;
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                int order = compareNullable(left.get(i), right.get(i), array.elementType());
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(left.size(), right.size());
        }
        if (type instanceof StructType struct) {
            Object[] left = (Object[]) a;
            Object[] right = (Object[]) b;
            for (int i = 0; i < left.length; i++) {
                int order = compareNullable(left[i], right[i], struct.field(i).dataType());
                if (order != 0) {
                    return order;
                }
            }
            return 0;
        }
        if (a instanceof String left) {
            return compareStrings(left, (String) b);
        }
        return ((Comparable<Object>) a).compareTo(b);
    }

    /** Strings ordered as their UTF-8 bytes are (code point order), which is how column vectors compare them. */
    public static int compareStrings(String a, String b) {
        int length = Math.min(a.length(), b.length());
        for (int i = 0; i < length; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xSurrogate = Character.isSurrogate(x);
                boolean ySurrogate = Character.isSurrogate(y);
                if (xSurrogate != ySurrogate) {
                    // A surrogate (a code point above U+FFFF) sorts after every char that is not one.
                    return xSurrogate ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /** Nulls first. */
    public static int compareNullable(Object a, Object b, DataType type) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, b, type);
    }

    private static int compareDoubles(double a, double b) {
        if (a == b) {
            return 0; // also -0.0 and 0.0
        }
        return Double.compare(a, b);
    }

    /** SQL equality of two non-null values of one type. */
    public static boolean equal(Object a, Object b, DataType type) {
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y) == 0;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (type instanceof DoubleType || type instanceof FloatType) {
            return compare(a, b, type) == 0;
        }
        if (type instanceof ArrayType || type instanceof StructType) {
            return compare(a, b, type) == 0;
        }
        return a.equals(b);
    }

    /** An order of non-null values of {@code type}. */
    public static Comparator<Object> comparator(DataType type) {
        return (a, b) -> compare(a, b, type);
    }
}
