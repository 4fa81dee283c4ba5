package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimal values made to fit a decimal type. */
public final class Decimals {
    private Decimals() {}

    /**
     * {@code value} at the type's scale (rounded half up), or an {@link ErrorClass#ARITHMETIC_OVERFLOW} naming {@code
     * where} if it then has more digits than the type's precision.
     */
    public static BigDecimal fit(BigDecimal value, DecimalType type, String where) {
        return fit(value, type, () -> where);
    }

    /** As {@link #fit(BigDecimal, DecimalType, String)}, asking for {@code where} only when the value does not fit. */
    public static BigDecimal fit(BigDecimal value, DecimalType type, java.util.function.Supplier<String> where) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
            throw new EmberException(
                    ErrorClass.ARITHMETIC_OVERFLOW,
                    "The value " + value.toPlainString() + " of " + where.get() + " does not fit " + type.sql()
                            + "; cast to a wider decimal, or use try_cast to get null");
        }
        return scaled;
    }

    /** {@code value} at the type's scale, or null if it does not fit. */
    public static BigDecimal fitOrNull(BigDecimal value, DecimalType type) {
        BigDecimal scaled = value.setScale(type.scale(), RoundingMode.HALF_UP);
        return scaled.precision() - scaled.scale() > type.precision() - type.scale() ? null : scaled;
    }
}
