package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.shuffle.ShuffleHandle;
import dev.ember.shuffle.ShuffleManager;

/**
 * A dependency on the output of a shuffle: every child partition reads a piece of every parent partition, so the
 * parent RDD is computed in a separate stage whose tasks each write one map output, cut into
 * {@link #numPartitions()} reduce partitions. Two kinds exist:
 *
 * <ul>
 *   <li>{@link PairShuffleDependency}: key-value records, partitioned by key, serialized, optionally combined and
 *       sorted by the engine (the RDD API's shuffles);
 *   <li>{@link BlockShuffleDependency}: bytes of the user's own making, written partition by partition by a
 *       {@link dev.ember.shuffle.api.BlockShuffleWriter} and read back as one stream per map output block (column
 *       batches, for example).
 * </ul>
 *
 * Both are written to the same map output files, so fetching, fetch failures, cleanup and decommissioning treat them
 * alike.
 *
 * <p>The parent RDD reference lives only on the driver; executors get the parent through the task that writes
 * the shuffle, so the lineage shipped to reduce tasks stops here.
 *
 * @param <T> the parent RDD's element type
 */
public abstract sealed class ShuffleDependency<T> extends Dependency<T>
        permits PairShuffleDependency, BlockShuffleDependency {
    private static final long serialVersionUID = 1L;

    private final transient RDD<T> rdd;
    private final int numPartitions;
    private final int shuffleId;
    private final int numMapPartitions;

    ShuffleDependency(RDD<T> rdd, int numPartitions) {
        this.rdd = requireNonNull(rdd, "rdd is null");
        if (numPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A shuffle needs at least one reduce partition, not " + numPartitions);
        }
        this.numPartitions = numPartitions;
        this.shuffleId = rdd.context().newShuffleId();
        this.numMapPartitions = rdd.getNumPartitions();
    }

    /** The driver's shuffle manager, with which a subclass constructor registers the shuffle. */
    final ShuffleManager shuffleManager() {
        return rdd.context().env().shuffleManager();
    }

    /** Registers the shuffle for cleanup once unreachable: the last thing a subclass constructor does. */
    final void registerForCleanup() {
        rdd.context().components().cleaner().registerShuffle(this);
    }

    /** The parent RDD; only available on the driver. */
    @Override
    public RDD<T> rdd() {
        if (rdd == null) {
            throw new EmberException(
                    ErrorClass.INVALID_RDD_USAGE,
                    "The parent of shuffle " + shuffleId + " is only known on the driver");
        }
        return rdd;
    }

    /** How many reduce partitions each map output is cut into. */
    public int numPartitions() {
        return numPartitions;
    }

    public int shuffleId() {
        return shuffleId;
    }

    /** How many map partitions (partitions of the parent RDD) write this shuffle. */
    public int numMapPartitions() {
        return numMapPartitions;
    }

    /** The shuffle as the shuffle layer sees it: what its writers and readers are given. */
    public abstract ShuffleHandle handle();
}
