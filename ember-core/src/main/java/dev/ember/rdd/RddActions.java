package dev.ember.rdd;

import dev.ember.DoubleRDD;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.HashPartitioner;
import dev.ember.JobFuture;
import dev.ember.NarrowDependency;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.RDD;
import dev.ember.ShuffleDependency;
import dev.ember.StorageLevel;
import dev.ember.TaskContext;
import dev.ember.collection.InPlaceMerge;
import dev.ember.executor.TaskContextImpl;
import dev.ember.files.ObjectFiles;
import dev.ember.files.OutputDirectory;
import dev.ember.function.Function0;
import dev.ember.function.Function2;
import dev.ember.function.SerializableComparator;
import dev.ember.function.VoidFunction;
import dev.ember.util.BoundedPriorityQueue;
import dev.ember.util.XorShiftRandom;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/** The implementations of RDD actions too long to sit in {@link RDD} itself. */
public final class RddActions {
    private RddActions() {}

    // ---- taking ----

    /**
     * The first {@code num} elements: scans one partition, then more at a time (up to four times as many as already
     * scanned, estimated from what they yielded) until it has enough.
     */
    public static <T> List<T> take(RDD<T> rdd, int num) {
        if (num < 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "take(" + num + "): the count must not be negative");
        }
        List<T> result = new ArrayList<>(Math.min(num, 1024));
        int total = rdd.getNumPartitions();
        int scanned = 0;
        while (result.size() < num && scanned < total) {
            int[] partitions = partitionsToScan(total, scanned, result.size(), num);
            int end = scanned + partitions.length;
            int left = num - result.size();
            List<List<T>> parts = rdd.context()
                    .runJob(
                            rdd,
                            (task, values) -> {
                                List<T> taken = new ArrayList<>(Math.min(left, 1024));
                                while (taken.size() < left && values.hasNext()) {
                                    taken.add(values.next());
                                }
                                return taken;
                            },
                            partitions);
            for (List<T> part : parts) {
                for (T value : part) {
                    if (result.size() < num) {
                        result.add(value);
                    }
                }
            }
            scanned = end;
        }
        return result;
    }

    /**
     * The partitions {@code take} scans next, having scanned the first {@code scanned} of {@code total} and found
     * {@code found} of the {@code num} elements it wants: one at first, then up to four times as many as scanned
     * so far, as many as the yield so far suggests are needed (and half again).
     */
    public static int[] partitionsToScan(int total, int scanned, int found, int num) {
        int toTry = 1;
        if (scanned > 0) {
            if (found == 0) {
                toTry = scanned * 4;
            } else {
                int estimate = (int) Math.ceil(1.5 * num * scanned / found) - scanned;
                toTry = Math.min(Math.max(estimate, 1), scanned * 4);
            }
        }
        int end = Math.min(total, scanned + toTry);
        int[] partitions = new int[end - scanned];
        for (int i = 0; i < partitions.length; i++) {
            partitions[i] = scanned + i;
        }
        return partitions;
    }

    /** The elements of the given partitions, one list per id; each distinct partition is computed once. */
    public static <T> List<List<T>> collectPartitions(RDD<T> rdd, int[] partitionIds) {
        if (partitionIds == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "collectPartitions: partitionIds is null");
        }
        int total = rdd.getNumPartitions();
        for (int id : partitionIds) {
            if (id < 0 || id >= total) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "collectPartitions: partition " + id + " does not exist: " + rdd + " has " + total
                                + " partition(s)" + (total == 0 ? "" : ", numbered 0 to " + (total - 1)));
            }
        }
        int[] distinct = Arrays.stream(partitionIds).distinct().toArray();
        List<List<T>> parts = rdd.context().runJob(rdd, RddActions::collectElements, distinct);
        Map<Integer, List<T>> byId = new HashMap<>();
        for (int i = 0; i < distinct.length; i++) {
            byId.put(distinct[i], parts.get(i));
        }
        List<List<T>> result = new ArrayList<>(partitionIds.length);
        Set<Integer> given = new HashSet<>();
        for (int id : partitionIds) {
            // An id given again gets a copy, so that the caller may change each list on its own.
            List<T> part = byId.get(id);
            result.add(given.add(id) ? part : new ArrayList<>(part));
        }
        return result;
    }

    /** The {@code num} smallest elements by {@code comparator}, each partition keeping only its {@code num} smallest. */
    public static <T> List<T> takeOrdered(RDD<T> rdd, int num, SerializableComparator<T> comparator) {
        if (num < 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "The count must not be negative, not " + num);
        }
        if (num == 0 || rdd.getNumPartitions() == 0) {
            return new ArrayList<>();
        }
        List<BoundedPriorityQueue<T>> queues = rdd.context().runJob(rdd, (task, values) -> {
            BoundedPriorityQueue<T> queue = new BoundedPriorityQueue<>(num, comparator);
            queue.addAll(values);
            return queue;
        });
        BoundedPriorityQueue<T> merged = new BoundedPriorityQueue<>(num, comparator);
        for (BoundedPriorityQueue<T> queue : queues) {
            merged.merge(queue);
        }
        return merged.toSortedList();
    }

    /** {@code num} random elements; sampled in rounds until there are enough, then shuffled. */
    public static <T> List<T> takeSample(RDD<T> rdd, boolean withReplacement, int num, long seed) {
        if (num < 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Negative number of elements requested: " + num);
        }
        Random random = new XorShiftRandom(seed);
        if (num == 0) {
            return new ArrayList<>();
        }
        long count = rdd.count();
        if (count == 0) {
            return new ArrayList<>();
        }
        if (!withReplacement && num >= count) {
            List<T> all = rdd.collect();
            Collections.shuffle(all, random);
            return all;
        }
        double fraction = sampleFraction(num, count, withReplacement);
        List<T> sample =
                rdd.sample(withReplacement, fraction, random.nextLong()).collect();
        int rounds = 0;
        while (sample.size() < num && rounds++ < 100) {
            sample = rdd.sample(withReplacement, fraction, random.nextLong()).collect();
        }
        Collections.shuffle(sample, random);
        return new ArrayList<>(sample.subList(0, Math.min(num, sample.size())));
    }

    /** A sampling rate that yields at least {@code num} of {@code total} elements with probability over 99.99%. */
    static double sampleFraction(int num, long total, boolean withReplacement) {
        double fraction = (double) num / total;
        if (withReplacement) {
            double deviations = num < 6 ? 12 : num < 16 ? 9 : 6;
            return Math.max(num + deviations * Math.sqrt(num), 1e-10) / total;
        }
        double gamma = -Math.log(1e-4) / total;
        return Math.min(1, Math.max(1e-10, fraction + gamma + Math.sqrt(gamma * gamma + 2 * gamma * fraction)));
    }

    // ---- reducing and aggregating ----

    /** Reduces each partition, then the partition results on the driver. */
    public static <T> T reduce(RDD<T> rdd, Function2<T, T, T> function) {
        List<Object[]> partials = rdd.context().runJob(rdd, (task, values) -> {
            if (!values.hasNext()) {
                return new Object[0];
            }
            return new Object[] {foldInPlace(values.next(), values, function)};
        });
        return mergePartials(partials, function, "reduce");
    }

    /**
     * {@code first} merged with every value in turn; in place, without a box per value, where {@code function}
     * computes a reduction ({@code Reducers.longSum()}, or a method reference such as {@code Long::sum}: see
     * {@link InPlaceMerge}).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <U, T> U foldInPlace(U first, Iterator<T> values, Function2<U, T, U> function) throws Exception {
        Function2<Object, Object, Object> merge = InPlaceMerge.inPlace((Function2) function);
        Object accumulated = first;
        while (values.hasNext()) {
            accumulated = merge.call(accumulated, values.next());
        }
        return (U) InPlaceMerge.result(accumulated);
    }

    @SuppressWarnings("unchecked")
    private static <T> T mergePartials(List<Object[]> partials, Function2<T, T, T> function, String action) {
        T result = null;
        boolean found = false;
        for (Object[] partial : partials) {
            if (partial.length == 0) {
                continue;
            }
            T value = (T) partial[0];
            result = found ? Functions.call(function, result, value) : value;
            found = true;
        }
        if (!found) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, action + "() on an empty RDD: there is nothing to reduce");
        }
        return result;
    }

    /** Aggregates each partition from a fresh copy of {@code zero}, then the results from another copy. */
    public static <T, U> U aggregate(RDD<T> rdd, U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        EmberContext context = rdd.context();
        Function0<U> zeros = PairActions.zeroFactory(zero, context);
        List<U> partials = context.runJob(rdd, (task, values) -> foldInPlace(zeros.call(), values, seqOp));
        U result = Functions.call(zeros);
        for (U partial : partials) {
            result = Functions.call(combOp, result, partial);
        }
        return result;
    }

    /**
     * Aggregates in a tree: partition results are combined on the executors in rounds, each round cutting the
     * number of partitions by a factor of about {@code partitions^(1/depth)}, so the driver merges few results.
     */
    public static <T, U> U treeAggregate(
            RDD<T> rdd, U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp, int depth) {
        if (depth < 1) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "Depth must be at least 1, not " + depth);
        }
        EmberContext context = rdd.context();
        Function0<U> zeros = PairActions.zeroFactory(zero, context);
        if (rdd.getNumPartitions() == 0) {
            return Functions.call(zeros);
        }
        RDD<U> partial = rdd.mapPartitions(values -> Collections.singletonList(foldInPlace(zeros.call(), values, seqOp))
                .iterator());
        int partitions = partial.getNumPartitions();
        int scale = Math.max((int) Math.ceil(Math.pow(partitions, 1.0 / depth)), 2);
        while (partitions > scale + Math.ceil((double) partitions / scale)) {
            partitions /= scale;
            int target = partitions;
            RDD<Pair<Integer, U>> keyedByTarget = partial.mapPartitionsWithIndex(
                    (index, values) -> {
                        List<Pair<Integer, U>> keyed = new ArrayList<>();
                        values.forEachRemaining(value -> keyed.add(Pair.of(index % target, value)));
                        return keyed.iterator();
                    },
                    false);
            partial = PairRDD.of(keyedByTarget)
                    .reduceByKey(new HashPartitioner(target), combOp)
                    .values();
        }
        List<U> results = partial.collect();
        U result = Functions.call(zeros);
        for (U value : results) {
            result = Functions.call(combOp, result, value);
        }
        return result;
    }

    /** Reduces in a tree of {@code depth} levels. */
    @SuppressWarnings("unchecked")
    public static <T> T treeReduce(RDD<T> rdd, Function2<T, T, T> function, int depth) {
        Function2<Object[], T, Object[]> add = (partial, value) ->
                partial.length == 0 ? new Object[] {value} : new Object[] {function.call((T) partial[0], value)};
        Function2<Object[], Object[], Object[]> merge = (first, second) -> {
            if (first.length == 0) {
                return second;
            }
            if (second.length == 0) {
                return first;
            }
            return new Object[] {function.call((T) first[0], (T) second[0])};
        };
        Object[] result = treeAggregate(rdd, new Object[0], add, merge, depth);
        return mergePartials(List.<Object[]>of(result), function, "treeReduce");
    }

    // ---- redistribution ----

    /** Spreads the elements evenly over {@code numPartitions} partitions with a shuffle. */
    public static <T> RDD<T> shuffleEvenly(RDD<T> rdd, int numPartitions) {
        PairRDD<Integer, T> keyed = PairRDD.of(new MapPartitionsRDD<Pair<Integer, T>, T>(
                rdd,
                (task, index, values) -> new Iterator<>() {
                    // Each partition starts at its own random target so small partitions spread out too.
                    private int position = new XorShiftRandom(index).nextInt(numPartitions);

                    @Override
                    public boolean hasNext() {
                        return values.hasNext();
                    }

                    @Override
                    public Pair<Integer, T> next() {
                        position++;
                        return Pair.of(position, values.next());
                    }
                },
                false));
        return keyed.partitionBy(new HashPartitioner(numPartitions)).values();
    }

    // ---- asynchronous actions ----

    public static <T> JobFuture<List<T>> collectAsync(RDD<T> rdd) {
        int partitions = rdd.getNumPartitions();
        List<List<T>> parts = new ArrayList<>(Collections.nCopies(partitions, null));
        return rdd.context().submitJob(rdd, RddActions::collectElements, allPartitions(partitions), parts::set, () -> {
            List<T> result = new ArrayList<>();
            parts.forEach(result::addAll);
            return result;
        });
    }

    public static <T> JobFuture<Long> countAsync(RDD<T> rdd) {
        long[] total = new long[1];
        return rdd.context()
                .submitJob(
                        rdd,
                        RddActions::countElements,
                        allPartitions(rdd.getNumPartitions()),
                        (index, count) -> total[0] += count,
                        () -> total[0]);
    }

    public static <T> JobFuture<Void> foreachPartitionAsync(RDD<T> rdd, VoidFunction<Iterator<T>> function) {
        return rdd.context()
                .submitJob(
                        rdd,
                        (task, values) -> {
                            function.call(values);
                            return null;
                        },
                        allPartitions(rdd.getNumPartitions()),
                        (index, ignored) -> {},
                        () -> null);
    }

    /** A task's function that counts its partition's elements. */
    public static <T> long countElements(TaskContext task, Iterator<T> values) {
        long count = 0;
        while (values.hasNext()) {
            values.next();
            count++;
        }
        return count;
    }

    /** A task's function that returns its partition's elements. */
    public static <T> List<T> collectElements(TaskContext task, Iterator<T> values) {
        List<T> all = new ArrayList<>();
        values.forEachRemaining(all::add);
        return all;
    }

    /** The ids of every one of {@code count} partitions. */
    public static int[] allPartitions(int count) {
        int[] partitions = new int[count];
        for (int i = 0; i < count; i++) {
            partitions[i] = i;
        }
        return partitions;
    }

    /** The elements partition by partition, each partition fetched by its own job when reached. */
    public static <T> Iterator<T> toLocalIterator(RDD<T> rdd) {
        int partitions = rdd.getNumPartitions();
        return new Iterator<>() {
            private int next;
            private Iterator<T> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && next < partitions) {
                    List<List<T>> part = rdd.context().runJob(rdd, RddActions::collectElements, new int[] {next++});
                    current = part.get(0).iterator();
                }
                return current.hasNext();
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    // ---- output ----

    /** Writes each partition as lines of text through the output committer. */
    public static <T> void saveAsTextFile(RDD<T> rdd, String path, boolean gzip) {
        save(rdd, path, gzip ? ".gz" : "", (file, values) -> {
            long records = 0;
            try (OutputStream raw = Files.newOutputStream(file);
                    OutputStream out = gzip ? new GZIPOutputStream(raw, 64 * 1024) : raw;
                    BufferedWriter writer =
                            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024)) {
                while (values.hasNext()) {
                    writer.write(String.valueOf(values.next()));
                    writer.write('\n');
                    records++;
                }
            }
            return records;
        });
    }

    /** Writes each partition as a file of Java-serialized elements through the output committer. */
    public static <T> void saveAsObjectFile(RDD<T> rdd, String path) {
        save(rdd, path, "", ObjectFiles::write);
    }

    /** Writes one partition's values to a file; returns how many were written. */
    @FunctionalInterface
    private interface PartFileWriter extends java.io.Serializable {
        long write(Path file, Iterator<?> values) throws IOException;
    }

    /**
     * Writes every partition through {@code writer} into its attempt file, commits the files of the attempts
     * allowed to, and completes the output directory; a failed job removes the directory.
     */
    private static <T> void save(RDD<T> rdd, String path, String suffix, PartFileWriter writer) {
        OutputDirectory output = OutputDirectory.create(path);
        try {
            rdd.context().runJob(rdd, (task, values) -> {
                TaskContextImpl context = (TaskContextImpl) task;
                String fileName = OutputDirectory.partFileName(task.partitionId(), suffix);
                Path attempt = output.attemptFile(context, fileName);
                long records;
                try {
                    records = writer.write(attempt, values);
                } catch (IOException e) {
                    throw new UncheckedIOException("Failed to write " + attempt, e);
                }
                context.taskMetrics().outputMetrics().incRecordsWritten(records);
                context.taskMetrics().outputMetrics().incBytesWritten(Files.size(attempt));
                output.commitTask(context, attempt, fileName);
                return null;
            });
        } catch (RuntimeException e) {
            output.abortJob();
            throw e;
        }
        output.commitJob();
    }

    // ---- lineage ----

    /**
     * The lineage, one RDD per line. A stage starts with {@code (partitions)}; a shuffle dependency starts a new
     * stage, drawn as {@code +-}; RDDs pipelined in the same stage follow with {@code |}.
     */
    public static String debugString(RDD<?> rdd) {
        List<String> lines = new ArrayList<>();
        render(rdd, 0, true, lines);
        return String.join("\n", lines);
    }

    private static void render(RDD<?> rdd, int depth, boolean stageHead, List<String> lines) {
        RDD<?> shown = unwrap(rdd);
        String description = describe(shown);
        if (stageHead) {
            String prefix = depth == 0 ? "" : "   ".repeat(depth - 1) + " +-";
            lines.add(prefix + "(" + shown.getNumPartitions() + ") " + description);
        } else {
            lines.add("   ".repeat(depth) + " |  " + description);
        }
        for (var dependency : shown.dependencies()) {
            if (dependency instanceof ShuffleDependency<?>) {
                render(dependency.rdd(), depth + 1, true, lines);
            } else if (dependency instanceof NarrowDependency<?>) {
                render(dependency.rdd(), depth, false, lines);
            }
        }
    }

    /** Pair and number views are not shown: the RDD they wrap is. */
    private static RDD<?> unwrap(RDD<?> rdd) {
        RDD<?> current = rdd;
        while ((current instanceof PairRDD<?, ?> || current instanceof DoubleRDD)
                && current.getStorageLevel() == StorageLevel.NONE
                && !current.isCheckpointed()) {
            current = current.dependencies().get(0).rdd();
        }
        return current;
    }

    private static String describe(RDD<?> rdd) {
        StorageLevel level = rdd.getStorageLevel();
        String storage = level == StorageLevel.NONE ? "" : level.description();
        String checkpoint = rdd.isCheckpointed() ? " (checkpointed)" : "";
        return rdd + checkpoint + " [" + storage + "]";
    }
}
