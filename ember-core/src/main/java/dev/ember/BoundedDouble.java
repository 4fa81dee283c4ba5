package dev.ember;

import java.io.Serializable;
import java.util.Locale;

/**
 * An estimate with its confidence interval, as approximate actions ({@code countApprox}) return it.
 *
 * @param mean the estimate
 * @param confidence the probability that the true value is in {@code [low, high]}; 1 for an exact value
 * @param low the lower end of the interval
 * @param high the upper end of the interval (may be infinite)
 */
public record BoundedDouble(double mean, double confidence, double low, double high) implements Serializable {
    /** An exact value: confidence 1, an interval of that value alone. */
    public static BoundedDouble exact(double value) {
        return new BoundedDouble(value, 1.0, value, value);
    }

    /** As Spark prints it: the interval, {@code [low, high]}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", low, high);
    }
}
