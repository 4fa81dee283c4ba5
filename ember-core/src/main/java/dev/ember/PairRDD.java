package dev.ember;

import dev.ember.collection.CompactBuffer;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function0;
import dev.ember.function.Function2;
import dev.ember.function.SerializableComparator;
import dev.ember.rdd.DistinctCounts;
import dev.ember.rdd.HashJoinRDD;
import dev.ember.rdd.MapPartitionsRDD;
import dev.ember.rdd.PairActions;
import dev.ember.rdd.Partitioners;
import dev.ember.rdd.ShuffledRDD;
import dev.ember.rdd.StratifiedSampling;
import dev.ember.serializer.Serializer;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * An RDD of key-value {@link Pair}s, with the operations that work by key: aggregation
 * ({@code reduceByKey}, {@code aggregateByKey}, {@code combineByKey}, {@code groupByKey}), sorting
 * ({@code sortByKey}), partitioning ({@code partitionBy}), joins and {@code cogroup} ({@link PairRDDCoGroups}),
 * sampling by key, approximate distinct counts by key. Everything an {@link RDD} does works too; operations that
 * keep pairs return a {@code PairRDD}.
 *
 * <p>Operations without an explicit partition count use {@link Partitioners#defaultPartitioner}: the partitioner
 * of an input that has one, so that co-partitioned inputs join without a shuffle.
 */
public final class PairRDD<K, V> extends RDD<Pair<K, V>> implements PairRDDCoGroups<K, V> {
    private static final long serialVersionUID = 1L;

    private PairRDD(RDD<Pair<K, V>> parent) {
        super(parent);
    }

    /** Views an RDD of pairs as a {@code PairRDD}. */
    public static <K, V> PairRDD<K, V> of(RDD<Pair<K, V>> rdd) {
        if (rdd instanceof PairRDD<K, V> pairs) {
            return pairs;
        }
        return new PairRDD<>(rdd);
    }

    @SuppressWarnings("unchecked")
    private RDD<Pair<K, V>> parent() {
        return (RDD<Pair<K, V>>) firstParent();
    }

    @Override
    protected List<Partition> getPartitions() {
        return parent().partitions();
    }

    @Override
    protected Iterator<Pair<K, V>> compute(Partition split, TaskContext context) {
        return parent().iterator(split, context);
    }

    @Override
    public Optional<Partitioner> partitioner() {
        return parent().partitioner();
    }

    /** The RDD this pair view wraps (lineage strings show it instead of the view). */
    RDD<Pair<K, V>> underlying() {
        return parent();
    }

    // ---- values and keys ----

    /** Applies {@code function} to each value, keeping keys and partitioning. */
    public <W> PairRDD<K, W> mapValues(Function<V, W> function) {
        Function<V, W> checked = context().clean(function, "mapValues");
        return of(new MapPartitionsRDD<Pair<K, W>, Pair<K, V>>(
                this,
                (task, index, values) -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public Pair<K, W> next() {
                        Pair<K, V> pair = values.next();
                        return Pair.of(pair.key(), dev.ember.rdd.Functions.call(checked, pair.value()));
                    }
                },
                true));
    }

    /** Replaces each value by any number of values, keeping keys and partitioning. */
    public <W> PairRDD<K, W> flatMapValues(FlatMapFunction<V, W> function) {
        FlatMapFunction<V, W> checked = context().clean(function, "flatMapValues");
        return of(new MapPartitionsRDD<Pair<K, W>, Pair<K, V>>(
                this,
                (task, index, values) -> new Iterator<>() {
                    private K key;
                    private Iterator<W> current = Collections.emptyIterator();

                    @Override
                    public boolean hasNext() {
                        while (!current.hasNext()) {
                            if (!values.hasNext()) {
                                return false;
                            }
                            Pair<K, V> pair = values.next();
                            key = pair.key();
                            current = dev.ember.rdd.Functions.call(checked, pair.value());
                        }
                        return true;
                    }

                    @Override
                    public Pair<K, W> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        return Pair.of(key, current.next());
                    }
                },
                true));
    }

    /** The keys. */
    public RDD<K> keys() {
        return new MapPartitionsRDD<K, Pair<K, V>>(
                this,
                (task, index, values) -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public K next() {
                        return values.next().key();
                    }
                },
                false);
    }

    /** The values. */
    public RDD<V> values() {
        return new MapPartitionsRDD<V, Pair<K, V>>(
                this,
                (task, index, values) -> new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public V next() {
                        return values.next().value();
                    }
                },
                false);
    }

    // ---- aggregation by key ----

    /**
     * The general aggregation by key: a combiner is created from a key's first value, values are merged into it,
     * and combiners of different partitions are merged.
     *
     * @param mapSideCombine combine within map tasks before the shuffle (worth it when keys repeat)
     * @param serializer for the shuffled records, or null for the context's
     */
    public <C> PairRDD<K, C> combineByKey(
            Function<V, C> createCombiner,
            Function2<C, V, C> mergeValue,
            Function2<C, C, C> mergeCombiners,
            Partitioner partitioner,
            boolean mapSideCombine,
            Serializer serializer) {
        Aggregator<K, V, C> aggregator = Aggregator.of(
                context().clean(createCombiner, "combineByKey"),
                context().clean(mergeValue, "combineByKey"),
                context().clean(mergeCombiners, "combineByKey"));
        return combineByKey(aggregator, partitioner, mapSideCombine, serializer);
    }

    /** Aggregates by key with {@code aggregator}, whose functions are already checked. */
    private <C> PairRDD<K, C> combineByKey(
            Aggregator<K, V, C> aggregator, Partitioner partitioner, boolean mapSideCombine, Serializer serializer) {
        if (partitioner().isPresent() && partitioner().get().equals(partitioner)) {
            // Already partitioned this way: combine within each partition, no shuffle.
            return of(new MapPartitionsRDD<Pair<K, C>, Pair<K, V>>(
                    this, (task, index, values) -> PairActions.combineWithinPartition(task, aggregator, values), true));
        }
        return of(new ShuffledRDD<K, V, C>(this, partitioner, serializer, null, aggregator, mapSideCombine));
    }

    public <C> PairRDD<K, C> combineByKey(
            Function<V, C> createCombiner,
            Function2<C, V, C> mergeValue,
            Function2<C, C, C> mergeCombiners,
            Partitioner partitioner) {
        return combineByKey(createCombiner, mergeValue, mergeCombiners, partitioner, true, null);
    }

    public <C> PairRDD<K, C> combineByKey(
            Function<V, C> createCombiner,
            Function2<C, V, C> mergeValue,
            Function2<C, C, C> mergeCombiners,
            int numPartitions) {
        return combineByKey(createCombiner, mergeValue, mergeCombiners, new HashPartitioner(numPartitions));
    }

    public <C> PairRDD<K, C> combineByKey(
            Function<V, C> createCombiner, Function2<C, V, C> mergeValue, Function2<C, C, C> mergeCombiners) {
        return combineByKey(createCombiner, mergeValue, mergeCombiners, Partitioners.defaultPartitioner(this));
    }

    /**
     * Merges the values of each key with an associative, commutative {@code function}; one of {@code Reducers}
     * (or a method reference such as {@code Long::sum}) merges primitives in place.
     */
    public PairRDD<K, V> reduceByKey(Partitioner partitioner, Function2<V, V, V> function) {
        return combineByKey(Aggregator.reducing(context().clean(function, "reduceByKey")), partitioner, true, null);
    }

    public PairRDD<K, V> reduceByKey(Function2<V, V, V> function, int numPartitions) {
        return reduceByKey(new HashPartitioner(numPartitions), function);
    }

    public PairRDD<K, V> reduceByKey(Function2<V, V, V> function) {
        return reduceByKey(Partitioners.defaultPartitioner(this), function);
    }

    /** Merges the values of each key and returns the result to the driver as a map. */
    public Map<K, V> reduceByKeyLocally(Function2<V, V, V> function) {
        return PairActions.reduceByKeyLocally(this, context().clean(function, "reduceByKeyLocally"));
    }

    /** Folds the values of each key from {@code zero} (a fresh copy per key and partition). */
    public PairRDD<K, V> foldByKey(V zero, Partitioner partitioner, Function2<V, V, V> function) {
        Function0<V> zeroFactory = PairActions.zeroFactory(zero, context());
        Function2<V, V, V> checked = context().clean(function, "foldByKey");
        return combineByKey(value -> checked.call(zeroFactory.call(), value), checked, checked, partitioner);
    }

    public PairRDD<K, V> foldByKey(V zero, int numPartitions, Function2<V, V, V> function) {
        return foldByKey(zero, new HashPartitioner(numPartitions), function);
    }

    public PairRDD<K, V> foldByKey(V zero, Function2<V, V, V> function) {
        return foldByKey(zero, Partitioners.defaultPartitioner(this), function);
    }

    /**
     * Aggregates the values of each key: {@code seqOp} adds a value to an aggregate started from {@code zero}
     * (a fresh copy per key and partition), {@code combOp} merges aggregates.
     */
    public <U> PairRDD<K, U> aggregateByKey(
            U zero, Partitioner partitioner, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        Function0<U> zeroFactory = PairActions.zeroFactory(zero, context());
        Function2<U, V, U> checkedSeq = context().clean(seqOp, "aggregateByKey");
        return combineByKey(value -> checkedSeq.call(zeroFactory.call(), value), checkedSeq, combOp, partitioner);
    }

    public <U> PairRDD<K, U> aggregateByKey(
            U zero, int numPartitions, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        return aggregateByKey(zero, new HashPartitioner(numPartitions), seqOp, combOp);
    }

    public <U> PairRDD<K, U> aggregateByKey(U zero, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        return aggregateByKey(zero, Partitioners.defaultPartitioner(this), seqOp, combOp);
    }

    /**
     * Groups the values of each key. Every value of a key is held in memory at once; prefer
     * {@code reduceByKey} or {@code aggregateByKey} when the result is an aggregate.
     */
    public PairRDD<K, Iterable<V>> groupByKey(Partitioner partitioner) {
        PairRDD<K, CompactBuffer<V>> grouped = combineByKey(CompactBuffer.<K, V>grouping(), partitioner, false, null);
        @SuppressWarnings({"unchecked", "rawtypes"})
        PairRDD<K, Iterable<V>> result = (PairRDD) grouped;
        return result;
    }

    public PairRDD<K, Iterable<V>> groupByKey(int numPartitions) {
        return groupByKey(new HashPartitioner(numPartitions));
    }

    public PairRDD<K, Iterable<V>> groupByKey() {
        return groupByKey(Partitioners.defaultPartitioner(this));
    }

    /** How many pairs each key has, returned to the driver. */
    public Map<K, Long> countByKey() {
        return PairActions.countByKey(this);
    }

    /** The pairs as a map on the driver; for a key appearing more than once, one of its values is kept. */
    public Map<K, V> collectAsMap() {
        return PairActions.collectAsMap(this);
    }

    /** The values of {@code key}; only the key's partition is scanned when the RDD has a partitioner. */
    public List<V> lookup(K key) {
        return PairActions.lookup(this, key);
    }

    // ---- sampling by key ----

    /**
     * A random sample with a fraction per key (stratified sampling), decided element by element: without
     * replacement each element of key {@code k} is kept with probability {@code fractions.get(k)}; with replacement
     * it is repeated a Poisson-distributed number of times with that mean. A key's sample size is only about
     * {@code fraction * count}; {@link #sampleByKeyExact} gives exact sizes. Reproducible for a seed.
     *
     * @param fractions the fraction of each key: in [0, 1] without replacement, >= 0 with; every key of the RDD
     *     must have one, or the job fails naming the key without one
     * @throws EmberException {@code INVALID_ARGUMENT} for a fraction out of range
     */
    public PairRDD<K, V> sampleByKey(boolean withReplacement, Map<K, Double> fractions, long seed) {
        return StratifiedSampling.sampleByKey(this, withReplacement, fractions, seed);
    }

    public PairRDD<K, V> sampleByKey(boolean withReplacement, Map<K, Double> fractions) {
        return sampleByKey(withReplacement, fractions, new java.util.Random().nextLong());
    }

    /**
     * A random sample of exactly {@code ceil(fractions.get(k) * count(k))} elements of each key {@code k}
     * ({@code fraction * count} taken in decimal: 0.07 of 100 is 7), uniform among the subsets of that size (the
     * multisets, with replacement). Runs a job when called, counting each key's elements per partition; the sample
     * is then taken in one more pass, so the RDD must give the same elements each time it is computed (persist it
     * if not; a partition that changed fails the job, saying so). Reproducible for a seed.
     *
     * @param fractions as for {@link #sampleByKey}; a key without a fraction fails at once, naming it
     */
    public PairRDD<K, V> sampleByKeyExact(boolean withReplacement, Map<K, Double> fractions, long seed) {
        return StratifiedSampling.sampleByKeyExact(this, withReplacement, fractions, seed);
    }

    public PairRDD<K, V> sampleByKeyExact(boolean withReplacement, Map<K, Double> fractions) {
        return sampleByKeyExact(withReplacement, fractions, new java.util.Random().nextLong());
    }

    // ---- approximate counting by key ----

    /**
     * The number of distinct values of each key, estimated with a HyperLogLog++ sketch per key, in one shuffle.
     * See {@link RDDActions#countApproxDistinct} for {@code relativeSD}, the memory a sketch takes (per key and
     * partition here) and how values are told apart.
     */
    public PairRDD<K, Long> countApproxDistinctByKey(double relativeSD, Partitioner partitioner) {
        return DistinctCounts.countApproxDistinctByKey(this, relativeSD, partitioner);
    }

    public PairRDD<K, Long> countApproxDistinctByKey(double relativeSD, int numPartitions) {
        return countApproxDistinctByKey(relativeSD, new HashPartitioner(numPartitions));
    }

    public PairRDD<K, Long> countApproxDistinctByKey(double relativeSD) {
        return countApproxDistinctByKey(relativeSD, Partitioners.defaultPartitioner(this));
    }

    // ---- partitioning and sorting ----

    /** The pairs placed by {@code partitioner}; no shuffle if already partitioned so. */
    public PairRDD<K, V> partitionBy(Partitioner partitioner) {
        if (partitioner().isPresent() && partitioner().get().equals(partitioner)) {
            return this;
        }
        return of(new ShuffledRDD<K, V, V>(this, partitioner, null, null, null, false));
    }

    /** The pairs placed by {@code partitioner} and sorted by key within each partition, in one shuffle. */
    public PairRDD<K, V> repartitionAndSortWithinPartitions(
            Partitioner partitioner, SerializableComparator<K> comparator) {
        return of(new ShuffledRDD<K, V, V>(
                this,
                partitioner,
                null,
                context().clean(comparator, "repartitionAndSortWithinPartitions"),
                null,
                false));
    }

    public PairRDD<K, V> repartitionAndSortWithinPartitions(Partitioner partitioner) {
        return repartitionAndSortWithinPartitions(partitioner, SerializableComparator.naturalOrder());
    }

    /**
     * The pairs sorted by key, globally: keys are range-partitioned using a sample (one extra job), then sorted
     * within partitions, so partition 0 holds the smallest keys.
     */
    public PairRDD<K, V> sortByKey(SerializableComparator<K> comparator, boolean ascending, int numPartitions) {
        SerializableComparator<K> checked = context().clean(comparator, "sortByKey");
        SerializableComparator<K> ordering = ascending ? checked : (a, b) -> checked.compare(b, a);
        RangePartitioner<K> partitioner = new RangePartitioner<>(numPartitions, this, ordering);
        return of(new ShuffledRDD<K, V, V>(this, partitioner, null, ordering, null, false));
    }

    public PairRDD<K, V> sortByKey(Comparator<K> comparator, boolean ascending, int numPartitions) {
        return sortByKey(SerializableComparator.of(comparator), ascending, numPartitions);
    }

    public PairRDD<K, V> sortByKey(boolean ascending, int numPartitions) {
        return sortByKey(SerializableComparator.naturalOrder(), ascending, numPartitions);
    }

    public PairRDD<K, V> sortByKey(boolean ascending) {
        return sortByKey(ascending, getNumPartitions());
    }

    public PairRDD<K, V> sortByKey() {
        return sortByKey(true);
    }

    // ---- joins ----

    /**
     * Every pair of values of keys present in both RDDs. Each partition is joined by hashing its smaller side and
     * streaming the larger one past it (see {@link HashJoinRDD}).
     */
    public <W> PairRDD<K, Pair<V, W>> join(PairRDD<K, W> other, Partitioner partitioner) {
        return PairRDD.of(new HashJoinRDD<>(this, other, partitioner));
    }

    public <W> PairRDD<K, Pair<V, W>> join(PairRDD<K, W> other, int numPartitions) {
        return join(other, new HashPartitioner(numPartitions));
    }

    public <W> PairRDD<K, Pair<V, W>> join(PairRDD<K, W> other) {
        return join(other, Partitioners.defaultPartitioner(this, other));
    }

    /** Every value of this RDD with each value of {@code other} for its key, or empty when there is none. */
    public <W> PairRDD<K, Pair<V, Optional<W>>> leftOuterJoin(PairRDD<K, W> other, Partitioner partitioner) {
        return cogroup(other, partitioner).flatMapValues(PairActions::leftOuterPairs);
    }

    public <W> PairRDD<K, Pair<V, Optional<W>>> leftOuterJoin(PairRDD<K, W> other, int numPartitions) {
        return leftOuterJoin(other, new HashPartitioner(numPartitions));
    }

    public <W> PairRDD<K, Pair<V, Optional<W>>> leftOuterJoin(PairRDD<K, W> other) {
        return leftOuterJoin(other, Partitioners.defaultPartitioner(this, other));
    }

    /** Every value of {@code other} with each value of this RDD for its key, or empty when there is none. */
    public <W> PairRDD<K, Pair<Optional<V>, W>> rightOuterJoin(PairRDD<K, W> other, Partitioner partitioner) {
        return cogroup(other, partitioner).flatMapValues(PairActions::rightOuterPairs);
    }

    public <W> PairRDD<K, Pair<Optional<V>, W>> rightOuterJoin(PairRDD<K, W> other, int numPartitions) {
        return rightOuterJoin(other, new HashPartitioner(numPartitions));
    }

    public <W> PairRDD<K, Pair<Optional<V>, W>> rightOuterJoin(PairRDD<K, W> other) {
        return rightOuterJoin(other, Partitioners.defaultPartitioner(this, other));
    }

    /** Every key of either RDD with its values on each side, empty where a side has none. */
    public <W> PairRDD<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairRDD<K, W> other, Partitioner partitioner) {
        return cogroup(other, partitioner).flatMapValues(PairActions::fullOuterPairs);
    }

    public <W> PairRDD<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairRDD<K, W> other, int numPartitions) {
        return fullOuterJoin(other, new HashPartitioner(numPartitions));
    }

    public <W> PairRDD<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(PairRDD<K, W> other) {
        return fullOuterJoin(other, Partitioners.defaultPartitioner(this, other));
    }

    /** The pairs whose key is not in {@code other}. */
    public <W> PairRDD<K, V> subtractByKey(PairRDD<K, W> other, Partitioner partitioner) {
        return cogroup(other, partitioner).flatMapValues(PairActions::leftOnly);
    }

    public <W> PairRDD<K, V> subtractByKey(PairRDD<K, W> other, int numPartitions) {
        return subtractByKey(other, new HashPartitioner(numPartitions));
    }

    public <W> PairRDD<K, V> subtractByKey(PairRDD<K, W> other) {
        return subtractByKey(other, Math.max(1, getNumPartitions()));
    }

    // ---- RDD operations that keep pairs ----

    @Override
    public PairRDD<K, V> filter(Function<Pair<K, V>, Boolean> predicate) {
        return of(super.filter(predicate));
    }

    @Override
    public PairRDD<K, V> distinct() {
        return of(super.distinct());
    }

    @Override
    public PairRDD<K, V> distinct(int numPartitions) {
        return of(super.distinct(numPartitions));
    }

    @Override
    public PairRDD<K, V> union(RDD<Pair<K, V>> other) {
        return of(super.union(other));
    }

    @Override
    public PairRDD<K, V> sample(boolean withReplacement, double fraction, long seed) {
        return of(super.sample(withReplacement, fraction, seed));
    }

    @Override
    public PairRDD<K, V> sample(boolean withReplacement, double fraction) {
        return of(super.sample(withReplacement, fraction));
    }

    @Override
    public PairRDD<K, V> intersection(RDD<Pair<K, V>> other) {
        return of(super.intersection(other));
    }

    @Override
    public PairRDD<K, V> subtract(RDD<Pair<K, V>> other) {
        return of(super.subtract(other));
    }

    @Override
    public PairRDD<K, V> coalesce(int numPartitions) {
        return of(super.coalesce(numPartitions));
    }

    @Override
    public PairRDD<K, V> coalesce(int numPartitions, boolean shuffle) {
        return of(super.coalesce(numPartitions, shuffle));
    }

    @Override
    public PairRDD<K, V> repartition(int numPartitions) {
        return of(super.repartition(numPartitions));
    }

    @Override
    public PairRDD<K, V> persist(StorageLevel level) {
        super.persist(level);
        return this;
    }

    @Override
    public PairRDD<K, V> cache() {
        super.cache();
        return this;
    }

    @Override
    public PairRDD<K, V> unpersist() {
        super.unpersist();
        return this;
    }

    @Override
    public PairRDD<K, V> unpersist(boolean blocking) {
        super.unpersist(blocking);
        return this;
    }

    @Override
    public PairRDD<K, V> setName(String name) {
        super.setName(name);
        return this;
    }

    @Override
    public PairRDD<K, V> localCheckpoint() {
        super.localCheckpoint();
        return this;
    }
}
