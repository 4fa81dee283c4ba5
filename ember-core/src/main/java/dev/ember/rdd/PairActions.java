package dev.ember.rdd;

import dev.ember.Aggregator;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.Partitioner;
import dev.ember.TaskContext;
import dev.ember.collection.ExternalSorter;
import dev.ember.executor.TaskContextImpl;
import dev.ember.function.Function0;
import dev.ember.function.Function2;
import dev.ember.internal.ContextInternals;
import dev.ember.util.InterruptibleIterator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The implementations of pair-RDD operations too long to sit in {@link PairRDD} itself. */
public final class PairActions {
    private PairActions() {}

    /**
     * Makes fresh copies of {@code zero}: it is serialized once here and deserialized per use, so a mutable zero
     * (a list, a set) is never shared between keys, partitions or the driver.
     */
    public static <U> Function0<U> zeroFactory(U zero, EmberContext context) {
        byte[] bytes =
                ContextInternals.env(context).closureSerializer().newInstance().serialize(zero);
        return () -> new dev.ember.serializer.JavaSerializer().newInstance().deserialize(bytes);
    }

    /** Combines the values of each key within one partition (already partitioned by key), spilling if needed. */
    public static <K, V, C> Iterator<Pair<K, C>> combineWithinPartition(
            TaskContext context, Aggregator<K, V, C> aggregator, Iterator<Pair<K, V>> values) {
        TaskContextImpl task = (TaskContextImpl) context;
        ExternalSorter<K, V, C> sorter = new ExternalSorter<>(
                task.spillContext(), aggregator, null, null, task.env().serializer());
        context.addTaskCompletionListener(ignored -> sorter.stop());
        sorter.insertAll(values);
        return InterruptibleIterator.wrap(context, sorter.iterator());
    }

    public static <K, V> Map<K, V> reduceByKeyLocally(PairRDD<K, V> rdd, Function2<V, V, V> function) {
        List<HashMap<K, V>> partials = rdd.context().runJob(rdd, (task, values) -> {
            HashMap<K, V> merged = new HashMap<>();
            while (values.hasNext()) {
                Pair<K, V> pair = values.next();
                V existing = merged.get(pair.key());
                merged.put(
                        pair.key(),
                        existing == null && !merged.containsKey(pair.key())
                                ? pair.value()
                                : function.call(existing, pair.value()));
            }
            return merged;
        });
        HashMap<K, V> result = new HashMap<>();
        for (HashMap<K, V> partial : partials) {
            for (Map.Entry<K, V> entry : partial.entrySet()) {
                if (result.containsKey(entry.getKey())) {
                    result.put(entry.getKey(), Functions.call(function, result.get(entry.getKey()), entry.getValue()));
                } else {
                    result.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return result;
    }

    public static <K, V> Map<K, Long> countByKey(PairRDD<K, V> rdd) {
        return rdd.mapValues(value -> 1L).reduceByKey(Long::sum).collectAsMap();
    }

    public static <K, V> Map<K, V> collectAsMap(PairRDD<K, V> rdd) {
        HashMap<K, V> result = new HashMap<>();
        for (Pair<K, V> pair : rdd.collect()) {
            result.put(pair.key(), pair.value());
        }
        return result;
    }

    public static <K, V> List<V> lookup(PairRDD<K, V> rdd, K key) {
        Optional<Partitioner> partitioner = rdd.partitioner();
        if (partitioner.isPresent()) {
            int partition = partitioner.get().getPartition(key);
            List<List<V>> found = rdd.context()
                    .runJob(
                            rdd,
                            (task, values) -> {
                                List<V> matches = new ArrayList<>();
                                while (values.hasNext()) {
                                    Pair<K, V> pair = values.next();
                                    if (java.util.Objects.equals(pair.key(), key)) {
                                        matches.add(pair.value());
                                    }
                                }
                                return matches;
                            },
                            new int[] {partition});
            return found.get(0);
        }
        return rdd.filter(pair -> java.util.Objects.equals(pair.key(), key))
                .values()
                .collect();
    }

    // ---- joins from cogrouped values ----

    public static <V, W> Iterator<Pair<V, W>> innerPairs(Pair<Iterable<V>, Iterable<W>> groups) {
        List<Pair<V, W>> pairs = new ArrayList<>();
        for (V left : groups.key()) {
            for (W right : groups.value()) {
                pairs.add(Pair.of(left, right));
            }
        }
        return pairs.iterator();
    }

    public static <V, W> Iterator<Pair<V, Optional<W>>> leftOuterPairs(Pair<Iterable<V>, Iterable<W>> groups) {
        List<Pair<V, Optional<W>>> pairs = new ArrayList<>();
        boolean rightEmpty = !groups.value().iterator().hasNext();
        for (V left : groups.key()) {
            if (rightEmpty) {
                pairs.add(Pair.of(left, Optional.empty()));
            } else {
                for (W right : groups.value()) {
                    pairs.add(Pair.of(left, Optional.ofNullable(right)));
                }
            }
        }
        return pairs.iterator();
    }

    public static <V, W> Iterator<Pair<Optional<V>, W>> rightOuterPairs(Pair<Iterable<V>, Iterable<W>> groups) {
        List<Pair<Optional<V>, W>> pairs = new ArrayList<>();
        boolean leftEmpty = !groups.key().iterator().hasNext();
        for (W right : groups.value()) {
            if (leftEmpty) {
                pairs.add(Pair.of(Optional.empty(), right));
            } else {
                for (V left : groups.key()) {
                    pairs.add(Pair.of(Optional.ofNullable(left), right));
                }
            }
        }
        return pairs.iterator();
    }

    public static <V, W> Iterator<Pair<Optional<V>, Optional<W>>> fullOuterPairs(
            Pair<Iterable<V>, Iterable<W>> groups) {
        boolean leftEmpty = !groups.key().iterator().hasNext();
        boolean rightEmpty = !groups.value().iterator().hasNext();
        List<Pair<Optional<V>, Optional<W>>> pairs = new ArrayList<>();
        if (leftEmpty) {
            for (W right : groups.value()) {
                pairs.add(Pair.of(Optional.empty(), Optional.ofNullable(right)));
            }
        } else if (rightEmpty) {
            for (V left : groups.key()) {
                pairs.add(Pair.of(Optional.ofNullable(left), Optional.empty()));
            }
        } else {
            for (V left : groups.key()) {
                for (W right : groups.value()) {
                    pairs.add(Pair.of(Optional.ofNullable(left), Optional.ofNullable(right)));
                }
            }
        }
        return pairs.iterator();
    }

    public static <V, W> Iterator<V> leftOnly(Pair<Iterable<V>, Iterable<W>> groups) {
        if (groups.value().iterator().hasNext()) {
            return Collections.emptyIterator();
        }
        return groups.key().iterator();
    }
}
