package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.Aggregator;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReductionMapTest {
    private static InPlaceMerge.Reduction reductionOf(Function2<?, ?, ?> function) {
        ReductionKind kind = Reducers.reductionOf(function).orElseThrow();
        return InPlaceMerge.reduction(kind);
    }

    /** Partition, key and value of every entry, read through the cursor. */
    private static List<Object[]> entries(PartitionedCursor<Object, Object> cursor) {
        List<Object[]> entries = new ArrayList<>();
        while (cursor.advance()) {
            entries.add(new Object[] {cursor.partition(), cursor.key(), cursor.value()});
        }
        return entries;
    }

    @Test
    void sumsByKeyInPartitionThenHashOrder() {
        ReductionMap map = new ReductionMap.LongKeys(reductionOf((Function2<Long, Long, Long>) Long::sum));
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(37);
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextInt(700) - 350;
            long value = random.nextLong();
            assertThat(map.insert((int) Math.floorMod(key, 3L), key, value)).isTrue();
            expected.merge(key, value, Long::sum);
        }
        assertThat(map.size()).isEqualTo(expected.size());

        List<Object[]> entries = entries(map.destructiveSortedCursor(3, KeyOrder.byHash()));
        Map<Long, Long> actual = new HashMap<>();
        int previousPartition = -1;
        int previousHash = Integer.MIN_VALUE;
        for (Object[] entry : entries) {
            int partition = (Integer) entry[0];
            Long key = (Long) entry[1];
            assertThat(partition).isEqualTo((int) Math.floorMod(key, 3L));
            if (partition != previousPartition) {
                assertThat(partition).isGreaterThan(previousPartition);
                previousPartition = partition;
                previousHash = Integer.MIN_VALUE;
            }
            assertThat(key.hashCode()).isGreaterThanOrEqualTo(previousHash);
            previousHash = key.hashCode();
            actual.put(key, (Long) entry[2]);
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void refusesWhatIsNotALongAndChangesNothing() {
        ReductionMap map = new ReductionMap.LongKeys(reductionOf((Function2<Long, Long, Long>) Long::min));
        assertThat(map.insert(0, 4L, 10L)).isTrue();
        assertThat(map.insert(0, 4L, 3L)).isTrue();
        assertThat(map.insert(0, null, 1L)).isFalse();
        assertThat(map.insert(0, 4L, null)).isFalse();
        assertThat(map.insert(0, 4, 1L)).isFalse();
        assertThat(map.insert(0, 4L, 1)).isFalse();
        assertThat(map.size()).isEqualTo(1);

        Aggregator<Object, Object, Object> aggregator = new Aggregator<>(
                Function.identity(), (a, b) -> Math.min((Long) a, ((Number) b).longValue()), (a, b) -> a);
        PartitionedAppendOnlyMap<Object, Object> generic = map.toGeneric(aggregator);
        generic.insert(0, 4L, 1, aggregator);
        generic.insert(0, null, 2L, aggregator);
        assertThat(generic.get(4L)).isEqualTo(1L);
        assertThat(generic.get(null)).isEqualTo(2L);
        assertThat(generic.size()).isEqualTo(2);
    }

    @Test
    void integerKeysWithDoubleSums() {
        ReductionMap map = new ReductionMap.LongKeys(reductionOf((Function2<Double, Double, Double>) Double::sum));
        Map<Integer, Double> expected = new HashMap<>();
        Random random = new Random(41);
        for (int i = 0; i < 5000; i++) {
            int key = random.nextInt(300) - 150;
            double value = random.nextGaussian();
            assertThat(map.insert(0, key, value)).isTrue();
            expected.merge(key, value, Double::sum);
        }
        assertThat(map.insert(0, 5L, 1.0)).as("a Long key after Integer keys").isFalse();
        assertThat(map.insert(0, 5, 1)).as("an Integer value in a Double sum").isFalse();
        Map<Object, Object> actual = new HashMap<>();
        for (Object[] entry : entries(map.destructiveSortedCursor(1, KeyOrder.none()))) {
            actual.put(entry[1], entry[2]);
        }
        // Each key's values were added in the same order on both sides: the sums agree to the bit.
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void objectKeysWithIntSumsAndANullKey() {
        ReductionMap map =
                new ReductionMap.ObjectKeys(reductionOf((Function2<Integer, Integer, Integer>) Integer::sum), 0);
        Map<String, Integer> expected = new HashMap<>();
        Random random = new Random(47);
        for (int i = 0; i < 20_000; i++) {
            String key = random.nextInt(50) == 0 ? null : "w" + random.nextInt(900);
            int value = random.nextInt();
            assertThat(map.insert(0, key, value)).isTrue();
            expected.merge(key, value, Integer::sum);
        }
        assertThat(map.insert(0, "w1", 1L)).as("a Long value in an Integer sum").isFalse();
        assertThat(map.size()).isEqualTo(expected.size());
        assertThat(map.estimateSize()).isPositive();
        Map<Object, Object> actual = new HashMap<>();
        for (Object[] entry : entries(map.destructiveSortedCursor(1, KeyOrder.byHash()))) {
            assertThat(actual.put(entry[1], entry[2])).isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void stringKeysPackedOrNotAreToldApartExactly() {
        // Lengths around the 16 characters that pack, characters on both sides of 255, NULs that a length must tell
        // apart ("a" and "a\0"), strings sharing a hash code ("Aa" and "BB"), and keys that are not strings.
        List<Object> keys = new ArrayList<>(List.of(
                "",
                "a",
                "a\0",
                "\0",
                "\0\0",
                "Aa",
                "BB",
                "AaAa",
                "BBBB",
                "AaBB",
                "é",
                "ÿÿ",
                "€",
                "a€",
                "0123456789abcdef",
                "0123456789abcdeg",
                "0123456789abcdAa",
                "0123456789abcdBB",
                "01234567Aa",
                "01234567BB",
                "0123456789abcdefg",
                "0123456789abcdefh",
                "\u00ff".repeat(16),
                5,
                5L,
                "5",
                'x',
                "x"));
        Random random = new Random(53);
        for (int i = 0; i < 3000; i++) {
            StringBuilder word = new StringBuilder();
            int length = random.nextInt(20);
            for (int c = 0; c < length; c++) {
                word.append((char) (random.nextInt(10) == 0 ? 0x100 + random.nextInt(50) : 'a' + random.nextInt(3)));
            }
            keys.add(word.toString());
        }
        // A map whose first key is a string packs strings; one whose first key is not compares them with equals.
        for (Object first : List.of("first", 7)) {
            checkSums(keys, first, new Random(53));
        }
    }

    private static void checkSums(List<Object> keys, Object first, Random random) {
        ReductionMap map = new ReductionMap.ObjectKeys(reductionOf((Function2<Long, Long, Long>) Long::sum), 0);
        Map<Object, Long> expected = new HashMap<>();
        assertThat(map.insert(Math.floorMod(first.hashCode(), 3), first, 1L)).isTrue();
        expected.put(first, 1L);
        for (int i = 0; i < 60_000; i++) {
            // New string objects each time, as a reader would make them: equal keys are never the same object.
            Object key = keys.get(random.nextInt(keys.size()));
            Object copy = key instanceof String string ? new String(string.toCharArray()) : key;
            long value = random.nextInt(1000);
            assertThat(map.insert(Math.floorMod(copy.hashCode(), 3), copy, value))
                    .isTrue();
            expected.merge(copy, value, Long::sum);
        }
        assertThat(map.size()).isEqualTo(expected.size());
        Map<Object, Object> actual = new HashMap<>();
        for (Object[] entry : entries(map.destructiveSortedCursor(3, KeyOrder.byHash()))) {
            assertThat(entry[0]).isEqualTo(Math.floorMod(entry[1].hashCode(), 3));
            assertThat(actual.put(entry[1], entry[2])).as("%s once", entry[1]).isNull();
        }
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void longKeysMoveToObjectKeysKeepingTheirEntries() {
        ReductionMap longKeys = new ReductionMap.LongKeys(reductionOf((Function2<Long, Long, Long>) Long::sum));
        assertThat(longKeys.insert(1, 0L, 5L)).isTrue();
        assertThat(longKeys.insert(0, 8L, 6L)).isTrue();
        assertThat(longKeys.insert(0, "eight", 7L)).as("a key of another class").isFalse();
        ReductionMap objects = longKeys.toObjectKeys();
        assertThat(objects.insert(0, "eight", 7L)).isTrue();
        assertThat(objects.insert(0, 8L, 1L)).isTrue();
        List<Object[]> entries = entries(objects.destructiveSortedCursor(2, KeyOrder.none()));
        Map<Object, Object> actual = new HashMap<>();
        entries.forEach(entry -> actual.put(entry[1], entry[2]));
        assertThat(actual).isEqualTo(Map.of(0L, 5L, 8L, 7L, "eight", 7L));
        assertThat(entries.get(entries.size() - 1)).as("partition 1 last").containsExactly(1, 0L, 5L);
    }

    @Test
    void keyZeroIsAnEntryLikeAnyOther() {
        ReductionMap map = new ReductionMap.LongKeys(reductionOf((Function2<Long, Long, Long>) Math::max));
        map.insert(2, 0L, -5L);
        map.insert(2, 0L, -9L);
        map.insert(1, 1L, 1L);
        List<Object[]> entries = entries(map.destructiveSortedCursor(3, KeyOrder.none()));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsExactly(1, 1L, 1L);
        assertThat(entries.get(1)).containsExactly(2, 0L, -5L);
    }
}
