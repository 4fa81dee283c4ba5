package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.Aggregator;
import dev.ember.function.Function;
import dev.ember.function.Function2;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongReductionMapTest {
    private static int operationOf(Function2<Long, Long, Long> function) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        int operation = InPlaceMerge.longOperation(InPlaceMerge.inPlace((Function2) function));
        assertThat(operation).as("recognized").isNotNegative();
        return operation;
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
        LongReductionMap map = new LongReductionMap(operationOf(Long::sum));
        Map<Long, Long> expected = new HashMap<>();
        Random random = new Random(37);
        for (int i = 0; i < 20_000; i++) {
            long key = random.nextInt(700) - 350;
            long value = random.nextLong();
            assertThat(map.insert((int) Math.floorMod(key, 3L), key, value)).isTrue();
            expected.merge(key, value, Long::sum);
        }
        assertThat(map.size()).isEqualTo(expected.size());

        List<Object[]> entries = entries(map.destructiveSortedCursor(3, PartitionedAppendOnlyMap.HASH_ORDER));
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
        LongReductionMap map = new LongReductionMap(operationOf(Long::min));
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
    void keyZeroIsAnEntryLikeAnyOther() {
        LongReductionMap map = new LongReductionMap(operationOf(Math::max));
        map.insert(2, 0L, -5L);
        map.insert(2, 0L, -9L);
        map.insert(1, 1L, 1L);
        List<Object[]> entries = entries(map.destructiveSortedCursor(3, null));
        assertThat(entries).hasSize(2);
        assertThat(entries.get(0)).containsExactly(1, 1L, 1L);
        assertThat(entries.get(1)).containsExactly(2, 0L, -5L);
    }
}
