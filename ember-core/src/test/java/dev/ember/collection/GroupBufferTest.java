package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Pair;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/**
 * Whatever the buffer keeps as longs or objects, reading it must give each (partition, key) once with exactly the
 * values inserted for it, in insertion order, by partition and then signed hash code.
 */
class GroupBufferTest {
    private record Record(int partition, Object key, Object value) {}

    /** Inserts everything, reads it back and checks it against plain Java. */
    private static void check(List<Record> records, int numPartitions) {
        GroupBuffer buffer = new GroupBuffer();
        Map<Pair<Integer, Object>, List<Object>> expected = new LinkedHashMap<>();
        for (Record record : records) {
            buffer.insert(record.partition(), record.key(), record.value());
            expected.computeIfAbsent(Pair.of(record.partition(), record.key()), ignored -> new ArrayList<>())
                    .add(record.value());
        }
        assertThat(buffer.size()).isEqualTo(records.size());

        Map<Pair<Integer, Object>, List<Object>> actual = new LinkedHashMap<>();
        List<Pair<Integer, Integer>> order = new ArrayList<>();
        PartitionedCursor<Object, Object> cursor = buffer.destructiveSortedCursor(numPartitions, KeyOrder.none());
        while (cursor.advance()) {
            Object values = cursor.value();
            assertThat(values).isInstanceOf(CompactBuffer.class);
            List<Object> previous =
                    actual.put(Pair.of(cursor.partition(), cursor.key()), new ArrayList<>((List<?>) values));
            assertThat(previous).as("key %s appears once", cursor.key()).isNull();
            order.add(Pair.of(cursor.partition(), KeyOrder.hashCodeOf(cursor.key())));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(order)
                .isSortedAccordingTo(Comparator.<Pair<Integer, Integer>>comparingInt(Pair::key)
                        .thenComparingInt(Pair::value));
    }

    private static List<Record> randomRecords(
            int count, int numPartitions, Random random, LongFunction<Object> key, LongFunction<Object> value) {
        List<Record> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Object k = key.apply(random.nextInt(3000));
            records.add(
                    new Record(Math.floorMod(Objects.hashCode(k), numPartitions), k, value.apply(random.nextLong())));
        }
        return records;
    }

    @Test
    void longKeysAndValuesIncludingKeysThatShareAHashCode() {
        // (1 << 32 | (n ^ 1)) has the same Long hash code as n: runs of one hash code hold two keys.
        check(randomRecords(40_000, 5, new Random(3), n -> n % 2 == 0 ? n : (1L << 32) | (n ^ 1), v -> v), 5);
        check(randomRecords(40_000, 1, new Random(4), n -> n - 1500, v -> v % 1000), 1);
    }

    @Test
    void integerKeysWithIntegerOrDoubleValues() {
        check(randomRecords(20_000, 3, new Random(5), n -> (int) n, v -> (int) v), 3);
        check(
                randomRecords(
                        20_000,
                        3,
                        new Random(6),
                        n -> (int) n,
                        v -> v % 7 == 0 ? Double.NaN : v % 5 == 0 ? -0.0 : (double) v),
                3);
    }

    @Test
    void objectKeysWithCollisionsAndNulls() {
        ExternalSorterTest.CollidingKey[] keys = new ExternalSorterTest.CollidingKey[3000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = new ExternalSorterTest.CollidingKey(i);
        }
        check(randomRecords(20_000, 4, new Random(7), n -> keys[(int) n], v -> v % 3 == 0 ? null : "v" + v), 4);
        check(randomRecords(5_000, 2, new Random(8), n -> n % 100 == 0 ? null : "k" + n % 40, v -> v), 2);
    }

    @Test
    void aKeyOrValueOfAnotherKindBoxesWhatCameBefore() {
        Random random = new Random(9);
        List<Record> records = new ArrayList<>(randomRecords(3_000, 1, random, n -> n, v -> v));
        records.add(new Record(0, "a string key", 1L));
        records.addAll(randomRecords(3_000, 1, random, n -> n, v -> v));
        records.add(new Record(0, 7L, null));
        records.add(new Record(0, 7, "an Integer key and a string value"));
        records.addAll(randomRecords(3_000, 1, random, n -> n, v -> v));
        check(records, 1);

        List<Record> integersThenLongs = new ArrayList<>(randomRecords(1_000, 1, random, n -> (int) n, v -> (int) v));
        integersThenLongs.addAll(randomRecords(1_000, 1, random, n -> n, v -> v));
        check(integersThenLongs, 1);
    }

    @Test
    void smallAndEmptyBuffers() {
        check(List.of(), 3);
        check(List.of(new Record(2, 5L, 1L)), 3);
        check(randomRecords(200, 3, new Random(10), n -> n % 7, v -> v), 3);
    }

    @Test
    void groupsTakeMoreValuesAndLongsAreCountedExactly() {
        GroupBuffer buffer = new GroupBuffer();
        for (long i = 0; i < 1000; i++) {
            buffer.insert(0, i % 10, i);
        }
        assertThat(buffer.estimateSize()).as("two longs a record").isBetween(16_000L, 32_000L);
        PartitionedCursor<Object, Object> cursor = buffer.destructiveSortedCursor(1, KeyOrder.byHash());
        assertThat(cursor.advance()).isTrue();
        @SuppressWarnings("unchecked")
        CompactBuffer<Object> values = (CompactBuffer<Object>) cursor.value();
        assertThat(values).hasSize(100);
        // A group is sized exactly; merging another spill's group into it must still grow it.
        values.addAll(CompactBuffer.of(-1L));
        values.add("x");
        assertThat(values).hasSize(102).endsWith(-1L, "x");
        assertThat(values.get(0)).isEqualTo(cursor.key());
    }

    @Test
    void refusesAKeyOrder() {
        GroupBuffer buffer = new GroupBuffer();
        buffer.insert(0, 1L, 1L);
        assertThatThrownBy(() -> buffer.destructiveSortedCursor(1, KeyOrder.by(Comparator.comparing(Object::toString))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hash code");
    }
}
