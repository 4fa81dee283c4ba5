package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.Serializable;
import java.util.Locale;

/**
 * A HyperLogLog sketch for counting distinct values approximately ({@code countApproxDistinct},
 * {@code countApproxDistinctByKey}), in the HyperLogLog++ form: 64-bit hashes ({@link StableHash}, the same in every
 * JVM, so sketches of different executors merge), and an estimate without the bias of the original one at small
 * cardinalities.
 *
 * <p>A value's hash picks one of {@code m = 2^p} registers with its top {@code p} bits; the register keeps the
 * largest rank seen, the rank being the position of the first 1 in the other {@code q = 64 - p} bits ({@code q + 1}
 * if they are all 0). Sketches merge by taking the larger register. The estimate is Ertl's improved raw estimator
 * ("New cardinality estimation algorithms for HyperLogLog sketches", 2017), computed from the histogram of register
 * values: it corrects the small-range bias analytically, with no empirical bias tables and no switch to linear
 * counting, and has a relative standard error of about {@code 1.04 / sqrt(m)} from 0 up to far beyond 2<sup>40</sup>
 * distinct values. Registers are one byte each (no sparse form): a sketch takes {@code 2^p} bytes.
 *
 * <p>Not thread-safe.
 */
final class HyperLogLogPlusPlus implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The smallest relative standard deviation accepted, as in Spark. */
    static final double MIN_RELATIVE_SD = 0.000017;

    /**
     * The largest precision: 2^26 registers, 64 MiB per sketch, reached at a relative standard deviation of
     * 0.0001351. Spark's lower bound would ask for up to 2^32 registers, more than a Java array holds.
     */
    static final int MAX_PRECISION = 26;

    private static final int MIN_PRECISION = 4;

    private final int precision;
    private final byte[] registers;

    HyperLogLogPlusPlus(int precision) {
        if (precision < MIN_PRECISION || precision > MAX_PRECISION) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "HyperLogLog precision must be in [" + MIN_PRECISION + ", " + MAX_PRECISION + "], not "
                            + precision);
        }
        this.precision = precision;
        this.registers = new byte[1 << precision];
    }

    /**
     * The precision giving a relative standard deviation of at most {@code relativeSD}, as Spark computes it:
     * {@code ceil(2 * log2(1.106 / relativeSD))}, at least 4.
     *
     * @throws EmberException {@code INVALID_ARGUMENT} if {@code relativeSD} is below 0.000017 (or NaN), or needs a
     *     precision above {@link #MAX_PRECISION}
     */
    static int precisionFor(double relativeSD, String operation) {
        if (!(relativeSD >= MIN_RELATIVE_SD)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    operation + ": relativeSD must be at least " + MIN_RELATIVE_SD + ", not " + relativeSD);
        }
        int precision = (int) Math.ceil(2 * Math.log(1.106 / relativeSD) / Math.log(2));
        if (precision > MAX_PRECISION) {
            // Rounded up to four digits, so that the value named is accepted.
            double smallest = Math.ceil(1.106 / Math.pow(2, MAX_PRECISION / 2.0) * 1e7) / 1e7;
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    String.format(
                            Locale.ROOT,
                            "%s: relativeSD %s needs 2^%d registers per sketch (%d MiB); Ember allows at most 2^%d,"
                                    + " that is a relativeSD of at least %.7f",
                            operation,
                            relativeSD,
                            precision,
                            (1L << precision) >> 20,
                            MAX_PRECISION,
                            smallest));
        }
        return Math.max(MIN_PRECISION, precision);
    }

    int precision() {
        return precision;
    }

    /** Adds a value, by its {@link StableHash}. */
    void add(Object value) {
        addHash(StableHash.hash(value));
    }

    /** Adds a value by its 64-bit hash. */
    void addHash(long hash) {
        int index = (int) (hash >>> (64 - precision));
        long rest = hash << precision;
        int rank = rest == 0 ? 64 - precision + 1 : Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** Adds the values of {@code other}, which must have the same precision; returns this sketch. */
    HyperLogLogPlusPlus merge(HyperLogLogPlusPlus other) {
        if (other.precision != precision) {
            throw new EmberException(
                    ErrorClass.INTERNAL_ERROR,
                    "Cannot merge HyperLogLog sketches of precision " + precision + " and " + other.precision);
        }
        for (int i = 0; i < registers.length; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
        return this;
    }

    /** The estimated number of distinct values added. */
    long cardinality() {
        int q = 64 - precision;
        double m = registers.length;
        long[] histogram = new long[q + 2];
        for (byte register : registers) {
            histogram[register]++;
        }
        if (histogram[0] == registers.length) {
            return 0;
        }
        double z = m * tau(1 - histogram[q + 1] / m);
        for (int k = q; k >= 1; k--) {
            z = 0.5 * (z + histogram[k]);
        }
        z += m * sigma(histogram[0] / m);
        double alphaInfinity = 1 / (2 * Math.log(2));
        return Math.round(alphaInfinity * m * m / z);
    }

    /** {@code x + sum over k >= 1 of x^(2^k) * 2^(k-1)}: the share of the estimate's denominator of empty registers. */
    static double sigma(double x) {
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        double power = x;
        double weight = 1;
        double sum = x;
        double previous;
        do {
            power *= power;
            previous = sum;
            sum += power * weight;
            weight += weight;
        } while (sum != previous);
        return sum;
    }

    /** {@code (1 - x - sum over k >= 1 of (1 - x^(2^-k))^2 * 2^-k) / 3}: the share of registers at the top rank. */
    static double tau(double x) {
        if (x == 0 || x == 1) {
            return 0;
        }
        double root = x;
        double weight = 1;
        double sum = 1 - x;
        double previous;
        do {
            root = Math.sqrt(root);
            previous = sum;
            weight *= 0.5;
            sum -= (1 - root) * (1 - root) * weight;
        } while (sum != previous);
        return sum / 3;
    }
}
