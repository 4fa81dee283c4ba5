package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Values of common JDK and user types survive every place where Ember serializes data: shuffles (as values and as
 * keys), serialized and disk-cached partitions, task results and object files.
 */
public abstract class DataTypesSuite extends RddConformanceSuite {

    /** A user record. */
    public record Point(int x, double y, String label) implements Serializable {}

    /** A user class without a no-argument constructor. */
    public static final class Account implements Serializable {
        private static final long serialVersionUID = 1L;

        private final String owner;
        private final long cents;
        private final List<String> tags;

        public Account(String owner, long cents, List<String> tags) {
            this.owner = owner;
            this.cents = cents;
            this.tags = tags;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Account account
                    && account.owner.equals(owner)
                    && account.cents == cents
                    && account.tags.equals(tags);
        }

        @Override
        public int hashCode() {
            return Objects.hash(owner, cents, tags);
        }

        @Override
        public String toString() {
            return "Account(" + owner + ", " + cents + ", " + tags + ")";
        }
    }

    static Stream<Arguments> values() {
        Map<String, Supplier<Object>> values = new LinkedHashMap<>();
        values.put("strings", () -> "héllo ✓ wörld");
        values.put("longs", () -> Long.MIN_VALUE);
        values.put("doubles", () -> -0.0);
        values.put("pairs", () -> Pair.of("k", Pair.of(1, List.of("a"))));
        values.put("records", () -> new Point(3, 4.5, "p"));
        values.put("classes without default constructor", () -> new Account("ann", 12_345, List.of("x", "y")));
        values.put("enums", () -> TimeUnit.HOURS);
        values.put("ArrayList", () -> new ArrayList<>(List.of(1, 2, 3)));
        values.put("LinkedList", () -> new LinkedList<>(List.of("a", "b")));
        values.put("List.of", () -> List.of(1, 2, 3, 4, 5));
        values.put("List.of one", () -> List.of("only"));
        values.put("Arrays.asList", () -> Arrays.asList("x", null, "z"));
        values.put("unmodifiableList", () -> Collections.unmodifiableList(new ArrayList<>(List.of(7, 8))));
        values.put("emptyList", Collections::emptyList);
        values.put("singletonList", () -> Collections.singletonList(9));
        values.put("HashMap", () -> new HashMap<>(Map.of("a", 1, "b", 2)));
        values.put("Map.of", () -> Map.of("a", 1, "b", 2, "c", 3));
        values.put("TreeMap", () -> new TreeMap<>(Map.of(3, "c", 1, "a")));
        values.put("TreeMap with comparator", () -> {
            TreeMap<String, Integer> map = new TreeMap<>(Comparator.reverseOrder());
            map.put("a", 1);
            map.put("b", 2);
            return map;
        });
        values.put("HashSet", () -> new HashSet<>(Set.of(1, 2, 3)));
        values.put("Set.of", () -> Set.of("s", "t"));
        values.put("TreeSet", () -> new TreeSet<>(Set.of(5, 1, 3)));
        values.put("Optional", () -> Optional.of("present"));
        values.put("empty Optional", Optional::empty);
        values.put("BigDecimal", () -> new BigDecimal("12345678901234567890.123456789"));
        values.put("BigInteger", () -> BigInteger.TWO.pow(100));
        values.put("LocalDate", () -> LocalDate.of(2024, 2, 29));
        values.put("Instant", () -> Instant.ofEpochSecond(1_700_000_000L, 123));
        values.put("Duration", () -> Duration.ofMillis(1234));
        values.put("UUID", () -> new UUID(1, 2));
        values.put("Date", () -> new Date(1_700_000_000_000L));
        values.put("nested collections", () -> Map.of("k", List.of(Set.of(1), Optional.of(List.of()))));
        return values.entrySet().stream()
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue().get()));
    }

    private static <T> List<Pair<Integer, T>> copies(T value) {
        List<Pair<Integer, T>> copies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            copies.add(Pair.of(i, value));
        }
        return copies;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesSurviveShufflesCachesAndResults(String name, Object value) {
        List<Pair<Integer, Object>> copies = copies(value);
        PairRDD<Integer, Object> rdd = ctx.parallelizePairs(copies, 3);

        assertThat(rdd.collect()).as("task results").isEqualTo(copies);
        assertThat(rdd.repartition(4).collect()).as("shuffled").containsExactlyInAnyOrderElementsOf(copies);
        assertThat(rdd.groupByKey(2)
                        .mapValues(values -> values.iterator().next())
                        .collect())
                .as("grouped")
                .containsExactlyInAnyOrderElementsOf(copies);
        assertThat(rdd.sortByKey(false, 2).values().collect()).as("sorted").containsOnly(value);
        for (StorageLevel level : List.of(StorageLevel.MEMORY_ONLY_SER, StorageLevel.DISK_ONLY)) {
            PairRDD<Integer, Object> cached = ctx.parallelizePairs(copies, 3).persist(level);
            assertThat(cached.count()).isEqualTo(copies.size());
            assertThat(cached.collect()).as("cached %s", level.description()).isEqualTo(copies);
            cached.unpersist();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("values")
    void valuesWorkAsShuffleKeys(String name, Object value) {
        if (value instanceof Enum<?>) {
            return;
        }
        List<Pair<Object, Integer>> pairs = List.of(Pair.of(value, 1), Pair.of(value, 2), Pair.of("other", 3));
        Map<Object, Integer> sums =
                ctx.parallelizePairs(pairs, 3).reduceByKey(Integer::sum, 2).collectAsMap();
        assertThat(sums).hasSize(2).containsEntry(value, 3).containsEntry("other", 3);
    }

    @Test
    void arraysSurviveAsValues() {
        List<int[]> arrays = List.of(new int[] {1, 2}, new int[0], new int[] {3});
        List<int[]> shuffled = ctx.parallelize(arrays, 2).repartition(3).collect();
        assertThat(shuffled.stream().map(Arrays::toString).sorted().toList())
                .isEqualTo(arrays.stream().map(Arrays::toString).sorted().toList());
        List<String[]> strings = ctx.parallelize(List.of(new String[] {"a", null}, new String[] {"b"}), 2)
                .persist(StorageLevel.MEMORY_AND_DISK_SER)
                .collect();
        assertThat(strings.stream().map(Arrays::toString).toList()).containsExactly("[a, null]", "[b]");
        List<byte[]> bytes =
                ctx.parallelize(List.of(new byte[] {1, 2, 3}), 1).repartition(2).collect();
        assertThat(bytes).hasSize(1);
        assertThat(bytes.get(0)).containsExactly(1, 2, 3);
    }

    @Test
    void recordKeysJoinAcrossShuffles() {
        List<Pair<Point, String>> left =
                List.of(Pair.of(new Point(1, 1, "a"), "l1"), Pair.of(new Point(2, 2, "b"), "l2"));
        List<Pair<Point, Integer>> right =
                List.of(Pair.of(new Point(1, 1, "a"), 10), Pair.of(new Point(3, 3, "c"), 30));
        assertThat(ctx.parallelizePairs(left, 2)
                        .join(ctx.parallelizePairs(right, 2))
                        .collect())
                .containsExactly(Pair.of(new Point(1, 1, "a"), Pair.of("l1", 10)));
    }
}
