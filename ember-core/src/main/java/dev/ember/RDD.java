package dev.ember;

import static java.util.Objects.requireNonNull;

import dev.ember.executor.TaskContextImpl;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.PairFlatMapFunction;
import dev.ember.function.PairFunction;
import dev.ember.function.SerializableComparator;
import dev.ember.function.VoidFunction;
import dev.ember.rdd.CartesianRDD;
import dev.ember.rdd.CheckpointSupport;
import dev.ember.rdd.CoalescedRDD;
import dev.ember.rdd.Functions;
import dev.ember.rdd.MapPartitionsRDD;
import dev.ember.rdd.PartitionwiseSampledRDD;
import dev.ember.rdd.PipedRDD;
import dev.ember.rdd.RddActions;
import dev.ember.rdd.UnionRDD;
import dev.ember.rdd.ZippedPartitionsRDD;
import dev.ember.rdd.ZippedWithIndexRDD;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManager;
import dev.ember.storage.BlockResult;
import dev.ember.util.CallSite;
import dev.ember.util.InterruptibleIterator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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
 * ({@code collect}, {@code count}, {@code saveAsTextFile}, ...) run jobs. RDDs live on the driver: using one inside
 * another RDD's function is an error. Key-value operations are on {@link PairRDD}.
 *
 * @param <T> element type
 */
public abstract class RDD<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private final transient EmberContext context;
    private final int id;
    private final transient CallSite creationSite;
    private final List<Dependency<?>> constructorDependencies;
    private transient volatile List<Partition> partitions;
    private transient volatile List<Dependency<?>> dependencies;
    private volatile StorageLevel storageLevel = StorageLevel.NONE;
    private volatile String name;
    private volatile RDD<T> checkpointRdd;
    private transient volatile CheckpointSupport.Mark checkpointMark = CheckpointSupport.Mark.NONE;
    private transient volatile boolean doCheckpointCalled;

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
        RDD<T> checkpointed = checkpointRdd;
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
        RDD<T> checkpointed = checkpointRdd;
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
        RDD<T> checkpointed = checkpointRdd;
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
        RDD<T> checkpointed = checkpointRdd;
        if (checkpointed != null) {
            return checkpointed.iterator(split, taskContext);
        }
        return compute(split, taskContext);
    }

    @SuppressWarnings("unchecked")
    private Iterator<T> getOrCompute(Partition split, TaskContext taskContext) {
        if (!(taskContext instanceof TaskContextImpl task)) {
            return computeOrReadCheckpoint(split, taskContext);
        }
        BlockManager blockManager = task.env().blockManager();
        BlockId blockId = new BlockId.RddBlockId(id, split.index());
        BlockManager.CachedOrComputed<T> result =
                blockManager.getOrElseUpdate(blockId, storageLevel, () -> computeOrReadCheckpoint(split, taskContext));
        if (result.cached().isPresent()) {
            BlockResult cached = result.cached().get();
            task.taskMetrics().inputMetrics().incBytesRead(cached.bytes());
            return InterruptibleIterator.wrap(taskContext, (Iterator<T>) cached.values());
        }
        return result.computed();
    }

    // ---- persistence ----

    /** Keeps computed partitions at {@code level} for reuse by later jobs. */
    public RDD<T> persist(StorageLevel level) {
        requireNonNull(level, "level is null");
        if (storageLevel != StorageLevel.NONE
                && !storageLevel.equals(level)
                && checkpointMark != CheckpointSupport.Mark.LOCAL) {
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
        if (checkpointRdd == null) {
            checkpointMark = CheckpointSupport.Mark.RELIABLE;
        }
    }

    /**
     * Marks the RDD for local checkpointing: after the next job that computes it, its lineage is truncated and its
     * partitions live only in executors' caches (memory and disk). Faster than {@link #checkpoint()} but not
     * fault-tolerant: a lost executor loses the data.
     */
    public RDD<T> localCheckpoint() {
        if (checkpointRdd != null) {
            return this;
        }
        StorageLevel level = storageLevel;
        if (level == StorageLevel.NONE) {
            setStorageLevelInternal(StorageLevel.MEMORY_AND_DISK);
        } else if (!level.useDisk()) {
            storageLevel = StorageLevel.of(
                    true, level.useMemory(), level.useOffHeap(), level.deserialized(), level.replication());
        }
        checkpointMark = CheckpointSupport.Mark.LOCAL;
        return this;
    }

    /** Whether the RDD's lineage has been replaced by checkpointed data. */
    public boolean isCheckpointed() {
        return checkpointRdd != null;
    }

    /** Whether the RDD was checkpointed locally (in executors' caches only). */
    public boolean isLocallyCheckpointed() {
        return checkpointRdd != null && checkpointMark == CheckpointSupport.Mark.LOCAL;
    }

    /** The directory of the reliable checkpoint, once written. */
    public Optional<String> getCheckpointFile() {
        return CheckpointSupport.checkpointPath(checkpointRdd);
    }

    /**
     * Called after a job on this RDD: checkpoints marked RDDs of the lineage. Synchronized so that two jobs
     * finishing at once do not checkpoint the same RDD twice.
     */
    final synchronized void doCheckpoint() {
        if (doCheckpointCalled) {
            return;
        }
        doCheckpointCalled = true;
        try {
            if (checkpointMark != CheckpointSupport.Mark.NONE && checkpointRdd == null) {
                checkpointRdd = CheckpointSupport.checkpoint(this, checkpointMark);
                partitions = null;
                dependencies = null;
                clearDependencies();
            } else {
                for (Dependency<?> dependency : dependencies()) {
                    dependency.rdd().doCheckpoint();
                }
            }
        } finally {
            doCheckpointCalled = false;
        }
    }

    /** Drops references to parents once the lineage is truncated; RDDs keeping parents in fields override it. */
    protected void clearDependencies() {}

    // ---- transformations ----

    /** Applies {@code function} to each element. */
    public <R> RDD<R> map(Function<T, R> function) {
        Function<T, R> checked = context().clean(function, "map");
        return new MapPartitionsRDD<R, T>(
                this,
                (task, index, values) -> new Iterator<R>() {
                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public R next() {
                        return Functions.call(checked, values.next());
                    }
                },
                false);
    }

    /** Applies {@code function} to each element and flattens the iterators it returns. */
    public <R> RDD<R> flatMap(FlatMapFunction<T, R> function) {
        FlatMapFunction<T, R> checked = context().clean(function, "flatMap");
        return new MapPartitionsRDD<R, T>(
                this, (task, index, values) -> new FlatteningIterator<>(values, checked), false);
    }

    /** The elements for which {@code predicate} returns true. */
    public RDD<T> filter(Function<T, Boolean> predicate) {
        Function<T, Boolean> checked = context().clean(predicate, "filter");
        return new MapPartitionsRDD<T, T>(
                this, (task, index, values) -> new FilteringIterator<>(values, checked), true);
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

    /** Turns each element into a key-value pair. */
    public <K, V> PairRDD<K, V> mapToPair(PairFunction<T, K, V> function) {
        PairFunction<T, K, V> checked = context().clean(function, "mapToPair");
        return PairRDD.of(new MapPartitionsRDD<Pair<K, V>, T>(
                this,
                (task, index, values) -> new Iterator<Pair<K, V>>() {
                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public Pair<K, V> next() {
                        return Functions.call(checked, values.next());
                    }
                },
                false));
    }

    /** Turns each element into any number of key-value pairs. */
    public <K, V> PairRDD<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> function) {
        PairFlatMapFunction<T, K, V> checked = context().clean(function, "flatMapToPair");
        FlatMapFunction<T, Pair<K, V>> flattening = value -> Functions.call(checked, value);
        return PairRDD.of(new MapPartitionsRDD<Pair<K, V>, T>(
                this, (task, index, values) -> new FlatteningIterator<>(values, flattening), false));
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
                this,
                (task, index, values) -> new Iterator<>() {
                    private long position;

                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public Pair<T, Long> next() {
                        return Pair.of(values.next(), position++ * partitionsCount + index);
                    }
                },
                false));
    }

    /** Each partition as one list. */
    public RDD<List<T>> glom() {
        return new MapPartitionsRDD<List<T>, T>(
                this,
                (task, index, values) -> {
                    List<T> all = new ArrayList<>();
                    values.forEachRemaining(all::add);
                    return List.of(all).iterator();
                },
                false);
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
        if (numPartitions <= 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Number of partitions (" + numPartitions + ") must be positive");
        }
        if (!shuffle) {
            return new CoalescedRDD<>(this, numPartitions);
        }
        return RddActions.shuffleEvenly(this, numPartitions);
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
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "pipe needs a command");
        }
        return new PipedRDD<>(this, command, environment);
    }

    // ---- actions ----

    /** All elements, in partition order. */
    public List<T> collect() {
        List<List<T>> parts = context().runJob(this, (task, values) -> {
            List<T> all = new ArrayList<>();
            values.forEachRemaining(all::add);
            return all;
        });
        int total = 0;
        for (List<T> part : parts) {
            total += part.size();
        }
        List<T> result = new ArrayList<>(total);
        for (List<T> part : parts) {
            result.addAll(part);
        }
        return result;
    }

    /** Starts collecting in the background. */
    public JobFuture<List<T>> collectAsync() {
        return RddActions.collectAsync(this);
    }

    /** The elements of each partition as a local iterator, fetching one partition at a time. */
    public Iterator<T> toLocalIterator() {
        return RddActions.toLocalIterator(this);
    }

    /** The number of elements. */
    public long count() {
        List<Long> counts = context().runJob(this, (task, values) -> {
            long count = 0;
            while (values.hasNext()) {
                values.next();
                count++;
            }
            return count;
        });
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        return total;
    }

    /** Starts counting in the background. */
    public JobFuture<Long> countAsync() {
        return RddActions.countAsync(this);
    }

    /** How many times each distinct element occurs. */
    public Map<T, Long> countByValue() {
        return mapToPair(value -> Pair.of(value, 1L)).countByKey();
    }

    /** The first element. */
    public T first() {
        List<T> taken = take(1);
        if (taken.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "first() on an empty RDD " + this);
        }
        return taken.get(0);
    }

    /** The first {@code num} elements, scanning as few partitions as it can. */
    public List<T> take(int num) {
        return RddActions.take(this, num);
    }

    /** The {@code num} smallest elements in natural order. */
    public List<T> takeOrdered(int num) {
        return takeOrdered(num, SerializableComparator.naturalOrder());
    }

    /** The {@code num} smallest elements by {@code comparator}. */
    public List<T> takeOrdered(int num, SerializableComparator<T> comparator) {
        return RddActions.takeOrdered(this, num, context().clean(comparator, "takeOrdered"));
    }

    /** The {@code num} smallest elements by a serializable {@code comparator} such as {@code Comparator.reverseOrder()}. */
    public List<T> takeOrdered(int num, Comparator<T> comparator) {
        return takeOrdered(num, SerializableComparator.of(comparator));
    }

    /** The {@code num} largest elements in natural order, largest first. */
    public List<T> top(int num) {
        return top(num, SerializableComparator.naturalOrder());
    }

    /** The {@code num} largest elements by {@code comparator}, largest first. */
    public List<T> top(int num, SerializableComparator<T> comparator) {
        SerializableComparator<T> checked = context().clean(comparator, "top");
        SerializableComparator<T> reversed = (a, b) -> checked.compare(b, a);
        return RddActions.takeOrdered(this, num, reversed);
    }

    public List<T> top(int num, Comparator<T> comparator) {
        return top(num, SerializableComparator.of(comparator));
    }

    /** {@code num} random elements. */
    public List<T> takeSample(boolean withReplacement, int num, long seed) {
        return RddActions.takeSample(this, withReplacement, num, seed);
    }

    /** Combines all elements with an associative, commutative {@code function}. */
    public T reduce(Function2<T, T, T> function) {
        Function2<T, T, T> checked = context().clean(function, "reduce");
        return RddActions.reduce(this, checked);
    }

    /** {@link #reduce} combining partition results in a tree of {@code depth} levels. */
    public T treeReduce(Function2<T, T, T> function, int depth) {
        Function2<T, T, T> checked = context().clean(function, "treeReduce");
        return RddActions.treeReduce(this, checked, depth);
    }

    /** Folds each partition from {@code zero}, then the partition results from {@code zero}. */
    public T fold(T zero, Function2<T, T, T> function) {
        Function2<T, T, T> checked = context().clean(function, "fold");
        return RddActions.aggregate(this, zero, checked, checked);
    }

    /**
     * Aggregates each partition with {@code seqOp} from {@code zero}, then the partition results with
     * {@code combOp}. Each partition starts from its own copy of {@code zero}.
     */
    public <U> U aggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        return RddActions.aggregate(
                this, zero, context().clean(seqOp, "aggregate"), context().clean(combOp, "aggregate"));
    }

    /** {@link #aggregate} with partition results combined in a tree of depth 2. */
    public <U> U treeAggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        return treeAggregate(zero, seqOp, combOp, 2);
    }

    /** {@link #aggregate} with partition results combined in a tree of {@code depth} levels on the executors. */
    public <U> U treeAggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp, int depth) {
        return RddActions.treeAggregate(
                this, zero, context().clean(seqOp, "treeAggregate"), context().clean(combOp, "treeAggregate"), depth);
    }

    /** Runs {@code function} on each element, on the executors. */
    public void foreach(VoidFunction<T> function) {
        VoidFunction<T> checked = context().clean(function, "foreach");
        context().runJob(this, (task, values) -> {
            while (values.hasNext()) {
                Functions.run(checked, values.next());
            }
            return null;
        });
    }

    /** Starts {@link #foreach} in the background. */
    public JobFuture<Void> foreachAsync(VoidFunction<T> function) {
        VoidFunction<T> checked = context().clean(function, "foreachAsync");
        return RddActions.foreachPartitionAsync(this, values -> {
            while (values.hasNext()) {
                checked.call(values.next());
            }
        });
    }

    /** Runs {@code function} on each partition's iterator, on the executors. */
    public void foreachPartition(VoidFunction<Iterator<T>> function) {
        VoidFunction<Iterator<T>> checked = context().clean(function, "foreachPartition");
        context().runJob(this, (task, values) -> {
            Functions.run(checked, values);
            return null;
        });
    }

    /** Starts {@link #foreachPartition} in the background. */
    public JobFuture<Void> foreachPartitionAsync(VoidFunction<Iterator<T>> function) {
        return RddActions.foreachPartitionAsync(this, context().clean(function, "foreachPartitionAsync"));
    }

    /** Whether the RDD has no elements. */
    public boolean isEmpty() {
        return getNumPartitions() == 0 || take(1).isEmpty();
    }

    /** The smallest element by {@code comparator}. */
    public T min(SerializableComparator<T> comparator) {
        SerializableComparator<T> checked = context().clean(comparator, "min");
        return reduce((a, b) -> checked.compare(a, b) <= 0 ? a : b);
    }

    public T min(Comparator<T> comparator) {
        return min(SerializableComparator.of(comparator));
    }

    /** The largest element by {@code comparator}. */
    public T max(SerializableComparator<T> comparator) {
        SerializableComparator<T> checked = context().clean(comparator, "max");
        return reduce((a, b) -> checked.compare(a, b) >= 0 ? a : b);
    }

    public T max(Comparator<T> comparator) {
        return max(SerializableComparator.of(comparator));
    }

    /**
     * Writes each element's {@code toString} as a line, one {@code part-NNNNN} file per partition, then
     * {@code _SUCCESS}. Fails if {@code path} exists.
     */
    public void saveAsTextFile(String path) {
        RddActions.saveAsTextFile(this, path, false);
    }

    /** {@link #saveAsTextFile(String)} with gzip-compressed files ({@code part-NNNNN.gz}) when {@code codec} is {@code gzip}. */
    public void saveAsTextFile(String path, String codec) {
        if (!"gzip".equalsIgnoreCase(codec)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Unsupported output codec '" + codec + "': saveAsTextFile supports gzip");
        }
        RddActions.saveAsTextFile(this, path, true);
    }

    /** Writes the elements Java-serialized, readable with {@code ctx.objectFile(path)}. */
    public void saveAsObjectFile(String path) {
        RddActions.saveAsObjectFile(this, path);
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

    // ---- small iterators used above ----

    private static final class FlatteningIterator<T, R> implements Iterator<R> {
        private final Iterator<T> values;
        private final FlatMapFunction<T, R> function;
        private Iterator<R> current = Collections.emptyIterator();

        FlatteningIterator(Iterator<T> values, FlatMapFunction<T, R> function) {
            this.values = values;
            this.function = function;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (!values.hasNext()) {
                    return false;
                }
                current = Functions.call(function, values.next());
            }
            return true;
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            return current.next();
        }
    }

    private static final class FilteringIterator<T> implements Iterator<T> {
        private final Iterator<T> values;
        private final Function<T, Boolean> predicate;
        private T next;
        private boolean hasNext;

        FilteringIterator(Iterator<T> values, Function<T, Boolean> predicate) {
            this.values = values;
            this.predicate = predicate;
        }

        @Override
        public boolean hasNext() {
            while (!hasNext && values.hasNext()) {
                T candidate = values.next();
                if (Boolean.TRUE.equals(Functions.call(predicate, candidate))) {
                    next = candidate;
                    hasNext = true;
                }
            }
            return hasNext;
        }

        @Override
        public T next() {
            if (!hasNext()) {
                throw new java.util.NoSuchElementException();
            }
            hasNext = false;
            T value = next;
            next = null;
            return value;
        }
    }
}
