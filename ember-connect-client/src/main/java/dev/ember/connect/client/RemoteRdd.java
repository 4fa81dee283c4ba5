package dev.ember.connect.client;

import com.google.protobuf.ByteString;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.rdd.RddAction;
import dev.ember.connect.proto.rdd.RddJob;
import dev.ember.connect.proto.rdd.RddNode;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.PairFlatMapFunction;
import dev.ember.function.PairFunction;
import dev.ember.function.VoidFunction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An RDD that lives on a Connect server: the operations and their meaning are those of the engine's RDD API
 * ({@code dev.ember.RDD}), with the same function types. Transformations only describe the lineage, here; each
 * action sends the lineage to the server, which runs it and streams the result back. Functions are serialized when
 * they are given, so one that captures something not serializable fails at once, where it is written.
 *
 * <p>Immutable and thread-safe, like the lineage it describes.
 */
public class RemoteRdd<T> {
    final EmberConnect client;
    final RddNode node;
    final Set<Class<?>> classes;

    RemoteRdd(EmberConnect client, RddNode node, Set<Class<?>> classes) {
        this.client = client;
        this.node = node;
        this.classes = Collections.unmodifiableSet(classes);
    }

    // ---- transformations ----

    public <R> RemoteRdd<R> map(Function<T, R> function) {
        return derive("map", function);
    }

    public RemoteRdd<T> filter(Function<T, Boolean> predicate) {
        return derive("filter", predicate);
    }

    public <R> RemoteRdd<R> flatMap(FlatMapFunction<T, R> function) {
        return derive("flatMap", function);
    }

    public <R> RemoteRdd<R> mapPartitions(FlatMapFunction<Iterator<T>, R> function) {
        return derive("mapPartitions", function);
    }

    /** {@code mapPartitions} with the partition's index. */
    public <R> RemoteRdd<R> mapPartitionsWithIndex(Function2<Integer, Iterator<T>, Iterator<R>> function) {
        return derive("mapPartitionsWithIndex", function);
    }

    public <K, V> RemotePairRdd<K, V> mapToPair(PairFunction<T, K, V> function) {
        return new RemotePairRdd<>(derive("mapToPair", function));
    }

    public <K, V> RemotePairRdd<K, V> flatMapToPair(PairFlatMapFunction<T, K, V> function) {
        return new RemotePairRdd<>(derive("flatMapToPair", function));
    }

    public <K> RemotePairRdd<K, T> keyBy(Function<T, K> function) {
        return new RemotePairRdd<>(derive("keyBy", function));
    }

    /** The elements grouped by {@code function}'s key; each group's values as a list. */
    public <K> RemotePairRdd<K, List<T>> groupBy(Function<T, K> function) {
        return groupBy(function, 0);
    }

    public <K> RemotePairRdd<K, List<T>> groupBy(Function<T, K> function, int numPartitions) {
        Set<Class<?>> found = Payloads.newClassSet();
        return new RemotePairRdd<>(
                derive(builder("groupBy", function, found).setPartitions(partitions(numPartitions)), found));
    }

    public RemoteRdd<T> distinct() {
        return derive(RddNode.newBuilder().setOp("distinct"));
    }

    public RemoteRdd<T> distinct(int numPartitions) {
        return derive(RddNode.newBuilder().setOp("distinct").setPartitions(partitions(numPartitions)));
    }

    public RemoteRdd<T> union(RemoteRdd<T> other) {
        return combine("union", other, 0);
    }

    public RemoteRdd<T> intersection(RemoteRdd<T> other) {
        return combine("intersection", other, 0);
    }

    public RemoteRdd<T> subtract(RemoteRdd<T> other) {
        return combine("subtract", other, 0);
    }

    public <U> RemotePairRdd<T, U> cartesian(RemoteRdd<U> other) {
        return new RemotePairRdd<>(combine("cartesian", other, 0));
    }

    /** Each element with its index in the RDD's order. */
    public RemotePairRdd<T, Long> zipWithIndex() {
        return new RemotePairRdd<>(derive(RddNode.newBuilder().setOp("zipWithIndex")));
    }

    /** Each partition's elements as one list. */
    public RemoteRdd<List<T>> glom() {
        return derive(RddNode.newBuilder().setOp("glom"));
    }

    public RemoteRdd<T> sample(boolean withReplacement, double fraction, long seed) {
        if (!(fraction >= 0)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "sample's fraction must be at least 0, not " + fraction);
        }
        return derive(RddNode.newBuilder()
                .setOp("sample")
                .setFlag(withReplacement)
                .addNumbers(Double.doubleToLongBits(fraction))
                .addNumbers(seed));
    }

    public RemoteRdd<T> repartition(int numPartitions) {
        return derive(RddNode.newBuilder().setOp("repartition").setPartitions(atLeastOne(numPartitions)));
    }

    public RemoteRdd<T> coalesce(int numPartitions) {
        return coalesce(numPartitions, false);
    }

    public RemoteRdd<T> coalesce(int numPartitions, boolean shuffle) {
        return derive(RddNode.newBuilder()
                .setOp("coalesce")
                .setPartitions(atLeastOne(numPartitions))
                .setFlag(shuffle));
    }

    /** The elements sorted by {@code keyFunction}'s (comparable) key; 0 partitions keeps the count. */
    public <K extends Comparable<? super K>> RemoteRdd<T> sortBy(
            Function<T, K> keyFunction, boolean ascending, int numPartitions) {
        Set<Class<?>> found = Payloads.newClassSet();
        return derive(
                builder("sortBy", keyFunction, found).setFlag(ascending).setPartitions(partitions(numPartitions)),
                found);
    }

    /**
     * Keeps this RDD's partitions in the server's memory once a job has computed them, for later jobs of this
     * session that use the same lineage; released when the session ends.
     */
    public RemoteRdd<T> cache() {
        return derive(RddNode.newBuilder().setOp("cache"));
    }

    // ---- actions ----

    /** Every element, in order, streamed from the server as its partitions finish. */
    public List<T> collect() {
        List<T> values = new ArrayList<>();
        run(RddAction.newBuilder().setName("collect"), Set.of(), values);
        return values;
    }

    /** The first {@code num} elements; only as many partitions as needed are computed. */
    public List<T> take(int num) {
        if (num < 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "take needs a count of at least 0, not " + num);
        }
        List<T> values = new ArrayList<>();
        if (num > 0) {
            run(RddAction.newBuilder().setName("take").setCount(num), Set.of(), values);
        }
        return values;
    }

    public T first() {
        List<T> values = take(1);
        if (values.isEmpty()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "first() on an empty RDD");
        }
        return values.get(0);
    }

    public long count() {
        return this.<Long>single(RddAction.newBuilder().setName("count"), Set.of());
    }

    /** Combines all elements with an associative, commutative {@code function}. */
    public T reduce(Function2<T, T, T> function) {
        Set<Class<?>> found = Payloads.newClassSet();
        return single(action("reduce", function, found), found);
    }

    /** Folds each partition from {@code zero}, then the partition results from {@code zero}. */
    public T fold(T zero, Function2<T, T, T> function) {
        Set<Class<?>> found = Payloads.newClassSet();
        return single(
                action("fold", function, found).setValue(Payloads.write(zero, "fold's zero value", found)), found);
    }

    /** Aggregates each partition with {@code seqOp} from its own copy of {@code zero}, then merges with {@code combOp}. */
    public <U> U aggregate(U zero, Function2<U, T, U> seqOp, Function2<U, U, U> combOp) {
        Set<Class<?>> found = Payloads.newClassSet();
        return single(
                action("aggregate", seqOp, found)
                        .setFunction2(function(combOp, "aggregate's merge function", found))
                        .setValue(Payloads.write(zero, "aggregate's zero value", found)),
                found);
    }

    /** Runs {@code function} on each element, on the server's executors (its output is theirs, not this process's). */
    public void foreach(VoidFunction<T> function) {
        Set<Class<?>> found = Payloads.newClassSet();
        run(action("foreach", function, found), found, new ArrayList<>());
    }

    public void foreachPartition(VoidFunction<Iterator<T>> function) {
        Set<Class<?>> found = Payloads.newClassSet();
        run(action("foreachPartition", function, found), found, new ArrayList<>());
    }

    /** Writes the elements as text lines into the directory {@code path} as the server sees it. */
    public void saveAsTextFile(String path) {
        run(RddAction.newBuilder().setName("saveAsTextFile").setPath(path), Set.of(), new ArrayList<>());
    }

    /** How many times each distinct element occurs. */
    public Map<T, Long> countByValue() {
        RemoteRdd<dev.ember.Pair<T, Long>> counts = derive(RddNode.newBuilder().setOp("countByValuePairs"));
        Map<T, Long> result = new LinkedHashMap<>();
        counts.collect().forEach(pair -> result.put(pair.key(), pair.value()));
        return result;
    }

    /** The lineage as the server will build it, one operation per line, for logs and debugging. */
    public String toDebugString() {
        StringBuilder text = new StringBuilder();
        describe(node, 0, text);
        return text.toString();
    }

    @Override
    public String toString() {
        return "RemoteRdd[" + node.getOp() + "]";
    }

    // ---- building the lineage ----

    private static void describe(RddNode node, int depth, StringBuilder text) {
        text.append("  ".repeat(depth)).append(node.getOp());
        if (node.getPartitions() > 0) {
            text.append(" (").append(node.getPartitions()).append(" partitions)");
        }
        if (node.getArgumentsCount() > 0) {
            text.append(' ').append(node.getArgumentsList());
        }
        text.append('\n');
        node.getInputsList().forEach(input -> describe(input, depth + 1, text));
    }

    <R> RemoteRdd<R> derive(String op, Object function) {
        Set<Class<?>> found = Payloads.newClassSet();
        return derive(builder(op, function, found), found);
    }

    RddNode.Builder builder(String op, Object function, Set<Class<?>> found) {
        return RddNode.newBuilder().setOp(op).setFunction(function(function, op + "'s function", found));
    }

    <R> RemoteRdd<R> derive(RddNode.Builder builder) {
        return derive(builder, Set.of());
    }

    /** A new RDD over this one, needing this one's classes and {@code found} (those of what the builder holds). */
    <R> RemoteRdd<R> derive(RddNode.Builder builder, Set<Class<?>> found) {
        Set<Class<?>> all = Payloads.newClassSet();
        all.addAll(classes);
        all.addAll(found);
        return new RemoteRdd<>(client, builder.addInputs(0, node).build(), all);
    }

    <R> RemoteRdd<R> combine(String op, RemoteRdd<?> other, int numPartitions) {
        if (other.client != client) {
            throw new EmberException(ErrorClass.INVALID_RDD_USAGE, op + " of RDDs of two different Connect sessions");
        }
        Set<Class<?>> all = Payloads.newClassSet();
        all.addAll(classes);
        all.addAll(other.classes);
        RddNode combined = RddNode.newBuilder()
                .setOp(op)
                .addInputs(node)
                .addInputs(other.node)
                .setPartitions(partitions(numPartitions))
                .build();
        return new RemoteRdd<>(client, combined, all);
    }

    static ByteString function(Object function, String what, Set<Class<?>> found) {
        if (function == null) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, what + " is null");
        }
        return Payloads.write(function, what, found);
    }

    static RddAction.Builder action(String name, Object function, Set<Class<?>> found) {
        return RddAction.newBuilder().setName(name).setFunction(function(function, name + "'s function", found));
    }

    static int partitions(int numPartitions) {
        if (numPartitions < 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A partition count must be at least 0, not " + numPartitions);
        }
        return numPartitions;
    }

    private static int atLeastOne(int numPartitions) {
        if (numPartitions < 1) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "A partition count must be at least 1, not " + numPartitions);
        }
        return numPartitions;
    }

    @SuppressWarnings("unchecked")
    <R> R single(RddAction.Builder action, Set<Class<?>> found) {
        List<Object> values = new ArrayList<>();
        run(action, found, values);
        if (values.size() != 1) {
            throw new EmberException(
                    ErrorClass.REMOTE_FAILURE, action.getName() + " got " + values.size() + " values, not one");
        }
        return (R) values.get(0);
    }

    /** Runs the job of {@code action} (which holds {@code found}'s classes), adding its values to {@code into}. */
    @SuppressWarnings("unchecked")
    void run(RddAction.Builder action, Set<Class<?>> found, List<?> into) {
        Set<Class<?>> all = Payloads.newClassSet();
        all.addAll(classes);
        all.addAll(found);
        RddJob job = RddJob.newBuilder()
                .setRdd(node)
                .setAction(action)
                .addAllClassJars(client.shipClasses(all))
                .build();
        List<Object> values = (List<Object>) into;
        client.job().run(job, values::add);
    }
}
