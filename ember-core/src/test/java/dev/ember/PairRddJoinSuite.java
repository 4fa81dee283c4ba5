package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Joins, cogroup and subtractByKey, with keys on one side only and keys repeated on both sides. The expected results
 * are computed by nested loops over the same input.
 */
public abstract class PairRddJoinSuite extends RddConformanceSuite {
    /** Keys 0..5; keys 0 and 3 appear twice, key 5 only here. */
    private static final List<Pair<Integer, String>> LEFT = List.of(
            Pair.of(0, "a"),
            Pair.of(1, "b"),
            Pair.of(0, "c"),
            Pair.of(2, "d"),
            Pair.of(3, "e"),
            Pair.of(3, "f"),
            Pair.of(4, "g"),
            Pair.of(5, "h"));

    /** Keys 0, 3, 4, 6, 7; keys 3 and 7 appear twice, keys 6 and 7 only here. */
    private static final List<Pair<Integer, Integer>> RIGHT = List.of(
            Pair.of(3, 30),
            Pair.of(0, 0),
            Pair.of(3, 31),
            Pair.of(6, 60),
            Pair.of(4, 40),
            Pair.of(7, 70),
            Pair.of(7, 71));

    private PairRDD<Integer, String> left() {
        return ctx.parallelizePairs(LEFT, 3);
    }

    private PairRDD<Integer, Integer> right() {
        return ctx.parallelizePairs(RIGHT, 2);
    }

    private static Set<Integer> keys(List<? extends Pair<Integer, ?>> pairs) {
        Set<Integer> keys = new HashSet<>();
        pairs.forEach(pair -> keys.add(pair.key()));
        return keys;
    }

    private static List<Pair<Integer, Pair<String, Integer>>> expectedInner() {
        List<Pair<Integer, Pair<String, Integer>>> expected = new ArrayList<>();
        for (Pair<Integer, String> l : LEFT) {
            for (Pair<Integer, Integer> r : RIGHT) {
                if (l.key().equals(r.key())) {
                    expected.add(Pair.of(l.key(), Pair.of(l.value(), r.value())));
                }
            }
        }
        return expected;
    }

    private static List<Pair<Integer, Pair<String, Optional<Integer>>>> expectedLeftOuter() {
        List<Pair<Integer, Pair<String, Optional<Integer>>>> expected = new ArrayList<>();
        for (Pair<Integer, String> l : LEFT) {
            boolean matched = false;
            for (Pair<Integer, Integer> r : RIGHT) {
                if (l.key().equals(r.key())) {
                    expected.add(Pair.of(l.key(), Pair.of(l.value(), Optional.of(r.value()))));
                    matched = true;
                }
            }
            if (!matched) {
                expected.add(Pair.of(l.key(), Pair.of(l.value(), Optional.empty())));
            }
        }
        return expected;
    }

    private static List<Pair<Integer, Pair<Optional<String>, Integer>>> expectedRightOuter() {
        List<Pair<Integer, Pair<Optional<String>, Integer>>> expected = new ArrayList<>();
        for (Pair<Integer, Integer> r : RIGHT) {
            boolean matched = false;
            for (Pair<Integer, String> l : LEFT) {
                if (l.key().equals(r.key())) {
                    expected.add(Pair.of(r.key(), Pair.of(Optional.of(l.value()), r.value())));
                    matched = true;
                }
            }
            if (!matched) {
                expected.add(Pair.of(r.key(), Pair.of(Optional.empty(), r.value())));
            }
        }
        return expected;
    }

    private static List<Pair<Integer, Pair<Optional<String>, Optional<Integer>>>> expectedFullOuter() {
        List<Pair<Integer, Pair<Optional<String>, Optional<Integer>>>> expected = new ArrayList<>();
        for (Pair<Integer, Pair<String, Optional<Integer>>> pair : expectedLeftOuter()) {
            expected.add(Pair.of(
                    pair.key(),
                    Pair.of(Optional.of(pair.value().key()), pair.value().value())));
        }
        Set<Integer> leftKeys = keys(LEFT);
        for (Pair<Integer, Integer> r : RIGHT) {
            if (!leftKeys.contains(r.key())) {
                expected.add(Pair.of(r.key(), Pair.of(Optional.empty(), Optional.of(r.value()))));
            }
        }
        return expected;
    }

    @Test
    void joinPairsEveryMatchingValue() {
        List<Pair<Integer, Pair<String, Integer>>> expected = expectedInner();
        assertThat(left().join(right()).collect()).containsExactlyInAnyOrderElementsOf(expected);

        PairRDD<Integer, Pair<String, Integer>> byCount = left().join(right(), 5);
        assertThat(byCount.getNumPartitions()).isEqualTo(5);
        assertThat(byCount.collect()).containsExactlyInAnyOrderElementsOf(expected);

        PairRDD<Integer, Pair<String, Integer>> byPartitioner = left().join(right(), new HashPartitioner(2));
        assertThat(byPartitioner.partitioner()).contains(new HashPartitioner(2));
        assertThat(byPartitioner.collect()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void leftOuterJoinKeepsEveryLeftValue() {
        List<Pair<Integer, Pair<String, Optional<Integer>>>> expected = expectedLeftOuter();
        assertThat(left().leftOuterJoin(right()).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().leftOuterJoin(right(), 4).getNumPartitions()).isEqualTo(4);
        assertThat(left().leftOuterJoin(right(), 4).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().leftOuterJoin(right(), new HashPartitioner(3)).collect())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void rightOuterJoinKeepsEveryRightValue() {
        List<Pair<Integer, Pair<Optional<String>, Integer>>> expected = expectedRightOuter();
        assertThat(left().rightOuterJoin(right()).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().rightOuterJoin(right(), 4).getNumPartitions()).isEqualTo(4);
        assertThat(left().rightOuterJoin(right(), 4).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().rightOuterJoin(right(), new HashPartitioner(3)).collect())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void fullOuterJoinKeepsEveryValueOfBothSides() {
        List<Pair<Integer, Pair<Optional<String>, Optional<Integer>>>> expected = expectedFullOuter();
        assertThat(left().fullOuterJoin(right()).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().fullOuterJoin(right(), 4).getNumPartitions()).isEqualTo(4);
        assertThat(left().fullOuterJoin(right(), 4).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().fullOuterJoin(right(), new HashPartitioner(3)).collect())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void joinsWithAnEmptySide() {
        PairRDD<Integer, Integer> empty = PairRDD.of(ctx.<Pair<Integer, Integer>>emptyRDD());
        assertThat(left().join(empty).collect()).isEmpty();
        assertThat(left().leftOuterJoin(empty)
                        .values()
                        .map(pair -> pair.value())
                        .collect())
                .hasSize(LEFT.size())
                .containsOnly(Optional.empty());
        assertThat(empty.rightOuterJoin(left()).count()).isEqualTo(LEFT.size());
        assertThat(empty.fullOuterJoin(left()).count()).isEqualTo(LEFT.size());
    }

    @Test
    void cogroupGroupsBothSidesOfEveryKey() {
        Set<Integer> allKeys = keys(LEFT);
        allKeys.addAll(keys(RIGHT));
        Map<Integer, List<String>> leftGroups = groupLocally(LEFT);
        Map<Integer, List<Integer>> rightGroups = groupLocally(RIGHT);

        for (PairRDD<Integer, Pair<Iterable<String>, Iterable<Integer>>> cogrouped : List.of(
                left().cogroup(right()),
                left().cogroup(right(), 4),
                left().cogroup(right(), new HashPartitioner(2)),
                left().groupWith(right()))) {
            List<Pair<Integer, Pair<Iterable<String>, Iterable<Integer>>>> groups = cogrouped.collect();
            assertThat(groups).hasSize(allKeys.size());
            for (Pair<Integer, Pair<Iterable<String>, Iterable<Integer>>> group : groups) {
                List<String> lefts = new ArrayList<>();
                group.value().key().forEach(lefts::add);
                List<Integer> rights = new ArrayList<>();
                group.value().value().forEach(rights::add);
                assertThat(lefts)
                        .as("left values of %s", group.key())
                        .containsExactlyInAnyOrderElementsOf(leftGroups.getOrDefault(group.key(), List.of()));
                assertThat(rights)
                        .as("right values of %s", group.key())
                        .containsExactlyInAnyOrderElementsOf(rightGroups.getOrDefault(group.key(), List.of()));
            }
            assertThat(keys(groups)).isEqualTo(allKeys);
        }
        assertThat(left().cogroup(right(), 4).getNumPartitions()).isEqualTo(4);
    }

    @Test
    void subtractByKeyRemovesKeysOfTheOtherSide() {
        Set<Integer> rightKeys = keys(RIGHT);
        List<Pair<Integer, String>> expected =
                LEFT.stream().filter(pair -> !rightKeys.contains(pair.key())).toList();
        assertThat(left().subtractByKey(right()).collect()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(left().subtractByKey(right()).getNumPartitions()).isEqualTo(3);
        assertThat(left().subtractByKey(right(), 2).getNumPartitions()).isEqualTo(2);
        assertThat(left().subtractByKey(right(), new HashPartitioner(5)).collect())
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void joinOfLargerInputsMatchesNestedLoops() {
        List<Pair<Integer, Integer>> first = keyedIntegers(400, 37);
        List<Pair<Integer, Integer>> second = keyedIntegers(150, 53);
        Map<Integer, List<Integer>> secondGroups = groupLocally(second);
        List<Pair<Integer, Pair<Integer, Integer>>> expected = new ArrayList<>();
        for (Pair<Integer, Integer> pair : first) {
            for (Integer value : secondGroups.getOrDefault(pair.key(), List.of())) {
                expected.add(Pair.of(pair.key(), Pair.of(pair.value(), value)));
            }
        }
        assertThat(ctx.parallelizePairs(first, 4)
                        .join(ctx.parallelizePairs(second, 3), 3)
                        .collect())
                .containsExactlyInAnyOrderElementsOf(expected);
    }
}
