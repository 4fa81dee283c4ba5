package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.function.DoubleFunction;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.PairFlatMapFunction;
import dev.ember.function.PairFunction;
import dev.ember.function.SerializableComparator;
import dev.ember.rdd.CachedPartitions;
import dev.ember.rdd.CartesianRDD;
import dev.ember.rdd.CheckpointState;
import dev.ember.rdd.CoalescedRDD;
import dev.ember.rdd.Functions;
import dev.ember.rdd.Iterators;
import dev.ember.rdd.MapPartitionsRDD;
import dev.ember.rdd.PartitionwiseSampledRDD;
import dev.ember.rdd.PipedRDD;
import dev.ember.rdd.RddActions;
import dev.ember.rdd.UnionRDD;
import dev.ember.rdd.ZippedPartitionsRDD;
import dev.ember.rdd.ZippedWithIndexRDD;
import dev.ember.util.CallSite;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Resilient Distributed Dataset: an immutable, partitioned collection that can be recomputed from its lineage.
 * An RDD is five things (the rest is convenience built on them):
 *
 * <ol>
 *   <li>its partitions ({@link #getPartitions()});
 *   <li>its dependencies on parent RDDs ({@link #getDependencies()}): narrow, or shuffle;
 *   <li>a function computing one partition from the parents ({@link #compute});
 *   <li>optionally, preferred locations for each partition ({@link #getPreferredLocations});
 *   <li>optionally, the {@link Partitioner} that placed its keys ({@link #partitioner()}).
 * </ol>
 *
 * Transformations ({@code map}, {@code filter}, {@code reduceByKey}, ...) build new RDDs lazily; actions
 * ({@code collect}, {@code count}, {@code saveAsTextFile}, ...; see {@link RDDActions}) run jobs. RDDs live on the driver: using one inside
 * another RDD's function is an error. Key-value operations are on {@link PairRDD}.
 *
 * @param <T> element type
 */
public abstract non-sealed class RDD<T> implements RDDActions<T>, Serializable {
    private static final long serialVersionUID = 1L;

    private final transient EmberContext context;
    private final int id;
    private final transient CallSite creationSite;
    private final List<Dependency<?>> constructorDependencies;
    private transient volatile List<Partition> partitions;
    private transient volatile List<Dependency<?>> dependencies;
    private volatile StorageLevel storageLevel = StorageLevel.NONE;
    private volatile String name;
    private final CheckpointState<T> checkpoint = new CheckpointState<>();

    /** An RDD with the given dependencies (or none, for a source). */
    protected RDD(EmberContext context, List<Dependency<?>> dependencies) {
        this.context = requireNonNull(context, "context is null");
        this.id = context.newRddId();
        this.creationSite = CallSite.capture();
        this.constructorDependencies = List.copyOf(dependencies);
    }

    /** An RDD with a one-to-one dependency on {@code parent}. */
    protected RDD(RDD<?> parent) {
        this(parent.context(), List.of(new OneToOneDependency<>(parent)));
    }

    // ---- the five properties ----

    /** Computes the partitions. Called once, on the driver; partition {@code i} must have index {@code i}. */
    protected abstract List<Partition> getPartitions();

    /** The values of one partition, computed from the parents. Runs inside a task. */
    protected abstract Iterator<T> compute(Partition split, TaskContext context);

    /** The dependencies; by default those given to the constructor. */
    protected List<Dependency<?>> getDependencies() {
        return constructorDependencies;
    }

    /** Hosts where {@code split} is cheapest to compute. */
    protected List<String> getPreferredLocations(Partition split) {
        return List.of();
    }

    /** How keys were placed into partitions, if they were. */
    public Optional<Partitioner> partitioner() {
        return Optional.empty();
    }

    // ---- identity ----

    /** A unique id within the context. */
    public final int id() {
        return id;
    }

    /** The context that created this RDD; only on the driver. */
    public final EmberContext context() {
        if (context == null) {
            throw new EmberException(
                    ErrorClass.INVALID_RDD_USAGE,
                    "RDD transformations and actions can only be called by the driver, not inside other"
                            + " transformations: rdd1.map(x -> rdd2.count()) is invalid. Compute rdd2.count() first,"
                            + " or join the two RDDs.");
        }
        return context;
    }

    /** Where in user code the RDD was created. */
    public final CallSite creationSite() {
        return creationSite == null ? new CallSite("<unknown>", "") : creationSite;
    }

    /** The name shown in lineage strings and the UI, or null. */
    public String name() {
        return name;
    }

    /** Names the RDD. */
    public RDD<T> setName(String name) {
        this.name = name;
        return this;
    }

    // ---- the properties as the engine uses them ----

    /** The partitions, computed once. */
    public final List<Partition> partitions() {
        RDD<T> checkpointed = checkpoint.checkpointRdd();
        if (checkpointed != null) {
            return checkpointed.partitions();
        }
        List<Partition> result = partitions;
        if (result == null) {
            synchronized (this) {
                result = partitions;
                if (result == null) {
                    result = List.copyOf(getPartitions());
                    for (int i = 0; i < result.size(); i++) {
                        if (result.get(i).index() != i) {
                            throw new EmberException(
                                    ErrorClass.INTERNAL_ERROR,
                                    this + ": partition " + i + " reports index "
                                            + result.get(i).index());
                        }
                    }
                    partitions = result;
                }
            }
        }
        return result;
    }

    public final int getNumPartitions() {
        return partitions().size();
    }

    /** The dependencies, taking checkpointing into account. */
    public final List<Dependency<?>> dependencies() {
        RDD<T> checkpointed = checkpoint.checkpointRdd();
        if (checkpointed != null) {
            return List.of(new OneToOneDependency<>(checkpointed));
        }
        List<Dependency<?>> result = dependencies;
        if (result == null) {
            result = List.copyOf(getDependencies());
            dependencies = result;
        }
        return result;
    }

    /** Preferred hosts for a partition, taking checkpointing into account. */
    public final List<String> preferredLocations(Partition split) {
        RDD<T> checkpointed = checkpoint.checkpointRdd();
        if (checkpointed != null) {
            return checkpointed.getPreferredLocations(split);
        }
        return getPreferredLocations(split);
    }

    /** The first parent, for RDDs with one narrow dependency. */
    protected final RDD<?> firstParent() {
        return dependencies().get(0).rdd();
    }

    /**
     * The values of a partition inside a task: read from the cache if this RDD is persisted and the block is
     * there, computed (and cached) otherwise.
     */
    public final Iterator<T> iterator(Partition split, TaskContext taskContext) {
        if (storageLevel != StorageLevel.NONE) {
            return getOrCompute(split, taskContext);
        }
        return computeOrReadCheckpoint(split, taskContext);
    }

    private Iterator<T> computeOrReadCheckpoint(Partition split, TaskContext taskContext) {
        RDD<T> checkpointed = checkpoint.checkpointRdd();
        if (checkpointed != null) {
            return checkpointed.iterator(split, taskContext);
        }
        return compute(split, taskContext);
    }

    private Iterator<T> getOrCompute(Partition split, TaskContext taskContext) {
        return CachedPartitions.getOrCompute(
                id, split, storageLevel, taskContext, () -> computeOrReadCheckpoint(split, taskContext));
    }

    // ---- persistence ----

    /** Keeps computed partitions at {@code level} for reuse by later jobs. */
    public RDD<T> persist(StorageLevel level) {
        requireNonNull(level, "level is null");
        if (storageLevel != StorageLevel.NONE && !storageLevel.equals(level) && !checkpoint.isLocal()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Cannot change the storage level of " + this + " from " + storageLevel.description() + " to "
                            + level.description() + ": unpersist it first");
        }
        if (storageLevel == StorageLevel.NONE) {
            context().persistRdd(this);
        }
        storageLevel = level;
        return this;
    }

    /** {@code persist(StorageLevel.MEMORY_ONLY)}. */
    public RDD<T> cache() {
        return persist(StorageLevel.MEMORY_ONLY);
    }

    /** Drops cached partitions and stops caching; waits for the blocks to be removed. */
    public RDD<T> unpersist() {
        return unpersist(true);
    }

    /**
     * Drops cached partitions and stops caching. {@code blocking} is Spark's flag for waiting until executors have
     * removed the blocks; in local mode removal is always done before this returns.
     */
    public RDD<T> unpersist(boolean blocking) {
        context().unpersistRdd(id);
        storageLevel = StorageLevel.NONE;
        return this;
    }

    public StorageLevel getStorageLevel() {
        return storageLevel;
    }

    /** Sets the level without registering the RDD (local checkpointing upgrades it to use disk). */
    final void setStorageLevelInternal(StorageLevel level) {
        if (storageLevel == StorageLevel.NONE) {
            context().persistRdd(this);
        }
        storageLevel = level;
    }

    // ---- checkpointing ----

    /**
     * Marks the RDD for reliable checkpointing: after the next job that computes it, its partitions are written
     * under {@code ctx.setCheckpointDir(...)} and its lineage is replaced by reading those files. Persist it first,
     * or it is computed twice.
     */
    public void checkpoint() {
        if (context().getCheckpointDir().isEmpty()) {
            throw new EmberException(
                    ErrorClass.CHECKPOINT_FAILED,
                    "Checkpoint directory has not been set: call ctx.setCheckpointDir(path) before checkpoint()");
        }
        checkpoint.markReliable();
    }

    /**
     * Marks the RDD for local checkpointing: after the next job that computes it, its lineage is truncated and its
     * partitions live only in executors' caches (memory and disk). Faster than {@link #checkpoint()} but not
     * fault-tolerant: a lost executor loses the data.
     */
    public RDD<T> localCheckpoint() {
        if (checkpoint.isCheckpointed()) {
            return this;
        }
        StorageLevel level = storageLevel;
        if (level == StorageLevel.NONE) {
            setStorageLevelInternal(StorageLevel.MEMORY_AND_DISK);
        } else if (!level.useDisk()) {
            storageLevel = StorageLevel.of(
                    true, level.useMemory(), level.useOffHeap(), level.deserialized(), level.replication());
        }
        checkpoint.markLocal();
        return this;
    }

    /** Whether the RDD's lineage has been replaced by checkpointed data. */
    public boolean isCheckpointed() {
        return checkpoint.isCheckpointed();
    }

    /** Whether the RDD was checkpointed locally (in executors' caches only). */
    public boolean isLocallyCheckpointed() {
        return checkpoint.isCheckpointed() && checkpoint.isLocal();
    }

    /** The directory of the reliable checkpoint, once written. */
    public Optional<String> getCheckpointFile() {
        return checkpoint.file();
    }

    /**
     * Called after a job on this RDD: checkpoints marked RDDs of the lineage. Synchronized so that two jobs
     * finishing at once do not checkpoint the same RDD twice.
     */
    final synchronized void doCheckpoint() {
        if (!checkpoint.enter()) {
            return;
        }
        try {
            if (checkpoint.writeIfMarked(this)) {
                partitions = null;
                dependencies = null;
                clearDependencies();
            } else {
                for (Dependency<?> dependency : dependencies()) {
                    dependency.rdd().doCheckpoint();
                }
            }
        } finally {
            checkpoint.exit();
        }
    }

    /** Drops references to parents once the lineage is truncated; RDDs keeping parents in fields override it. */
    protected void clearDependencies() {}

    // ---- transformations ----

    /** Applies {@code function} to each element. */
    public <R> RDD<R> map(Function<T, R> function) {
        Function<T, R> checked = context().clean(function, "map");
        return new MapPartitionsRDD<R, T>(this, (task, index, values) -> Iterators.map(values, checked), false);
    }

    /** Applies {@code function} to each element and flattens the iterators it returns. */
    public <R> RDD<R> flatMap(FlatMapFunction<T, R> function) {
        FlatMapFunction<T, R> checked = context().clean(function, "flatMap");
        return new MapPartitionsRDD<R, T>(this, (task, index, values) -> Iterators.flatMap(values, checked), false);
    }

    /** The elements for which {@code predicate} returns true. */
    public RDD<T> filter(Function<T, Boolean> predicate) {
        Function<T, Boolean> checked = context().clean(predicate, "filter");
        return new MapPartitionsRDD<T, T>(this, (task, index, values) -> Iterators.filter(values, checked), true);
    }

    /** Applies {@code function} to each partition's iterator. */
    public <R> RDD<R> mapPartitions(FlatMapFunction<Iterator<T>, R> function) {
        return mapPartitions(function, false);
    }

    /**
     * Applies {@code function} to each partition's iterator.
     *
     * @param preservesPartitioning whether the function keeps keys where they are (pair RDDs keep the partitioner)
     */
    public <R> RDD<R> mapPartitions(FlatMapFunction<Iterator<T>, R> function, boolean preservesPartitioning) {
        FlatMapFunction<Iterator<T>, R> checked = context().clean(function, "mapPartitions");
        return new MapPartitionsRDD<R, T>(
                this, (task, index, values) -> Functions.call(checked, values), preservesPartitioning);
    }

    /** Applies {@code function} to each partition's index and iterator. */
    public <R> RDD<R> mapPartitionsWithIndex(
            Function2<Integer, Iterator<T>, Iterator<R>> function, boolean preservesPartitioning) {
        Function2<Integer, Iterator<T>, Iterator<R>> checked = context().clean(function, "mapPartitionsWithIndex");
        return new MapPartitionsRDD<R, T>(
                this, (task, index, values) -> Functions.call(checked, index, values), preservesPartitioning);
    }

    /** Turns each element into a number: a {@link DoubleRDD}, with {@code sum}, {@code stats}, {@code histogram}. */
    public DoubleRDD mapToDouble(DoubleFunction<T> function) {
        DoubleFunction<T> checked = context().clean(function, "mapToDouble");
        return DoubleRDD.of(map(checked::call));
    }

    /** Turns each element into a key-value pair. */
    public <K, V> PairRDD<K, V> mapToPair(PairFunction<T, K, V> function) {
        PairFunction<T, K, V> checked = context().clean(function, "mapToPair");
        return PairRDD.of(new MapPartitionsRDD<Pair<K, V>, T>(
                this, (task, index, values) -> Iterators.map(values, checked::call), false));
    }

    /** Turns each element into any number of key-value pairs. */
    public <K, V> PairRDD<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> function) {
        PairFlatMapFunction<T, K, V> checked = context().clean(function, "flatMapToPair");
        FlatMapFunction<T, Pair<K, V>> flattening = value -> Functions.call(checked, value);
        return PairRDD.of(new MapPartitionsRDD<Pair<K, V>, T>(
                this, (task, index, values) -> Iterators.flatMap(values, flattening), false));
    }

    /** Turns each partition's iterator into key-value pairs. */
    public <K, V> PairRDD<K, V> mapPartitionsToPair(PairFlatMapFunction<Iterator<T>, K, V> function) {
        PairFlatMapFunction<Iterator<T>, K, V> checked = context().clean(function, "mapPartitionsToPair");
        return PairRDD.of(new MapPartitionsRDD<Pair<K, V>, T>(
                this, (task, index, values) -> Functions.call(checked, values), false));
    }

    /** Pairs each element with the key {@code function} gives it. */
    public <K> PairRDD<K, T> keyBy(Function<T, K> function) {
        Function<T, K> checked = context().clean(function, "keyBy");
        return mapToPair(value -> Pair.of(checked.call(value), value));
    }

    /** Groups elements by the key {@code function} gives them. */
    public <K> PairRDD<K, Iterable<T>> groupBy(Function<T, K> function) {
        return keyBy(function).groupByKey();
    }

    /** Groups elements by the key {@code function} gives them, into {@code numPartitions} partitions. */
    public <K> PairRDD<K, Iterable<T>> groupBy(Function<T, K> function, int numPartitions) {
        return keyBy(function).groupByKey(numPartitions);
    }

    /** The elements of this RDD and then those of {@code other} (duplicates kept). */
    public RDD<T> union(RDD<T> other) {
        return UnionRDD.of(context(), List.of(this, other));
    }

    /** The distinct elements. */
    public RDD<T> distinct() {
        return distinct(Math.max(1, getNumPartitions()));
    }

    /** The distinct elements, in {@code numPartitions} partitions. */
    public RDD<T> distinct(int numPartitions) {
        return mapToPair(value -> Pair.of(value, (Object) null))
                .reduceByKey((first, second) -> first, numPartitions)
                .keys();
    }

    /** A random sample of about {@code fraction} of the elements. */
    public RDD<T> sample(boolean withReplacement, double fraction) {
        return sample(withReplacement, fraction, new java.util.Random().nextLong());
    }

    /**
     * A random sample.
     *
     * @param withReplacement whether an element may be picked more than once
     * @param fraction without replacement the probability of keeping each element, in [0, 1]; with replacement the
     *     expected number of times each element is picked, >= 0
     */
    public RDD<T> sample(boolean withReplacement, double fraction, long seed) {
        PartitionwiseSampledRDD.checkFraction(withReplacement, fraction);
        return new PartitionwiseSampledRDD<>(this, withReplacement, fraction, seed);
    }

    /** Splits the elements randomly into RDDs of sizes proportional to {@code weights}. */
    public List<RDD<T>> randomSplit(double[] weights, long seed) {
        return PartitionwiseSampledRDD.randomSplit(this, weights, seed);
    }

    /** The distinct elements present in both RDDs. */
    public RDD<T> intersection(RDD<T> other) {
        return intersection(other, Math.max(1, Math.max(getNumPartitions(), other.getNumPartitions())));
    }

    public RDD<T> intersection(RDD<T> other, int numPartitions) {
        PairRDD<T, Object> left = mapToPair(value -> Pair.of(value, (Object) null));
        PairRDD<T, Object> right = other.mapToPair(value -> Pair.of(value, (Object) null));
        return left.cogroup(right, numPartitions)
                .filter(group -> group.value().key().iterator().hasNext()
                        && group.value().value().iterator().hasNext())
                .keys();
    }

    /** The elements not present in {@code other} (duplicates in this RDD are kept). */
    public RDD<T> subtract(RDD<T> other) {
        return subtract(other, Math.max(1, getNumPartitions()));
    }

    public RDD<T> subtract(RDD<T> other, int numPartitions) {
        PairRDD<T, Object> left = mapToPair(value -> Pair.of(value, (Object) null));
        PairRDD<T, Object> right = other.mapToPair(value -> Pair.of(value, (Object) null));
        return left.subtractByKey(right, numPartitions).keys();
    }

    /** Every pair of an element of this RDD with an element of {@code other}. */
    public <U> PairRDD<T, U> cartesian(RDD<U> other) {
        return PairRDD.of(new CartesianRDD<>(context(), this, other));
    }

    /**
     * Pairs the i-th element of this RDD with the i-th of {@code other}. Both must have the same number of
     * partitions and the same number of elements in each partition.
     */
    public <U> PairRDD<T, U> zip(RDD<U> other) {
        return PairRDD.of(ZippedPartitionsRDD.zip(this, other));
    }

    /** Combines the partitions of this RDD and {@code other} pairwise; both must have as many partitions. */
    public <U, V> RDD<V> zipPartitions(RDD<U> other, Function2<Iterator<T>, Iterator<U>, Iterator<V>> function) {
        Function2<Iterator<T>, Iterator<U>, Iterator<V>> checked = context().clean(function, "zipPartitions");
        return new ZippedPartitionsRDD<>(this, other, checked, false);
    }

    /**
     * Pairs each element with its position: the first element of the first partition has 0. Runs a job to count
     * the elements of all partitions but the last, unless there is only one.
     */
    public PairRDD<T, Long> zipWithIndex() {
        return PairRDD.of(new ZippedWithIndexRDD<>(this));
    }

    /**
     * Pairs each element with a unique id: element {@code i} of partition {@code k} of {@code n} gets
     * {@code i * n + k}. No job runs, but the ids have gaps.
     */
    public PairRDD<T, Long> zipWithUniqueId() {
        int partitionsCount = getNumPartitions();
        return PairRDD.of(new MapPartitionsRDD<Pair<T, Long>, T>(
                this, (task, index, values) -> Iterators.withUniqueIds(values, index, partitionsCount), false));
    }

    /** Each partition as one list. */
    public RDD<List<T>> glom() {
        return new MapPartitionsRDD<List<T>, T>(this, (task, index, values) -> Iterators.glom(values), false);
    }

    /** At most {@code numPartitions} partitions, made by merging neighbours without a shuffle. */
    public RDD<T> coalesce(int numPartitions) {
        return coalesce(numPartitions, false);
    }

    /**
     * {@code numPartitions} partitions. Without shuffle, neighbouring partitions are merged (so the count can only
     * go down); with shuffle, elements are redistributed evenly.
     */
    public RDD<T> coalesce(int numPartitions, boolean shuffle) {
        CoalescedRDD.checkPartitionCount(numPartitions);
        return shuffle ? RddActions.shuffleEvenly(this, numPartitions) : new CoalescedRDD<>(this, numPartitions);
    }

    /** Exactly {@code numPartitions} partitions, with a shuffle. */
    public RDD<T> repartition(int numPartitions) {
        return coalesce(numPartitions, true);
    }

    /** The elements sorted by {@code keyFunction}, globally: partition 0 holds the smallest keys. */
    public <K extends Comparable<? super K>> RDD<T> sortBy(
            Function<T, K> keyFunction, boolean ascending, int numPartitions) {
        return keyBy(keyFunction).sortByKey(ascending, numPartitions).values();
    }

    /** The elements sorted by {@code keyFunction} and {@code comparator}. */
    public <K> RDD<T> sortBy(
            Function<T, K> keyFunction, SerializableComparator<K> comparator, boolean ascending, int numPartitions) {
        return keyBy(keyFunction)
                .sortByKey(comparator, ascending, numPartitions)
                .values();
    }

    /**
     * Pipes each partition through an external command: elements are written to its standard input one per line
     * ({@code toString}), its standard output lines are the result. A non-zero exit fails the task. The command is
     * split into words at white space, as a shell would: quotes group words ({@code sh -c "exit 3"}), a backslash
     * escapes the next character outside single quotes. Nothing else of shell syntax is interpreted.
     */
    public RDD<String> pipe(String command) {
        return pipe(PipedRDD.tokenize(command), Map.of());
    }

    /** Pipes each partition through {@code command} (program and arguments) with extra environment variables. */
    public RDD<String> pipe(List<String> command, Map<String, String> environment) {
        return new PipedRDD<>(this, command, environment);
    }

    // ---- description ----

    /** The lineage of this RDD, one RDD per line, with stage boundaries ({@code +-}) where shuffles are. */
    public String toDebugString() {
        return RddActions.debugString(this);
    }

    @Override
    public String toString() {
        return (name == null ? "" : name + " ") + getClass().getSimpleName() + "[" + id + "] at "
                + creationSite().shortForm();
    }
}
