package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.util.XorShiftRandom;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** A random sample of each partition, reproducible for a given seed (partition {@code i} uses a seed derived from it). */
public final class PartitionwiseSampledRDD<T> extends RDD<T> {
    private static final long serialVersionUID = 1L;

    private final RandomSampler sampler;
    private final long seed;

    private record SeededPartition(int index, Partition parent, long seed) implements Partition {}

    public PartitionwiseSampledRDD(RDD<T> parent, boolean withReplacement, double fraction, long seed) {
        this(
                parent,
                withReplacement ? new RandomSampler.Poisson(fraction) : new RandomSampler.Bernoulli(0, fraction),
                seed);
    }

    private PartitionwiseSampledRDD(RDD<T> parent, RandomSampler sampler, long seed) {
        super(parent);
        this.sampler = sampler;
        this.seed = seed;
    }

    /** Rejects fractions that make no sense for the kind of sampling. */
    public static void checkFraction(boolean withReplacement, double fraction) {
        if (Double.isNaN(fraction) || fraction < 0 || (!withReplacement && fraction > 1)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    withReplacement
                            ? "Sampling fraction with replacement must be >= 0, not " + fraction
                            : "Sampling fraction without replacement must be in [0, 1], not " + fraction);
        }
    }

    /**
     * Splits {@code rdd} into disjoint random samples of sizes proportional to {@code weights}: each uses the same
     * seed and draws, and keeps the elements whose draw falls in its slice of [0, 1).
     */
    public static <T> List<RDD<T>> randomSplit(RDD<T> rdd, double[] weights, long seed) {
        double sum = 0;
        for (double weight : weights) {
            if (weight < 0 || Double.isNaN(weight)) {
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Weights must be non-negative, not " + weight);
            }
            sum += weight;
        }
        if (sum <= 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Sum of weights must be positive");
        }
        List<RDD<T>> splits = new ArrayList<>(weights.length);
        double lower = 0;
        for (double weight : weights) {
            double upper = lower + weight / sum;
            splits.add(new PartitionwiseSampledRDD<>(rdd, new RandomSampler.Bernoulli(lower, upper), seed));
            lower = upper;
        }
        return splits;
    }

    @Override
    protected List<Partition> getPartitions() {
        XorShiftRandom random = new XorShiftRandom(seed);
        List<Partition> parents = firstParent().partitions();
        List<Partition> partitions = new ArrayList<>(parents.size());
        for (int i = 0; i < parents.size(); i++) {
            partitions.add(new SeededPartition(i, parents.get(i), random.nextLong()));
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<T> compute(Partition split, TaskContext context) {
        SeededPartition partition = (SeededPartition) split;
        // Each task deserializes its own copy of the sampler, so seeding it here is safe.
        sampler.setSeed(partition.seed());
        return sampler.sample(((RDD<T>) firstParent()).iterator(partition.parent(), context));
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return firstParent().partitioner();
    }
}
