package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.Aggregator;
import dev.ember.function.Reducers;
import dev.ember.function.ReductionKind;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

/** The probing rule the hash tables share: every slot reachable, keys spread, tables grown at the same load. */
class OpenAddressingTest {
    /** Keys whose hash codes all collide. */
    record Colliding(int id) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    @Test
    void probingFromAnySlotVisitsEverySlotOnce() {
        for (int capacity = OpenAddressing.MIN_CAPACITY; capacity <= 1 << 14; capacity <<= 1) {
            int mask = capacity - 1;
            for (int start : new int[] {0, 1, capacity / 3, mask}) {
                BitSet seen = new BitSet(capacity);
                int slot = OpenAddressing.firstSlot(start, mask);
                for (int step = 1; step <= capacity; step++) {
                    assertThat(seen.get(slot))
                            .as("slot %s of %s seen twice", slot, capacity)
                            .isFalse();
                    seen.set(slot);
                    slot = OpenAddressing.nextSlot(slot, step, mask);
                }
                assertThat(seen.cardinality()).isEqualTo(capacity);
            }
        }
    }

    @Test
    void spreadingSeparatesHashCodesThatDifferOnlyInHighBits() {
        int mask = OpenAddressing.MIN_CAPACITY - 1;
        BitSet slots = new BitSet();
        for (long i = 0; i < 64; i++) {
            // Long's hash codes of multiples of 2^32: the low bits are all equal.
            slots.set(OpenAddressing.firstSlot(OpenAddressing.spread(Long.hashCode(i << 32)), mask));
        }
        assertThat(slots.cardinality()).as("distinct first slots").isGreaterThan(32);
    }

    @Test
    void capacityIsAPowerOfTwoThatHoldsTheEntriesBelowTheLoadFactor() {
        assertThat(OpenAddressing.capacityFor(0)).isEqualTo(OpenAddressing.MIN_CAPACITY);
        assertThat(OpenAddressing.capacityFor(44)).isEqualTo(64);
        assertThat(OpenAddressing.capacityFor(45)).isEqualTo(128);
        for (int entries = 0; entries < 100_000; entries += 97) {
            int capacity = OpenAddressing.capacityFor(entries);
            assertThat(Integer.bitCount(capacity)).isEqualTo(1);
            assertThat(OpenAddressing.growThreshold(capacity)).isGreaterThanOrEqualTo(entries);
            assertThat(capacity == OpenAddressing.MIN_CAPACITY || OpenAddressing.growThreshold(capacity / 2) < entries)
                    .as("smallest for %s", entries)
                    .isTrue();
        }
        assertThat(OpenAddressing.growThreshold(64)).isEqualTo(44);
        assertThat(OpenAddressing.grownCapacity(64)).isEqualTo(128);
        assertThatThrownBy(() -> OpenAddressing.grownCapacity(OpenAddressing.MAX_CAPACITY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot hold more than");
        assertThatThrownBy(() -> OpenAddressing.capacityFor(OpenAddressing.MAX_CAPACITY))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theGeneralMapFindsCollidingKeysAcrossGrowth() {
        PartitionedAppendOnlyMap<Object, Long> map = new PartitionedAppendOnlyMap<>();
        Aggregator<Object, Long, Long> sum = Aggregator.reducing(Reducers.longSum());
        for (int round = 0; round < 3; round++) {
            for (int id = 0; id < 500; id++) {
                map.insert(0, new Colliding(id), (long) id, sum);
            }
            map.insert(0, null, 1L, sum);
        }
        assertThat(map.size()).isEqualTo(501);
        for (int id = 0; id < 500; id++) {
            assertThat(map.get(new Colliding(id))).isEqualTo(3L * id);
        }
        assertThat(map.get(null)).isEqualTo(3L);
        assertThat(map.get(new Colliding(500))).isNull();
    }

    @Test
    void theReductionMapsFindCollidingKeysAcrossGrowth() {
        InPlaceMerge.Reduction sum = InPlaceMerge.reduction(ReductionKind.LONG_SUM);
        ReductionMap objects = new ReductionMap.ObjectKeys(sum, 0);
        ReductionMap longs = new ReductionMap.LongKeys(sum);
        for (int round = 0; round < 3; round++) {
            for (int id = 0; id < 2000; id++) {
                assertThat(objects.insert(0, new Colliding(id % 500), 1L)).isTrue();
                // Long.hashCode of these is id with its low three bits cleared: runs of eight keys collide.
                assertThat(longs.insert(0, (long) id << 32 | (id & 7), 1L)).isTrue();
            }
        }
        assertThat(objects.size()).isEqualTo(500);
        assertThat(longs.size()).isEqualTo(2000);
        assertThat(objects.estimateSize()).isPositive();
        PartitionedCursor<Object, Object> cursor = objects.destructiveSortedCursor(1, KeyOrder.none());
        int entries = 0;
        while (cursor.advance()) {
            assertThat(cursor.value()).isEqualTo(12L);
            entries++;
        }
        assertThat(entries).isEqualTo(500);
        PartitionedCursor<Object, Object> longCursor = longs.destructiveSortedCursor(1, KeyOrder.byHash());
        while (longCursor.advance()) {
            assertThat(longCursor.value()).isEqualTo(3L);
        }
    }
}
