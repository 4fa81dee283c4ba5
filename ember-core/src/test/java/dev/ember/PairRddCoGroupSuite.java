package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code cogroup} with two and three other RDDs, against a grouping of the same input in plain Java: every key of
 * any input once, each side's values (in any order), an empty side where the key does not occur.
 */
public abstract class PairRddCoGroupSuite extends RddConformanceSuite {
    /** Keys 0..4; 0 twice. */
    private static final List<Pair<Integer, String>> FIRST =
            List.of(Pair.of(0, "a"), Pair.of(1, "b"), Pair.of(0, "c"), Pair.of(2, "d"), Pair.of(4, "e"));

    /** Keys 0, 2, 5; 5 only here, twice. */
    private static final List<Pair<Integer, Integer>> SECOND =
            List.of(Pair.of(2, 20), Pair.of(0, 0), Pair.of(5, 50), Pair.of(5, 51));

    /** Keys 1, 6; 6 only here. */
    private static final List<Pair<Integer, Double>> THIRD = List.of(Pair.of(6, 6.5), Pair.of(1, 1.5));

    /** Keys 0, 7; 7 only here. */
    private static final List<Pair<Integer, Long>> FOURTH = List.of(Pair.of(7, 70L), Pair.of(0, 1L), Pair.of(0, 2L));

    /** Each side's values of a key, sorted by their text, for comparison in any order. */
    private static List<List<String>> sides(Iterable<?>... sides) {
        List<List<String>> result = new ArrayList<>();
        for (Iterable<?> side : sides) {
            List<String> values = new ArrayList<>();
            side.forEach(value -> values.add(String.valueOf(value)));
            values.sort(null);
            result.add(values);
        }
        return result;
    }

    /** The same from plain-Java groupings of each input. */
    @SafeVarargs
    private static Map<Integer, List<List<String>>> groupLocally(List<? extends Pair<Integer, ?>>... inputs) {
        List<Map<Integer, List<Object>>> groups = new ArrayList<>();
        Set<Integer> keys = new HashSet<>();
        for (List<? extends Pair<Integer, ?>> input : inputs) {
            Map<Integer, List<Object>> group = new HashMap<>();
            for (Pair<Integer, ?> pair : input) {
                group.computeIfAbsent(pair.key(), ignored -> new ArrayList<>()).add(pair.value());
                keys.add(pair.key());
            }
            groups.add(group);
        }
        Map<Integer, List<List<String>>> expected = new HashMap<>();
        for (int key : keys) {
            Iterable<?>[] sides = new Iterable<?>[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                sides[i] = groups.get(i).getOrDefault(key, List.of());
            }
            expected.put(key, sides(sides));
        }
        return expected;
    }

    private static <V> Map<Integer, List<List<String>>> keyedOnce(
            Collection<Pair<Integer, V>> groups, java.util.function.Function<V, List<List<String>>> sides) {
        Map<Integer, List<List<String>>> result = new HashMap<>();
        for (Pair<Integer, V> group : groups) {
            assertThat(result.put(group.key(), sides.apply(group.value())))
                    .as("key %s appears once", group.key())
                    .isNull();
        }
        return result;
    }

    @Test
    void cogroupWithTwoOthers() {
        PairRDD<Integer, CoGrouped3<String, Integer, Double>> grouped =
                ctx.parallelizePairs(FIRST, 3).cogroup(ctx.parallelizePairs(SECOND, 2), ctx.parallelizePairs(THIRD, 1));
        Map<Integer, List<List<String>>> actual =
                keyedOnce(grouped.collect(), group -> sides(group.first(), group.second(), group.third()));
        assertThat(actual).isEqualTo(groupLocally(FIRST, SECOND, THIRD));
        // By hand: key 6 is only in the third input.
        assertThat(actual.get(6)).isEqualTo(List.of(List.of(), List.of(), List.of("6.5")));
        assertThat(actual.get(0)).isEqualTo(List.of(List.of("a", "c"), List.of("0"), List.of()));
    }

    @Test
    void cogroupWithThreeOthers() {
        PairRDD<Integer, CoGrouped4<String, Integer, Double, Long>> grouped = ctx.parallelizePairs(FIRST, 2)
                .cogroup(
                        ctx.parallelizePairs(SECOND, 3),
                        ctx.parallelizePairs(THIRD, 2),
                        ctx.parallelizePairs(FOURTH, 1),
                        4);
        assertThat(grouped.getNumPartitions()).isEqualTo(4);
        Map<Integer, List<List<String>>> actual = keyedOnce(
                grouped.collect(), group -> sides(group.first(), group.second(), group.third(), group.fourth()));
        assertThat(actual).isEqualTo(groupLocally(FIRST, SECOND, THIRD, FOURTH));
        assertThat(actual.get(0)).isEqualTo(List.of(List.of("a", "c"), List.of("0"), List.of(), List.of("1", "2")));
        assertThat(actual).as("keys 0-2 and 4-7").hasSize(7);
    }

    @Test
    void groupWithAndPartitioners() {
        HashPartitioner partitioner = new HashPartitioner(3);
        PairRDD<Integer, String> first = ctx.parallelizePairs(FIRST, 2).partitionBy(partitioner);
        PairRDD<Integer, CoGrouped3<String, Integer, Double>> grouped =
                first.groupWith(ctx.parallelizePairs(SECOND, 2), ctx.parallelizePairs(THIRD, 2));
        assertThat(grouped.partitioner())
                .as("the partitioner of the input that has one")
                .contains(partitioner);
        assertThat(keyedOnce(grouped.collect(), group -> sides(group.first(), group.second(), group.third())))
                .isEqualTo(groupLocally(FIRST, SECOND, THIRD));
        HashPartitioner other = new HashPartitioner(5);
        PairRDD<Integer, CoGrouped4<String, Integer, Double, Long>> four = first.cogroup(
                ctx.parallelizePairs(SECOND, 1),
                ctx.parallelizePairs(THIRD, 1),
                ctx.parallelizePairs(FOURTH, 1),
                other);
        assertThat(four.partitioner()).contains(other);
        assertThat(first.groupWith(
                                ctx.parallelizePairs(SECOND, 1),
                                ctx.parallelizePairs(THIRD, 1),
                                ctx.parallelizePairs(FOURTH, 1))
                        .count())
                .isEqualTo(7);
        assertThat(first.cogroup(ctx.parallelizePairs(SECOND, 2), ctx.parallelizePairs(THIRD, 2), 6)
                        .getNumPartitions())
                .isEqualTo(6);
    }

    @Test
    void cogroupOfEmptyRdds() {
        PairRDD<Integer, String> empty = ctx.parallelizePairs(List.of(), 2);
        assertThat(empty.cogroup(ctx.parallelizePairs(List.<Pair<Integer, Integer>>of(), 1), empty)
                        .collect())
                .isEmpty();
        List<Pair<Integer, CoGrouped3<String, String, Integer>>> one = empty.cogroup(
                        empty, ctx.parallelizePairs(List.of(Pair.of(9, 90)), 1))
                .collect();
        assertThat(one).hasSize(1);
        assertThat(sides(
                        one.get(0).value().first(),
                        one.get(0).value().second(),
                        one.get(0).value().third()))
                .isEqualTo(List.of(List.of(), List.of(), List.of("90")));
    }
}
