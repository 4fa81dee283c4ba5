package dev.ember.rdd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Finding an element's histogram bucket, by binary search and by arithmetic, at the edges. */
class NumericActionsTest {
    @Test
    void bucketsAtTheirEdges() {
        double[] buckets = {0, 0.1, 0.2, 0.3};
        for (boolean arithmetic : new boolean[] {false, true}) {
            assertThat(NumericActions.bucketOf(0, buckets, arithmetic)).isZero();
            assertThat(NumericActions.bucketOf(-0.0, buckets, arithmetic)).isZero();
            assertThat(NumericActions.bucketOf(0.1, buckets, arithmetic)).isEqualTo(1);
            assertThat(NumericActions.bucketOf(Math.nextDown(0.1), buckets, arithmetic))
                    .isZero();
            assertThat(NumericActions.bucketOf(0.2, buckets, arithmetic)).isEqualTo(2);
            assertThat(NumericActions.bucketOf(0.3, buckets, arithmetic))
                    .as("last edge")
                    .isEqualTo(2);
            assertThat(NumericActions.bucketOf(Math.nextUp(0.3), buckets, arithmetic))
                    .isEqualTo(-1);
            assertThat(NumericActions.bucketOf(Math.nextDown(0.0), buckets, arithmetic))
                    .isEqualTo(-1);
            assertThat(NumericActions.bucketOf(Double.NaN, buckets, arithmetic)).isEqualTo(-1);
        }
        double[] aroundZero = {-1, -0.0, 1};
        assertThat(NumericActions.bucketOf(0.0, aroundZero, false)).isEqualTo(1);
        assertThat(NumericActions.bucketOf(-0.0, aroundZero, false)).isEqualTo(1);
        assertThat(NumericActions.bucketOf(-Double.MIN_VALUE, aroundZero, false))
                .isZero();
    }

    @Test
    void arithmeticAndBinarySearchAgree() {
        double[] buckets = new double[11];
        for (int i = 0; i <= 10; i++) {
            buckets[i] = -3 + i * 0.7;
        }
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 100_000; i++) {
            double value = -4 + 10 * random.nextDouble();
            if (i % 10 == 0) {
                value = buckets[random.nextInt(buckets.length)];
            }
            assertThat(NumericActions.bucketOf(value, buckets, true))
                    .as("%s", value)
                    .isEqualTo(NumericActions.bucketOf(value, buckets, false));
        }
    }
}
