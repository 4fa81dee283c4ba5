package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.util.XorShiftRandom;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Sampling by key ({@code sampleByKey}, {@code sampleByKeyExact}): each key has its own fraction.
 *
 * <p>{@code sampleByKey} decides element by element, as {@code sample} does: kept with the key's fraction as
 * probability (without replacement), or repeated a Poisson-distributed number of times with the fraction as mean
 * (with replacement), so a key's sample size is only about {@code fraction * count}.
 *
 * <p>{@code sampleByKeyExact} first counts each key's elements in each partition (one job, when it is called),
 * fixes each key's sample size at {@code ceil(fraction * count)}, and splits it among the partitions on the driver
 * the way a uniform sample of that size would fall: without replacement by a hypergeometric draw per partition, with
 * replacement by a binomial one. Each partition then takes exactly its share in one streaming pass (see
 * {@link ExactStratifiedSampleRDD}), so every subset of that size (every multiset, with replacement) is equally
 * likely.
 */
public final class StratifiedSampling {
    private StratifiedSampling() {}

    /** Elements kept by their key's fraction, decided one by one. */
    public static <K, V> PairRDD<K, V> sampleByKey(
            PairRDD<K, V> rdd, boolean withReplacement, Map<K, Double> fractions, long seed) {
        HashMap<K, Double> checked = checkFractions(withReplacement, fractions, "sampleByKey");
        return PairRDD.of(new MapPartitionsRDD<Pair<K, V>, Pair<K, V>>(
                rdd,
                (task, index, values) -> new Iterator<>() {
                    private final Random random = new XorShiftRandom(partitionSeed(seed, index));
                    private Pair<K, V> current;
                    private int remaining;

                    @Override
                    public boolean hasNext() {
                        while (remaining == 0 && values.hasNext()) {
                            current = values.next();
                            double fraction = fractionOf(checked, current.key(), "sampleByKey");
                            remaining = withReplacement
                                    ? RandomSampler.Poisson.draw(random, fraction)
                                    : random.nextDouble() < fraction ? 1 : 0;
                        }
                        return remaining > 0;
                    }

                    @Override
                    public Pair<K, V> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        remaining--;
                        return current;
                    }
                },
                true));
    }

    /** Exactly {@code ceil(fraction * count)} elements of each key, after a job counting the keys. */
    public static <K, V> PairRDD<K, V> sampleByKeyExact(
            PairRDD<K, V> rdd, boolean withReplacement, Map<K, Double> fractions, long seed) {
        HashMap<K, Double> checked = checkFractions(withReplacement, fractions, "sampleByKeyExact");
        List<HashMap<K, Long>> counts = rdd.context().runJob(rdd, (task, values) -> {
            HashMap<K, Long> perKey = new HashMap<>();
            while (values.hasNext()) {
                perKey.merge(values.next().key(), 1L, Long::sum);
            }
            return perKey;
        });
        HashMap<K, Long> totals = new HashMap<>();
        for (HashMap<K, Long> partition : counts) {
            partition.forEach((key, count) -> totals.merge(key, count, Long::sum));
        }
        List<HashMap<K, long[]>> plans = new java.util.ArrayList<>(counts.size());
        for (int i = 0; i < counts.size(); i++) {
            plans.add(new HashMap<>());
        }
        for (Map.Entry<K, Long> total : totals.entrySet()) {
            K key = total.getKey();
            // A generator per key, from the seed and the key's stable hash: the plan does not depend on the order of
            // the map, which for keys hashed by identity (enums) changes from run to run.
            Random random = new XorShiftRandom(StableHash.hashLong(StableHash.hash(key), seed));
            long wanted = sampleSize(fractionOf(checked, key, "sampleByKeyExact"), total.getValue());
            long population = total.getValue();
            for (int partition = 0; partition < counts.size(); partition++) {
                Long here = counts.get(partition).get(key);
                if (here == null) {
                    continue;
                }
                long share = withReplacement
                        ? binomial(random, wanted, (double) here / population)
                        : hypergeometric(random, population, wanted, here);
                plans.get(partition).put(key, new long[] {here, share});
                population -= here;
                wanted -= share;
            }
        }
        return PairRDD.of(new ExactStratifiedSampleRDD<>(rdd, plans, withReplacement, seed));
    }

    /**
     * {@code ceil(fraction * count)}, with the fraction taken as the decimal it prints as: 0.07 of 100 is 7, where
     * the binary product {@code 0.07 * 100} is a little above 7 and would round up to 8.
     */
    static long sampleSize(double fraction, long count) {
        return BigDecimal.valueOf(fraction)
                .multiply(BigDecimal.valueOf(count))
                .setScale(0, RoundingMode.CEILING)
                .longValueExact();
    }

    /** A copy of {@code fractions} after checking each fraction is valid for the kind of sampling. */
    static <K> HashMap<K, Double> checkFractions(boolean withReplacement, Map<K, Double> fractions, String operation) {
        if (fractions == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, operation + ": fractions is null");
        }
        for (Map.Entry<K, Double> entry : fractions.entrySet()) {
            Double fraction = entry.getValue();
            if (fraction == null
                    || Double.isNaN(fraction)
                    || Double.isInfinite(fraction)
                    || fraction < 0
                    || (!withReplacement && fraction > 1)) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        operation + ": the fraction of key '" + entry.getKey() + "' is " + fraction
                                + (withReplacement
                                        ? "; with replacement it must be a finite number >= 0"
                                        : "; without replacement it must be in [0, 1]"));
            }
        }
        return new HashMap<>(fractions);
    }

    /** The fraction of {@code key}; a key without one fails, naming it. */
    static <K> double fractionOf(Map<K, Double> fractions, K key, String operation) {
        Double fraction = fractions.get(key);
        if (fraction == null) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    operation + ": fractions has no entry for key '" + key + "' (of " + fractions.size()
                            + " keys given): every key of the RDD needs a sampling fraction");
        }
        return fraction;
    }

    /** The seed of partition {@code index}'s generator: a pseudo-random base per seed, one step per partition. */
    static long partitionSeed(long seed, int index) {
        return new XorShiftRandom(seed).nextLong() + index;
    }

    /**
     * How many of {@code draws} draws, without replacement, from {@code population} items of which
     * {@code successes} are marked, are marked. Simulated draw by draw, after using the symmetries of the
     * distribution so that at most half the population, and no more than the smaller of the draws and the marked
     * items, is simulated.
     */
    static long hypergeometric(Random random, long population, long successes, long draws) {
        if (draws > population / 2) {
            // The marked items among the ones not drawn.
            return successes - hypergeometric(random, population, successes, population - draws);
        }
        if (successes > population / 2) {
            // The unmarked items among those drawn.
            return draws - hypergeometric(random, population, population - successes, draws);
        }
        // Drawing and marking are interchangeable: simulate the smaller of the two.
        long simulated = Math.min(draws, successes);
        long marked = Math.max(draws, successes);
        long found = 0;
        for (long i = 0; i < simulated; i++) {
            if (random.nextDouble() * (population - i) < marked - found) {
                found++;
            }
        }
        return found;
    }

    /**
     * How many of {@code trials} independent trials succeed with probability {@code probability}: the gaps between
     * successes are geometric, so this costs one draw per success (plus one), not one per trial.
     */
    static long binomial(Random random, long trials, double probability) {
        if (trials <= 0 || probability <= 0) {
            return 0;
        }
        if (probability >= 1) {
            return trials;
        }
        double logFailure = Math.log1p(-probability);
        long successes = 0;
        long position = 0;
        while (true) {
            // 1 - nextDouble() is in (0, 1], so the logarithm is finite and the gap is >= 0.
            double gap = Math.floor(Math.log(1 - random.nextDouble()) / logFailure);
            if (gap >= trials - position) {
                return successes;
            }
            position += (long) gap + 1;
            successes++;
        }
    }
}
