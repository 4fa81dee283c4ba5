package dev.ember;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code countApprox}: a counting job whose partition counts are added as they arrive; when the time is up, the
 * count so far is extrapolated to all partitions.
 *
 * <p>The model: with {@code k} of {@code n} partitions finished ({@code p = k / n}) and {@code c} elements counted,
 * each element is taken to be in a finished partition with probability {@code p}, independently, so the counted
 * elements are binomial and the total is estimated as {@code c / p}, with standard deviation
 * {@code sqrt(c * (1 - p)) / p}. The interval is the estimate plus or minus {@code z} standard deviations, {@code z}
 * the two-sided normal quantile of the confidence, and never below {@code c}, which are certainly there. Before any
 * partition finished nothing is known: estimate 0, confidence 0, interval {@code [0, +Infinity]}. Partitions of very
 * different sizes make the interval optimistic.
 */
final class ApproximateCount {
    private final int partitions;
    private final double confidence;
    /** Guarded by this: partitions finished and elements counted in them. */
    private int finished;

    private long counted;

    private ApproximateCount(int partitions, double confidence) {
        this.partitions = partitions;
        this.confidence = confidence;
    }

    static <T> PartialResult<BoundedDouble> countApprox(RDD<T> rdd, long timeoutMillis, double confidence) {
        if (timeoutMillis < 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "countApprox: the timeout must not be negative, not " + timeoutMillis + " ms");
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "countApprox: the confidence must be in [0, 1], not " + confidence);
        }
        int partitions = rdd.getNumPartitions();
        ApproximateCount evaluator = new ApproximateCount(partitions, confidence);
        JobFuture<BoundedDouble> job = rdd.context()
                .submitJob(
                        rdd,
                        dev.ember.rdd.RddActions::countElements,
                        dev.ember.rdd.RddActions.allPartitions(partitions),
                        (index, count) -> evaluator.merge(count),
                        evaluator::current);
        try {
            return new PartialResult<>(job.get(timeoutMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            synchronized (evaluator) {
                // Every partition may have arrived while the timeout fired: then the count is exact.
                return evaluator.finished == partitions
                        ? new PartialResult<>(evaluator.current())
                        : new PartialResult<>(evaluator.current(), job);
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EmberException ember) {
                throw new EmberException(ember.errorClass(), ember.detail(), ember);
            }
            throw new EmberException(ErrorClass.JOB_ABORTED, "countApprox failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            job.cancel(true);
            Thread.currentThread().interrupt();
            throw new EmberException(
                    ErrorClass.JOB_CANCELLED, "countApprox cancelled: the waiting thread was interrupted", e);
        }
    }

    synchronized void merge(long count) {
        finished++;
        counted += count;
    }

    /** The estimate from the partitions finished so far. */
    synchronized BoundedDouble current() {
        return estimate(finished, partitions, counted, confidence);
    }

    /** The estimate of the total count from {@code counted} elements in {@code finished} of {@code partitions}. */
    static BoundedDouble estimate(int finished, int partitions, long counted, double confidence) {
        if (finished == partitions) {
            return BoundedDouble.exact(counted);
        }
        if (finished == 0) {
            return new BoundedDouble(0, 0, 0, Double.POSITIVE_INFINITY);
        }
        double share = (double) finished / partitions;
        double mean = counted / share;
        // At least one element's worth of spread, so that empty finished partitions do not claim certainty.
        double deviation = Math.sqrt(Math.max(counted, 1) * (1 - share)) / share;
        double z = normalQuantile(0.5 + confidence / 2);
        double low = Math.max(counted, mean - z * deviation);
        double high = mean + z * deviation;
        return new BoundedDouble(mean, confidence, low, Double.isNaN(high) ? Double.POSITIVE_INFINITY : high);
    }

    /**
     * The {@code probability} quantile of the standard normal distribution, for probabilities in [0.5, 1]: found by
     * bisection on {@link #normalCdf}; infinite at 1.
     */
    static double normalQuantile(double probability) {
        if (probability >= 1) {
            return Double.POSITIVE_INFINITY;
        }
        double low = 0;
        double high = 40;
        for (int i = 0; i < 200 && high - low > 1e-12; i++) {
            double middle = (low + high) / 2;
            if (normalCdf(middle) < probability) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }

    /**
     * The standard normal distribution function at {@code x >= 0}, by Marsaglia's series
     * {@code 1/2 + phi(x) * (x + x^3/3 + x^5/(3*5) + ...)}, accurate to about 15 digits below 8; 1 above.
     */
    static double normalCdf(double x) {
        if (x > 8) {
            return 1;
        }
        double term = x;
        double sum = x;
        double squared = x * x;
        for (int i = 3; sum + term != sum; i += 2) {
            term *= squared / i;
            sum += term;
        }
        return 0.5 + sum * Math.exp(-squared / 2) / Math.sqrt(2 * Math.PI);
    }
}
