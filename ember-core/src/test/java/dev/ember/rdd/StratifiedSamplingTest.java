package dev.ember.rdd;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.util.XorShiftRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The arithmetic of exact stratified sampling: sample sizes and the draws that split them among partitions. */
class StratifiedSamplingTest {
    @Test
    void sampleSizesAreCeilingsOfTheDecimalProducts() {
        assertThat(0.07 * 100).as("the binary product is a little above 7").isGreaterThan(7);
        assertThat(StratifiedSampling.sampleSize(0.07, 100)).isEqualTo(7);
        assertThat(StratifiedSampling.sampleSize(0.7, 10)).isEqualTo(7);
        assertThat(StratifiedSampling.sampleSize(0.1, 10)).isEqualTo(1);
        assertThat(StratifiedSampling.sampleSize(0.5, 7)).isEqualTo(4);
        assertThat(StratifiedSampling.sampleSize(0.0, 7)).isZero();
        assertThat(StratifiedSampling.sampleSize(1.0, 7)).isEqualTo(7);
        assertThat(StratifiedSampling.sampleSize(2.5, 3)).isEqualTo(8);
        assertThat(StratifiedSampling.sampleSize(1e-9, 1)).isEqualTo(1);
    }

    @Test
    void hypergeometricDrawsStayInRangeAndAverageRight() {
        Random random = new XorShiftRandom(1);
        // 300 of 1000 items marked, 400 drawn: mean 120, variance 400 * 0.3 * 0.7 * 600 / 999 = 50.45.
        int rounds = 2000;
        double sum = 0;
        for (int i = 0; i < rounds; i++) {
            long drawn = StratifiedSampling.hypergeometric(random, 1000, 300, 400);
            assertThat(drawn).isBetween(0L, 300L);
            sum += drawn;
        }
        double deviationOfMean = Math.sqrt(50.45 / rounds);
        assertThat(sum / rounds).isBetween(120 - 6 * deviationOfMean, 120 + 6 * deviationOfMean);
        // Every symmetric branch: most drawn, most marked, both.
        assertThat(StratifiedSampling.hypergeometric(random, 10, 10, 4)).isEqualTo(4);
        assertThat(StratifiedSampling.hypergeometric(random, 10, 0, 9)).isZero();
        assertThat(StratifiedSampling.hypergeometric(random, 10, 3, 10)).isEqualTo(3);
        assertThat(StratifiedSampling.hypergeometric(random, 10, 7, 0)).isZero();
        for (int i = 0; i < 100; i++) {
            long drawn = StratifiedSampling.hypergeometric(random, 20, 15, 18);
            // At least 13 of the 18 drawn are marked (only 5 are not), at most 15.
            assertThat(drawn).isBetween(13L, 15L);
        }
    }

    @Test
    void binomialDrawsStayInRangeAndAverageRight() {
        Random random = new XorShiftRandom(2);
        int rounds = 2000;
        double sum = 0;
        for (int i = 0; i < rounds; i++) {
            long successes = StratifiedSampling.binomial(random, 500, 0.2);
            assertThat(successes).isBetween(0L, 500L);
            sum += successes;
        }
        double deviationOfMean = Math.sqrt(500 * 0.2 * 0.8 / rounds);
        assertThat(sum / rounds).isBetween(100 - 6 * deviationOfMean, 100 + 6 * deviationOfMean);
        assertThat(StratifiedSampling.binomial(random, 9, 1.0)).isEqualTo(9);
        assertThat(StratifiedSampling.binomial(random, 9, 0.0)).isZero();
        assertThat(StratifiedSampling.binomial(random, 0, 0.5)).isZero();
    }
}
