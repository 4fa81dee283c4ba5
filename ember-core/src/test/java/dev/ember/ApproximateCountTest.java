package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The extrapolation of {@code countApprox}, by hand. */
class ApproximateCountTest {
    @Test
    void normalQuantiles() {
        assertThat(ApproximateCount.normalQuantile(0.5)).isCloseTo(0, within(1e-9));
        assertThat(ApproximateCount.normalQuantile(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(ApproximateCount.normalQuantile(0.95)).isCloseTo(1.644854, within(1e-6));
        assertThat(ApproximateCount.normalQuantile(0.995)).isCloseTo(2.575829, within(1e-6));
        assertThat(ApproximateCount.normalQuantile(1.0)).isInfinite();
        assertThat(ApproximateCount.normalCdf(1)).isCloseTo(0.8413447461, within(1e-9));
    }

    @Test
    void estimatesFromSomePartitions() {
        // 2 of 4 partitions, 300 elements counted: p = 1/2, estimate 600, deviation sqrt(300 * 0.5) / 0.5.
        BoundedDouble half = ApproximateCount.estimate(2, 4, 300, 0.95);
        double deviation = Math.sqrt(150) / 0.5;
        assertThat(half.mean()).isEqualTo(600);
        assertThat(half.confidence()).isEqualTo(0.95);
        assertThat(half.low()).isCloseTo(600 - 1.959964 * deviation, within(1e-4));
        assertThat(half.high()).isCloseTo(600 + 1.959964 * deviation, within(1e-4));

        // Never below what was counted.
        BoundedDouble wide = ApproximateCount.estimate(1, 100, 5, 0.99);
        assertThat(wide.mean()).isEqualTo(500);
        assertThat(wide.low()).isEqualTo(5);

        assertThat(ApproximateCount.estimate(0, 4, 0, 0.95))
                .isEqualTo(new BoundedDouble(0, 0, 0, Double.POSITIVE_INFINITY));
        assertThat(ApproximateCount.estimate(4, 4, 123, 0.95)).isEqualTo(BoundedDouble.exact(123));
        BoundedDouble emptySoFar = ApproximateCount.estimate(1, 2, 0, 0.95);
        assertThat(emptySoFar.mean()).isZero();
        assertThat(emptySoFar.high())
                .as("empty partitions do not prove the rest empty")
                .isGreaterThan(0);
        assertThat(ApproximateCount.estimate(1, 2, 10, 1.0).high()).isInfinite();
    }
}
