package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.Partition;
import dev.ember.Partitioner;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.util.XorShiftRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Random;

/**
 * Takes from each partition exactly the number of elements of each key that {@link StratifiedSampling} planned for
 * it, in one pass. Each partition carries its own plan (key to elements there and elements to take), so a task
 * receives only its part.
 *
 * <p>Without replacement, an element is taken with probability (still to take) / (still to see) for its key
 * (selection sampling): exactly the planned number, each subset equally likely. With replacement, an element is
 * repeated a binomial number of times: of the draws still to make, each lands on it with probability 1 / (still to
 * see), the last element taking all that remain.
 *
 * <p>The parent must give the same elements in the same order as when they were counted; a partition whose counts
 * differ fails, saying so.
 */
final class ExactStratifiedSampleRDD<K, V> extends RDD<Pair<K, V>> {
    private static final long serialVersionUID = 1L;

    private final transient List<HashMap<K, long[]>> plans;
    private final boolean withReplacement;
    private final long seed;

    /** @param plan per key: {elements of the key in the partition, elements to take} */
    private record PlannedPartition<K>(int index, Partition parent, HashMap<K, long[]> plan) implements Partition {}

    ExactStratifiedSampleRDD(
            RDD<Pair<K, V>> parent, List<HashMap<K, long[]>> plans, boolean withReplacement, long seed) {
        super(parent);
        this.plans = plans;
        this.withReplacement = withReplacement;
        this.seed = seed;
    }

    @Override
    protected List<Partition> getPartitions() {
        if (plans == null) {
            // The plans travel inside the partitions, which the driver makes before the RDD is shipped.
            throw new IllegalStateException("The partitions of a sampleByKeyExact are made on the driver only");
        }
        List<Partition> parents = firstParent().partitions();
        List<Partition> partitions = new ArrayList<>(parents.size());
        for (int i = 0; i < parents.size(); i++) {
            partitions.add(new PlannedPartition<>(i, parents.get(i), plans.get(i)));
        }
        return partitions;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<Pair<K, V>> compute(Partition split, TaskContext context) {
        PlannedPartition<K> partition = (PlannedPartition<K>) split;
        Iterator<Pair<K, V>> values = ((RDD<Pair<K, V>>) firstParent()).iterator(partition.parent(), context);
        // What is left to see and to take, per key: a copy, since a partition object may be reused by a retry.
        HashMap<K, long[]> left = new HashMap<>();
        partition.plan().forEach((key, plan) -> left.put(key, plan.clone()));
        Random random = new XorShiftRandom(StratifiedSampling.partitionSeed(seed, partition.index()));
        return new Iterator<>() {
            private Pair<K, V> current;
            private long copies;

            @Override
            public boolean hasNext() {
                while (copies == 0) {
                    if (!values.hasNext()) {
                        checkAllSeen(left, partition.index());
                        return false;
                    }
                    current = values.next();
                    long[] state = left.get(current.key());
                    if (state == null || state[0] <= 0) {
                        throw changedInput(partition.index(), current.key());
                    }
                    copies = take(state, random);
                }
                return true;
            }

            @Override
            public Pair<K, V> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                copies--;
                return current;
            }
        };
    }

    /** How many times to emit the next element of a key with {@code state} {still to see, still to take}. */
    private long take(long[] state, Random random) {
        long toSee = state[0];
        long toTake = state[1];
        long taken;
        if (withReplacement) {
            taken = toSee == 1 ? toTake : StratifiedSampling.binomial(random, toTake, 1.0 / toSee);
        } else {
            taken = toTake > 0 && random.nextDouble() * toSee < toTake ? 1 : 0;
        }
        state[0] = toSee - 1;
        state[1] = toTake - taken;
        return taken;
    }

    private static <K> void checkAllSeen(Map<K, long[]> left, int partition) {
        for (Map.Entry<K, long[]> entry : left.entrySet()) {
            if (entry.getValue()[0] != 0) {
                throw changedInput(partition, entry.getKey());
            }
        }
    }

    private static EmberException changedInput(int partition, Object key) {
        return new EmberException(
                ErrorClass.INVALID_RDD_USAGE,
                "sampleByKeyExact: partition " + partition + " now has a different number of elements with key '"
                        + key + "' than when the keys were counted: its input is not deterministic. Persist the RDD"
                        + " (or checkpoint it) before sampling it exactly.");
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return firstParent().partitioner();
    }
}
