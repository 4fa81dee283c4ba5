package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListenerEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Inner joins computed by hashing one side: whichever side is smaller is held, results match a nested-loop join
 * in plain Java for one-to-one, one-to-many and many-to-many keys and null keys, and a partition whose smaller
 * side does not fit in memory falls back to grouping (which spills) with the same answer.
 */
class HashJoinTest {
    private static List<Pair<Integer, Integer>> pairs(int count, int keys, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Pair<Integer, Integer>> pairs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pairs.add(Pair.of(random.nextInt(keys), i));
        }
        return pairs;
    }

    /** The join as a multiset of "key:left:right" strings with counts, by nested loops. */
    private static <K, V, W> Map<String, Integer> expected(List<Pair<K, V>> left, List<Pair<K, W>> right) {
        Map<String, Integer> counts = new HashMap<>();
        for (Pair<K, V> l : left) {
            for (Pair<K, W> r : right) {
                if (java.util.Objects.equals(l.key(), r.key())) {
                    counts.merge(l.key() + ":" + l.value() + ":" + r.value(), 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static <K, V, W> Map<String, Integer> actual(List<Pair<K, Pair<V, W>>> joined) {
        Map<String, Integer> counts = new HashMap<>();
        for (Pair<K, Pair<V, W>> pair : joined) {
            counts.merge(
                    pair.key() + ":" + pair.value().key() + ":" + pair.value().value(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void eitherSideMayBeTheSmallerOneAndManyToManyKeysPairUp() {
        try (EmberContext ctx =
                new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("join"))) {
            List<Pair<Integer, Integer>> big = pairs(3000, 200, 1);
            List<Pair<Integer, Integer>> small = pairs(300, 400, 2);
            PairRDD<Integer, Integer> bigRdd = ctx.parallelizePairs(big, 3);
            PairRDD<Integer, Integer> smallRdd = ctx.parallelizePairs(small, 2);

            assertThat(actual(bigRdd.join(smallRdd, 4).collect())).isEqualTo(expected(big, small));
            assertThat(actual(smallRdd.join(bigRdd, 4).collect())).isEqualTo(expected(small, big));
            assertThat(bigRdd.join(smallRdd, 4).partitioner()).contains(new HashPartitioner(4));
        }
    }

    @Test
    void nullKeysJoinEachOther() {
        try (EmberContext ctx =
                new EmberContext(new EmberConf(false).setMaster("local[2]").setAppName("join"))) {
            List<Pair<String, Integer>> left = List.of(Pair.of(null, 1), Pair.of("a", 2), Pair.of(null, 3));
            List<Pair<String, String>> right = List.of(Pair.of(null, "x"), Pair.of("b", "y"), Pair.of("a", "z"));
            List<Pair<String, Pair<Integer, String>>> joined = ctx.parallelizePairs(left, 2)
                    .join(ctx.parallelizePairs(right, 2), 3)
                    .collect();
            assertThat(actual(joined)).isEqualTo(expected(left, right));
            assertThat(joined).hasSize(3);
        }
    }

    @Test
    void aSmallerSideTooBigForMemoryFallsBackToGroupingAndSpills() {
        EmberConf conf = new EmberConf(false)
                .setMaster("local[2]")
                .setAppName("join-fallback")
                .set("ember.testing.memory", "4m")
                .set("ember.shuffle.spill.initialMemoryThreshold", "64k");
        EventCollector events = new EventCollector();
        try (EmberContext ctx = new EmberContext(conf)) {
            ctx.addListener(events);
            List<Pair<Integer, Integer>> left = pairs(120_000, 60_000, 3);
            List<Pair<Integer, Integer>> right = pairs(100_000, 60_000, 4);
            List<Pair<Integer, Pair<Integer, Integer>>> joined = ctx.parallelizePairs(left, 2)
                    .join(ctx.parallelizePairs(right, 2), 2)
                    .collect();
            Map<Integer, List<Integer>> rightByKey = new HashMap<>();
            right.forEach(pair -> rightByKey
                    .computeIfAbsent(pair.key(), k -> new ArrayList<>())
                    .add(pair.value()));
            Map<String, Integer> expected = new HashMap<>();
            for (Pair<Integer, Integer> l : left) {
                for (int r : rightByKey.getOrDefault(l.key(), List.of())) {
                    expected.merge(l.key() + ":" + l.value() + ":" + r, 1, Integer::sum);
                }
            }
            assertThat(actual(joined)).isEqualTo(expected);
            long reduceSideSpill = events.events(ctx, EmberListenerEvent.TaskEnd.class).stream()
                    .filter(end -> end.taskType().equals("ResultTask") && end.metrics() != null)
                    .mapToLong(end -> end.metrics().diskBytesSpilled())
                    .sum();
            assertThat(reduceSideSpill)
                    .as("the fallback grouped both sides and spilled")
                    .isPositive();
        }
    }
}
