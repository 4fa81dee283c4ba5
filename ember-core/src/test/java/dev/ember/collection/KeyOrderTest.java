package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Each key order sorts a collection's records as it says, and compares keys the same way when merging. */
class KeyOrderTest {
    /** A key whose hash code is given, to make collisions and order by hash visible. */
    record Key(String name, int hash) {
        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static List<Object[]> read(PartitionedCursor<Object, Object> cursor) {
        List<Object[]> records = new ArrayList<>();
        while (cursor.advance()) {
            records.add(new Object[] {cursor.partition(), cursor.key(), cursor.value()});
        }
        return records;
    }

    private static PartitionedPairBuffer<Object, Object> buffer(List<Object[]> records) {
        PartitionedPairBuffer<Object, Object> buffer = new PartitionedPairBuffer<>(4);
        for (Object[] record : records) {
            buffer.insert((Integer) record[0], record[1], record[2]);
        }
        return buffer;
    }

    private static List<Object[]> randomRecords(Random random) {
        List<Object[]> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Object key = random.nextInt(20) == 0 ? null : new Key("k" + random.nextInt(100), random.nextInt(9) - 4);
            records.add(new Object[] {random.nextInt(3), key, i});
        }
        return records;
    }

    @Test
    void noneOrdersByPartitionOnlyAndComparesNothing() {
        List<Object[]> records = randomRecords(new Random(1));
        List<Object[]> read = read(buffer(records).destructiveSortedCursor(3, KeyOrder.none()));
        assertThat(KeyOrder.none().comparator()).isEmpty();
        assertThat(read).hasSize(records.size());
        assertThat(read.stream().map(record -> (Integer) record[0]).toList()).isSorted();
        // Counting sort: stable, so a partition's records keep their order of arrival.
        for (int partition = 0; partition < 3; partition++) {
            int p = partition;
            assertThat(read.stream().filter(record -> (Integer) record[0] == p).map(record -> record[2]))
                    .isSorted();
        }
    }

    @Test
    void byHashOrdersByPartitionThenHashCodeWithNullAsZero() {
        List<Object[]> records = randomRecords(new Random(2));
        KeyOrder<Object> byHash = KeyOrder.byHash();
        List<Object[]> read = read(buffer(records).destructiveSortedCursor(3, byHash));
        assertThat(read).hasSize(records.size());
        Comparator<Object[]> expected = Comparator.<Object[]>comparingInt(record -> (Integer) record[0])
                .thenComparingInt(record -> KeyOrder.hashCodeOf(record[1]));
        assertThat(read).isSortedAccordingTo(expected);
        assertThat(KeyOrder.hashCodeOf(null)).isZero();

        // The comparator merges compare the same way.
        Comparator<? super Object> merging = byHash.comparator().orElseThrow();
        assertThat(merging.compare(null, new Key("a", 0))).isZero();
        assertThat(merging.compare(new Key("a", -1), null)).isNegative();
        assertThat(merging.compare(new Key("a", 3), new Key("b", 2))).isPositive();
    }

    @Test
    void byComparatorOrdersByPartitionThenTheOrdering() {
        Random random = new Random(3);
        List<Object[]> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(new Object[] {random.nextInt(4), "k" + random.nextInt(1000), i});
        }
        Comparator<Object> reverse = Comparator.comparing(Object::toString).reversed();
        KeyOrder<Object> order = KeyOrder.by(reverse);
        List<Object[]> read = read(buffer(records).destructiveSortedCursor(4, order));
        assertThat(read)
                .isSortedAccordingTo(Comparator.<Object[]>comparingInt(record -> (Integer) record[0])
                        .thenComparing(record -> record[1], reverse));
        assertThat(order.comparator()).contains(reverse);
        assertThat(KeyOrder.byOrNone(reverse)).isEqualTo(order);
        assertThat(KeyOrder.byOrNone(null)).isSameAs(KeyOrder.none());
    }

    @Test
    void theReductionMapAndTheGeneralMapReadOutInTheSameHashOrder() {
        Random random = new Random(4);
        PartitionedAppendOnlyMap<Object, Object> general = new PartitionedAppendOnlyMap<>();
        ReductionMap reduction =
                new ReductionMap.ObjectKeys(InPlaceMerge.reduction(dev.ember.function.ReductionKind.LONG_SUM), 0);
        dev.ember.Aggregator<Object, Object, Object> sum = dev.ember.Aggregator.reducing((a, b) -> (Long) a + (Long) b);
        for (int i = 0; i < 2000; i++) {
            Object key = random.nextInt(50) == 0 ? null : new Key("k" + random.nextInt(300), random.nextInt(40));
            int partition = KeyOrder.hashCodeOf(key) & 1;
            general.insert(partition, key, 1L, sum);
            assertThat(reduction.insert(partition, key, 1L)).isTrue();
        }
        List<Object[]> fromGeneral = read(general.destructiveSortedCursor(2, KeyOrder.byHash()));
        List<Object[]> fromReduction = read(reduction.destructiveSortedCursor(2, KeyOrder.byHash()));
        Comparator<Object[]> byPartitionThenHash = Comparator.<Object[]>comparingInt(record -> (Integer) record[0])
                .thenComparingInt(record -> KeyOrder.hashCodeOf(record[1]));
        assertThat(fromGeneral).isSortedAccordingTo(byPartitionThenHash);
        assertThat(fromReduction).isSortedAccordingTo(byPartitionThenHash);
        assertThat(fromReduction.stream().map(Arrays::asList))
                .containsExactlyInAnyOrderElementsOf(
                        fromGeneral.stream().map(Arrays::asList).toList());
    }
}
