package dev.ember;

import dev.ember.function.Function2;
import dev.ember.function.SerializableComparator;
import dev.ember.function.VoidFunction;
import dev.ember.rdd.DistinctCounts;
import dev.ember.rdd.Functions;
import dev.ember.rdd.RddActions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The actions of an {@link RDD}: the operations that run jobs and bring results to the driver ({@code collect},
 * {@code count}, {@code reduce}, {@code take}, {@code foreach}, {@code saveAsTextFile}, ...). Every RDD has them;
 * they are kept apart from the RDD's definition (partitions, dependencies, computing, caching, checkpointing) and its
 * transformations. Sealed: only {@code RDD} implements it.
 *
 * @param <T> element type
 */
public sealed interface RDDActions<T> permits RDD {
    /** This RDD. */
    @SuppressWarnings("unchecked")
    private RDD<T> self() {
        return (RDD<T>) this;
    }

    /** All elements, in partition order. */
    default List<T> collect() {
        List<List<T>> parts = self().context().runJob(self(), (task, values) -> {
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
    default JobFuture<List<T>> collectAsync() {
        return RddActions.collectAsync(self());
    }

    /** The elements of each partition as a local iterator, fetching one partition at a time. */
    default Iterator<T> toLocalIterator() {
        return RddActions.toLocalIterator(self());
    }

    /** The number of elements. */
    default long count() {
        List<Long> counts = self().context().runJob(self(), (task, values) -> {
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
    default JobFuture<Long> countAsync() {
        return RddActions.countAsync(self());
    }

    /** How many times each distinct element occurs. */
    default Map<T, Long> countByValue() {
        return self().mapToPair(value -> Pair.of(value, 1L)).countByKey();
    }

    /**
     * The elements of the partitions {@code partitionIds}, one list per id, in the order given, in one job (Spark's
     * {@code collectPartitions}). An id given twice gives its partition twice; no ids give an empty list.
     *
     * @throws EmberException {@code INVALID_ARGUMENT} if an id is negative or not below {@code getNumPartitions()}
     */
    default List<List<T>> collectPartitions(int[] partitionIds) {
        return RddActions.collectPartitions(self(), partitionIds);
    }

    /**
     * Starts {@link #take} in the background: as {@code take}, one job per round of partitions scanned, each started
     * when the one before did not find enough. Cancelling the future cancels the running round and starts no other.
     */
    default JobFuture<List<T>> takeAsync(int num) {
        return AsyncTake.start(self(), num);
    }

    /**
     * Counts within {@code timeoutMillis}, with confidence 0.95: see {@link #countApprox(long, double)}.
     */
    default PartialResult<BoundedDouble> countApprox(long timeoutMillis) {
        return countApprox(timeoutMillis, 0.95);
    }

    /**
     * Counts, waiting at most {@code timeoutMillis} (Spark's {@code countApprox}). If the counting job finishes in
     * time, the result is the exact count ({@link PartialResult#isInitialValueFinal()}, confidence 1). Otherwise the
     * initial value extrapolates the partitions counted so far to all of them, with an interval that holds the true
     * count with probability about {@code confidence} (before any partition is counted: 0, confidence 0, interval
     * [0, +Infinity]); the job keeps running and {@link PartialResult#getFinalValue()} waits for the exact count.
     *
     * @param confidence in [0, 1]
     * @throws EmberException {@code INVALID_ARGUMENT} for a negative timeout or a confidence outside [0, 1]; the
     *     job's error if it fails within the timeout
     */
    default PartialResult<BoundedDouble> countApprox(long timeoutMillis, double confidence) {
        return ApproximateCount.countApprox(self(), timeoutMillis, confidence);
    }

    /**
     * The number of distinct elements, estimated with a HyperLogLog++ sketch per partition (merged on the driver),
     * in one pass and memory independent of the data: {@code 2^p} bytes per partition, {@code p =
     * ceil(2 * log2(1.106 / relativeSD))} (at least 4), as Spark sizes it. Elements are told apart by a hash that is
     * the same in every JVM: of their value for strings, boxed primitives, {@code byte[]}, enums, {@code Pair}s and
     * lists of those, of {@code hashCode()} otherwise. An empty RDD gives 0.
     *
     * @param relativeSD the wanted relative standard deviation of the estimate; Spark uses 0.05 by default
     * @throws EmberException {@code INVALID_ARGUMENT} if {@code relativeSD} is below 0.000017 (Spark's limit), or
     *     below 0.0001351, which needs more than 2^26 registers (64 MiB) per partition
     */
    default long countApproxDistinct(double relativeSD) {
        return DistinctCounts.countApproxDistinct(self(), relativeSD);
    }

    /** The first element. */
    default T first() {
        List<T> taken = take(1);
        if (taken.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "first() on an empty RDD " + self());
        }
        return taken.get(0);
    }

    /** The first {@code num} elements, scanning as few partitions as it can. */
    default List<T> take(int num) {
        return RddActions.take(self(), num);
    }

    /** The {@code num} smallest elements in natural order. */
    default List<T> takeOrdered(int num) {
        return takeOrdered(num, SerializableComparator.naturalOrder());
    }

    /** The {@code num} smallest elements by {@code comparator}. */
    default List<T> takeOrdered(int num, SerializableComparator<T> comparator) {
        return RddActions.takeOrdered(self(), num, self().context().clean(comparator, "takeOrdered"));
    }

    /** The {@code num} smallest elements by a serializable {@code comparator} such as {@code Comparator.reverseOrder()}. */
    default List<T> takeOrdered(int num, Comparator<T> comparator) {
        return takeOrdered(num, SerializableComparator.of(comparator));
    }

    /** The {@code num} largest elements in natural order, largest first. */
    default List<T> top(int num) {
        return top(num, SerializableComparator.naturalOrder());
    }

    /** The {@code num} largest elements by {@code comparator}, largest first. */
    default List<T> top(int num, SerializableComparator<T> comparator) {
        SerializableComparator<T> checked = self().context().clean(comparator, "top");
        SerializableComparator<T> reversed = (a, b) -> checked.compare(b, a);
        return RddActions.takeOrdered(self(), num, reversed);
    }

    default List<T> top(int num, Comparator<T> comparator) {
        return top(num, SerializableComparator.of(comparator));
    }

    /** {@code num} random elements. */
    default List<T> takeSample(boolean withReplacement, int num, long seed) {
        return RddActions.takeSample(self(), withReplacement, num, seed);
    }

    /** Combines all elements with an associative, commutative {@code function}. */
    default T reduce(Function2<T, T, T> function) {
        Function2<T, T, T> checked = self().context().clean(function, "reduce");
        return RddActions.reduce(self(), checked);
    }

    /** {@link #reduce} combining partition results in a tree of {@code depth} levels. */
    default T treeReduce(Function2<T, T, T> function, int depth) {
        Function2<T, T, T> checked = self().context().clean(function, "treeReduce");
        return RddActions.treeReduce(self(), checked, depth);
    }

    /** Folds each partition from {@code zero}, then the partition results from {@code zero}. */
    default T fold(T zero, Function2<T, T, T> function) {
        Function2<T, T, T> checked = self().context().clean(function, "fold");
        return RddActions.aggregate(self(), zero, checked, checked);
    }

    /**
     * Aggregates each partition with {@code seqOp} from {@code zero}, then the partition results with
     * {@code combOp}. Each partition starts from its own copy of {@code zero}.
     */
    default <U> U aggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        return RddActions.aggregate(
                self(),
                zero,
                self().context().clean(seqOp, "aggregate"),
                self().context().clean(combOp, "aggregate"));
    }

    /** {@link #aggregate} with partition results combined in a tree of depth 2. */
    default <U> U treeAggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        return treeAggregate(zero, seqOp, combOp, 2);
    }

    /** {@link #aggregate} with partition results combined in a tree of {@code depth} levels on the executors. */
    default <U> U treeAggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp, int depth) {
        return RddActions.treeAggregate(
                self(),
                zero,
                self().context().clean(seqOp, "treeAggregate"),
                self().context().clean(combOp, "treeAggregate"),
                depth);
    }

    /** Runs {@code function} on each element, on the executors. */
    default void foreach(VoidFunction<T> function) {
        VoidFunction<T> checked = self().context().clean(function, "foreach");
        self().context().runJob(self(), (task, values) -> {
            while (values.hasNext()) {
                Functions.run(checked, values.next());
            }
            return null;
        });
    }

    /** Starts {@link #foreach} in the background. */
    default JobFuture<Void> foreachAsync(VoidFunction<T> function) {
        VoidFunction<T> checked = self().context().clean(function, "foreachAsync");
        return RddActions.foreachPartitionAsync(self(), values -> {
            while (values.hasNext()) {
                checked.call(values.next());
            }
        });
    }

    /** Runs {@code function} on each partition's iterator, on the executors. */
    default void foreachPartition(VoidFunction<Iterator<T>> function) {
        VoidFunction<Iterator<T>> checked = self().context().clean(function, "foreachPartition");
        self().context().runJob(self(), (task, values) -> {
            Functions.run(checked, values);
            return null;
        });
    }

    /** Starts {@link #foreachPartition} in the background. */
    default JobFuture<Void> foreachPartitionAsync(VoidFunction<Iterator<T>> function) {
        return RddActions.foreachPartitionAsync(self(), self().context().clean(function, "foreachPartitionAsync"));
    }

    /** Whether the RDD has no elements. */
    default boolean isEmpty() {
        return self().getNumPartitions() == 0 || take(1).isEmpty();
    }

    /** The smallest element by {@code comparator}. */
    default T min(SerializableComparator<T> comparator) {
        SerializableComparator<T> checked = self().context().clean(comparator, "min");
        return reduce((a, b) -> checked.compare(a, b) <= 0 ? a : b);
    }

    default T min(Comparator<T> comparator) {
        return min(SerializableComparator.of(comparator));
    }

    /** The largest element by {@code comparator}. */
    default T max(SerializableComparator<T> comparator) {
        SerializableComparator<T> checked = self().context().clean(comparator, "max");
        return reduce((a, b) -> checked.compare(a, b) >= 0 ? a : b);
    }

    default T max(Comparator<T> comparator) {
        return max(SerializableComparator.of(comparator));
    }

    /**
     * Writes each element's {@code toString} as a line, one {@code part-NNNNN} file per partition, then
     * {@code _SUCCESS}. Fails if {@code path} exists.
     */
    default void saveAsTextFile(String path) {
        RddActions.saveAsTextFile(self(), path, false);
    }

    /** {@link #saveAsTextFile(String)} with gzip-compressed files ({@code part-NNNNN.gz}) when {@code codec} is {@code gzip}. */
    default void saveAsTextFile(String path, String codec) {
        if (!"gzip".equalsIgnoreCase(codec)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "Unsupported output codec '" + codec + "': saveAsTextFile supports gzip");
        }
        RddActions.saveAsTextFile(self(), path, true);
    }

    /** Writes the elements Java-serialized, readable with {@code ctx.objectFile(path)}. */
    default void saveAsObjectFile(String path) {
        RddActions.saveAsObjectFile(self(), path);
    }
}
