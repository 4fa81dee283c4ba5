package dev.ember.rdd;

import dev.ember.util.XorShiftRandom;
import java.io.Serializable;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Picks a random subset of a partition's elements. A fresh copy is seeded for each partition. */
abstract class RandomSampler implements Serializable {
    private static final long serialVersionUID = 1L;

    protected transient XorShiftRandom random;

    void setSeed(long seed) {
        random = new XorShiftRandom(seed);
    }

    /** How many times to emit the next element (0 to drop it). */
    abstract int sampleCount();

    <T> Iterator<T> sample(Iterator<T> values) {
        return new Iterator<>() {
            private T current;
            private int remaining;

            @Override
            public boolean hasNext() {
                while (remaining == 0 && values.hasNext()) {
                    current = values.next();
                    remaining = sampleCount();
                }
                return remaining > 0;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                remaining--;
                return current;
            }
        };
    }

    /** Keeps each element when a uniform draw falls in {@code [lower, upper)}: fraction = upper - lower. */
    static final class Bernoulli extends RandomSampler {
        private static final long serialVersionUID = 1L;

        private final double lower;
        private final double upper;

        Bernoulli(double lower, double upper) {
            this.lower = lower;
            this.upper = upper;
        }

        @Override
        int sampleCount() {
            double draw = random.nextDouble();
            return draw >= lower && draw < upper ? 1 : 0;
        }
    }

    /** Emits each element a Poisson-distributed number of times with mean {@code fraction}: sampling with replacement. */
    static final class Poisson extends RandomSampler {
        private static final long serialVersionUID = 1L;

        private final double mean;

        Poisson(double mean) {
            this.mean = mean;
        }

        @Override
        int sampleCount() {
            return draw(random, mean);
        }

        /** A Poisson-distributed count with mean {@code mean}, drawn from {@code random}. */
        static int draw(java.util.Random random, double mean) {
            if (mean <= 0) {
                return 0;
            }
            if (mean < 30) {
                // Knuth: multiply uniforms until the product drops below e^-mean.
                double limit = Math.exp(-mean);
                int count = 0;
                double product = random.nextDouble();
                while (product > limit) {
                    count++;
                    product *= random.nextDouble();
                }
                return count;
            }
            // Large means: the normal approximation is within a fraction of a percent.
            long value = Math.round(mean + Math.sqrt(mean) * random.nextGaussian());
            return (int) Math.max(0, Math.min(Integer.MAX_VALUE, value));
        }
    }
}
