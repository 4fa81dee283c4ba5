package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link StatCounter} on its own: one-pass updates, merges, and what it reports with no or one value. */
class StatCounterTest {
    @Test
    void oneTwoThreeByHand() {
        StatCounter stats = StatCounter.of(1, 2, 3);
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.sum()).isEqualTo(6.0);
        assertThat(stats.mean()).isEqualTo(2.0);
        assertThat(stats.variance()).isCloseTo(2.0 / 3, within(1e-15));
        assertThat(stats.popVariance()).isEqualTo(stats.variance());
        assertThat(stats.sampleVariance()).isCloseTo(1.0, within(1e-15));
        assertThat(stats.stdev()).isCloseTo(Math.sqrt(2.0 / 3), within(1e-15));
        assertThat(stats.sampleStdev()).isCloseTo(1.0, within(1e-15));
        assertThat(stats.max()).isEqualTo(3.0);
        assertThat(stats.min()).isEqualTo(1.0);
        assertThat(stats).hasToString("(count: 3, mean: 2.000000, stdev: 0.816497, max: 3.000000, min: 1.000000)");
    }

    @Test
    void noValuesAndOneValue() {
        StatCounter empty = new StatCounter();
        assertThat(empty.count()).isZero();
        assertThat(empty.sum()).isZero();
        assertThat(empty.mean()).isNaN();
        assertThat(empty.variance()).isNaN();
        assertThat(empty.sampleVariance()).isNaN();
        assertThat(empty.stdev()).isNaN();
        assertThat(empty.max()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(empty.min()).isEqualTo(Double.POSITIVE_INFINITY);

        StatCounter one = StatCounter.of(-4.5);
        assertThat(one.mean()).isEqualTo(-4.5);
        assertThat(one.variance()).isZero();
        assertThat(one.sampleVariance()).as("undefined for one value").isNaN();
        assertThat(one.max()).isEqualTo(-4.5);
        assertThat(one.min()).isEqualTo(-4.5);
    }

    @Test
    void mergingCountersEqualsCountingEverything() {
        Random random = new Random(17);
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextGaussian() * 30 + 100);
        }
        StatCounter whole = new StatCounter(values);
        StatCounter pieces = new StatCounter();
        for (int from = 0; from < values.size(); from += 137) {
            pieces.merge(new StatCounter(values.subList(from, Math.min(values.size(), from + 137))));
        }
        pieces.merge(new StatCounter());
        new StatCounter().merge(pieces);

        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.size();
        double squares = 0;
        for (double value : values) {
            squares += (value - mean) * (value - mean);
        }
        assertThat(pieces.count()).isEqualTo(whole.count()).isEqualTo(1000);
        assertThat(pieces.mean()).isCloseTo(mean, within(1e-10));
        assertThat(whole.mean()).isCloseTo(mean, within(1e-10));
        assertThat(pieces.variance()).isCloseTo(squares / 1000, within(1e-8));
        assertThat(pieces.sampleVariance()).isCloseTo(squares / 999, within(1e-8));
        assertThat(pieces.max())
                .isEqualTo(values.stream().mapToDouble(x -> x).max().orElseThrow());
        assertThat(pieces.min())
                .isEqualTo(values.stream().mapToDouble(x -> x).min().orElseThrow());
    }

    @Test
    void mergingACounterWithItselfDoublesIt() {
        StatCounter stats = StatCounter.of(1, 5);
        StatCounter copy = stats.copy();
        stats.merge(stats);
        assertThat(stats.count()).isEqualTo(4);
        assertThat(stats.mean()).isEqualTo(3.0);
        assertThat(stats.variance()).as("1, 5, 1, 5").isEqualTo(4.0);
        assertThat(copy.count()).as("the copy is independent").isEqualTo(2);
    }

    @Test
    void largeValuesWithASmallSpreadKeepTheirVariance() {
        // A sum of squares would lose the spread: 1e9^2 leaves no digits for it.
        StatCounter stats = StatCounter.of(1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16);
        assertThat(stats.mean()).isEqualTo(1e9 + 10);
        assertThat(stats.variance()).isCloseTo(22.5, within(1e-6));
        assertThat(stats.sampleVariance()).isCloseTo(30.0, within(1e-6));
    }

    @Test
    void aNanMakesTheStatisticsNan() {
        StatCounter stats = StatCounter.of(1, Double.NaN, 3);
        assertThat(stats.count()).isEqualTo(3);
        assertThat(stats.mean()).isNaN();
        assertThat(stats.variance()).isNaN();
        assertThat(stats.max()).isNaN();
        assertThat(stats.min()).isNaN();
    }
}
