package dev.ember.connect.client;

import dev.ember.Pair;
import dev.ember.connect.proto.rdd.RddNode;
import dev.ember.function.FlatMapFunction;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A remote RDD of {@link Pair}s, with the engine's key-value operations ({@code PairRDD}'s): aggregations by key,
 * joins, sorting by key. Operations without a partition count (or with 0) leave it to the server: aggregations by
 * key use an input's partitioner where there is one, as {@code PairRDD} does; joins use as many partitions as the
 * larger input. Groups come back as lists.
 */
public final class RemotePairRdd<K, V> extends RemoteRdd<Pair<K, V>> {
    RemotePairRdd(RemoteRdd<Pair<K, V>> rdd) {
        super(rdd.client, rdd.node, rdd.classes);
    }

    @Override
    public RemotePairRdd<K, V> filter(Function<Pair<K, V>, Boolean> predicate) {
        return new RemotePairRdd<>(super.filter(predicate));
    }

    @Override
    public RemotePairRdd<K, V> cache() {
        return new RemotePairRdd<>(super.cache());
    }

    @Override
    public RemotePairRdd<K, V> distinct() {
        return new RemotePairRdd<>(super.distinct());
    }

    public RemotePairRdd<K, V> union(RemotePairRdd<K, V> other) {
        return new RemotePairRdd<>(super.union(other));
    }

    public <W> RemotePairRdd<K, W> mapValues(Function<V, W> function) {
        return new RemotePairRdd<>(derive("mapValues", function));
    }

    public <W> RemotePairRdd<K, W> flatMapValues(FlatMapFunction<V, W> function) {
        return new RemotePairRdd<>(derive("flatMapValues", function));
    }

    public RemoteRdd<K> keys() {
        return derive(RddNode.newBuilder().setOp("keys"));
    }

    public RemoteRdd<V> values() {
        return derive(RddNode.newBuilder().setOp("values"));
    }

    public RemotePairRdd<K, V> reduceByKey(Function2<V, V, V> function) {
        return reduceByKey(function, 0);
    }

    public RemotePairRdd<K, V> reduceByKey(Function2<V, V, V> function, int numPartitions) {
        Set<Class<?>> found = Payloads.newClassSet();
        return new RemotePairRdd<>(
                derive(builder("reduceByKey", function, found).setPartitions(partitions(numPartitions)), found));
    }

    /** Folds each key's values from {@code zero} (each partition and each merge from its own copy). */
    public RemotePairRdd<K, V> foldByKey(V zero, Function2<V, V, V> function) {
        Set<Class<?>> found = Payloads.newClassSet();
        return new RemotePairRdd<>(derive(
                builder("foldByKey", function, found).setValue(Payloads.write(zero, "foldByKey's zero value", found)),
                found));
    }

    public <U> RemotePairRdd<K, U> aggregateByKey(U zero, Function2<U, V, U> seqOp, Function2<U, U, U> combOp) {
        Set<Class<?>> found = Payloads.newClassSet();
        return new RemotePairRdd<>(derive(
                builder("aggregateByKey", seqOp, found)
                        .setFunction2(function(combOp, "aggregateByKey's merge function", found))
                        .setValue(Payloads.write(zero, "aggregateByKey's zero value", found)),
                found));
    }

    /** Each key's values as a list; every value of a key is held in memory at once on the server. */
    public RemotePairRdd<K, List<V>> groupByKey() {
        return groupByKey(0);
    }

    public RemotePairRdd<K, List<V>> groupByKey(int numPartitions) {
        return new RemotePairRdd<>(
                derive(RddNode.newBuilder().setOp("groupByKey").setPartitions(partitions(numPartitions))));
    }

    /** The pairs sorted by their (comparable) keys; partition 0 holds the smallest. */
    public RemotePairRdd<K, V> sortByKey() {
        return sortByKey(true);
    }

    public RemotePairRdd<K, V> sortByKey(boolean ascending) {
        return sortByKey(ascending, 0);
    }

    public RemotePairRdd<K, V> sortByKey(boolean ascending, int numPartitions) {
        return new RemotePairRdd<>(derive(
                RddNode.newBuilder().setOp("sortByKey").setFlag(ascending).setPartitions(partitions(numPartitions))));
    }

    public <W> RemotePairRdd<K, Pair<V, W>> join(RemotePairRdd<K, W> other) {
        return join(other, 0);
    }

    public <W> RemotePairRdd<K, Pair<V, W>> join(RemotePairRdd<K, W> other, int numPartitions) {
        return new RemotePairRdd<>(combine("join", other, numPartitions));
    }

    public <W> RemotePairRdd<K, Pair<V, Optional<W>>> leftOuterJoin(RemotePairRdd<K, W> other) {
        return new RemotePairRdd<>(combine("leftOuterJoin", other, 0));
    }

    public <W> RemotePairRdd<K, Pair<Optional<V>, W>> rightOuterJoin(RemotePairRdd<K, W> other) {
        return new RemotePairRdd<>(combine("rightOuterJoin", other, 0));
    }

    public <W> RemotePairRdd<K, Pair<Optional<V>, Optional<W>>> fullOuterJoin(RemotePairRdd<K, W> other) {
        return new RemotePairRdd<>(combine("fullOuterJoin", other, 0));
    }

    /** The pairs whose key {@code other} does not have. */
    public <W> RemotePairRdd<K, V> subtractByKey(RemotePairRdd<K, W> other) {
        return new RemotePairRdd<>(combine("subtractByKey", other, 0));
    }

    /** For each key of either side, the values of both, as lists. */
    public <W> RemotePairRdd<K, Pair<List<V>, List<W>>> cogroup(RemotePairRdd<K, W> other) {
        return new RemotePairRdd<>(combine("cogroup", other, 0));
    }

    /** How many pairs each key has. */
    public Map<K, Long> countByKey() {
        RemoteRdd<Pair<K, Long>> counts = derive(RddNode.newBuilder().setOp("countByKeyPairs"));
        Map<K, Long> result = new LinkedHashMap<>();
        counts.collect().forEach(pair -> result.put(pair.key(), pair.value()));
        return result;
    }

    /** The pairs as a map; of a key's several values, the last one wins. */
    public Map<K, V> collectAsMap() {
        Map<K, V> result = new LinkedHashMap<>();
        collect().forEach(pair -> result.put(pair.key(), pair.value()));
        return result;
    }
}
