package dev.ember.sql.types;

import dev.ember.EmberException;
import dev.ember.ErrorClass;

/**
 * An exact decimal number of at most {@code precision} digits, {@code scale} of them after the point. Arithmetic on
 * decimals follows Spark's result precision rules ({@link #bounded}): the result type of {@code a + b}, {@code a * b},
 * {@code a / b} is computed from the operand types and capped at {@link #MAX_PRECISION} digits, giving up scale (but
 * keeping at least {@link #MINIMUM_ADJUSTED_SCALE} digits) before integral digits.
 */
public record DecimalType(int precision, int scale) implements DataType {
    private static final long serialVersionUID = 1L;

    /** The most digits a decimal holds. */
    public static final int MAX_PRECISION = 38;

    /** The fewest fractional digits an arithmetic result keeps when its precision had to be cut. */
    public static final int MINIMUM_ADJUSTED_SCALE = 6;

    /** The most digits a decimal held as a {@code long} of unscaled value has. */
    public static final int MAX_LONG_DIGITS = 18;

    /** {@code decimal(10,0)}, the type of {@code DECIMAL} written without precision. */
    public static final DecimalType USER_DEFAULT = new DecimalType(10, 0);

    /** {@code decimal(38,18)}, the type a double or an unbounded decimal becomes. */
    public static final DecimalType SYSTEM_DEFAULT = new DecimalType(38, 18);

    public DecimalType {
        if (precision < 1 || precision > MAX_PRECISION) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "Decimal precision " + precision + " is out of range: it must be 1 to " + MAX_PRECISION);
        }
        if (scale < 0 || scale > precision) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "Decimal scale " + scale + " is out of range: it must be 0 to the precision " + precision);
        }
    }

    /**
     * The result type of an arithmetic operation that ideally needs {@code precision} digits, {@code scale} of them
     * fractional: itself if it fits in {@link #MAX_PRECISION}, otherwise the integral digits are kept and the scale cut
     * to what is left, but not below {@code min(scale, MINIMUM_ADJUSTED_SCALE)}.
     */
    public static DecimalType bounded(int precision, int scale) {
        if (precision <= MAX_PRECISION) {
            return new DecimalType(Math.max(precision, 1), scale);
        }
        int integralDigits = precision - scale;
        int minimumScale = Math.min(scale, MINIMUM_ADJUSTED_SCALE);
        int adjustedScale = Math.max(MAX_PRECISION - integralDigits, minimumScale);
        return new DecimalType(MAX_PRECISION, adjustedScale);
    }

    /** The decimal type that holds every value of an integral type: tinyint 3, smallint 5, int 10, bigint 20 digits. */
    public static DecimalType forIntegral(DataType type) {
        if (type instanceof ByteType) {
            return new DecimalType(3, 0);
        }
        if (type instanceof ShortType) {
            return new DecimalType(5, 0);
        }
        if (type instanceof IntegerType) {
            return new DecimalType(10, 0);
        }
        if (type instanceof LongType) {
            return new DecimalType(20, 0);
        }
        throw new IllegalArgumentException("Not an integral type: " + type);
    }

    /** Whether values fit in a {@code long} of unscaled value (precision up to {@link #MAX_LONG_DIGITS}). */
    public boolean fitsInLong() {
        return precision <= MAX_LONG_DIGITS;
    }

    @Override
    public String sql() {
        return "DECIMAL(" + precision + "," + scale + ")";
    }

    @Override
    public String simpleString() {
        return "decimal(" + precision + "," + scale + ")";
    }

    @Override
    public int defaultSize() {
        return fitsInLong() ? 8 : 16;
    }

    @Override
    public String toString() {
        return "DecimalType(" + precision + "," + scale + ")";
    }
}
