package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ApproximateActionSuite} in local mode with two task threads, and {@code countApprox} timing out on a job
 * that one task holds back: tasks run in this JVM, so they wait on a latch the test opens.
 */
class LocalModeApproximateActionTest extends ApproximateActionSuite {
    /** The last partition's task waits on this until the test has its partial result. */
    private static volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    protected String master() {
        return "local[2]";
    }

    @AfterEach
    void releaseTasks() {
        release.countDown();
    }

    @Test
    void countApproxTimingOutGivesAnEstimateAndLaterTheExactCount() {
        release = new CountDownLatch(1);
        RDD<Integer> rdd = ctx.parallelize(integers(400), 4)
                .mapPartitionsWithIndex(
                        (index, values) -> {
                            if (index == 3) {
                                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                            }
                            return values;
                        },
                        false);
        PartialResult<BoundedDouble> result = rdd.countApprox(1, 0.9);
        assertThat(result.isInitialValueFinal())
                .as("the last partition is held back")
                .isFalse();
        BoundedDouble initial = result.initialValue();
        // However many of the other three partitions were counted in time, k of 4 partitions of 100 elements
        // extrapolate to 100 * k / (k / 4) = 400; none counted is an estimate of 0 with confidence 0.
        assertThat(initial.mean()).isIn(0.0, 400.0);
        assertThat(initial.confidence()).isEqualTo(initial.mean() == 0 ? 0.0 : 0.9);
        assertThat(initial.low()).isLessThanOrEqualTo(initial.mean());
        assertThat(initial.high()).isGreaterThan(initial.mean());
        assertThat(result).hasToString("(partial: " + initial + ")");

        release.countDown();
        BoundedDouble exact = result.getFinalValue();
        assertThat(exact).isEqualTo(BoundedDouble.exact(400));
        assertThat(result.initialValue())
                .as("the initial value stays what it was")
                .isSameAs(initial);
    }
}
