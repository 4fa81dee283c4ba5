package dev.ember.collection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Both orders must equal a plain stable sort of the positions by the same keys. */
class IntSorterTest {
    private static int[] randomInts(Random random, int size, int bound) {
        return IntStream.range(0, size).map(ignored -> random.nextInt(bound)).toArray();
    }

    @Test
    void hashOrderIsPartitionThenSignedHashThenPosition() {
        Random random = new Random(23);
        // Sizes on both sides of the switch from a comparison sort to the radix sort; partition counts that need
        // no partition digit, one, and two; hashes that are few (ties everywhere, of both signs, so that every
        // digit but the sign's is the same and passes are skipped) or spread over all 32 bits.
        for (int size : new int[] {2, 255, 256, 257, 50_000}) {
            for (int numPartitions : new int[] {1, 7, 3000}) {
                for (boolean spread : new boolean[] {false, true}) {
                    int[] partitions = randomInts(random, size, numPartitions);
                    int[] hashes = IntStream.range(0, size)
                            .map(ignored -> spread
                                    ? random.nextInt()
                                    : random.nextInt(200) - 100 + (random.nextBoolean() ? Integer.MIN_VALUE : 0))
                            .toArray();
                    assertThat(IntSorter.orderByPartitionThenHash(partitions, hashes, size, numPartitions))
                            .as("%d records, %d partitions, spread %s", size, numPartitions, spread)
                            .containsExactly(stableOrder(partitions, hashes, size));
                    if (numPartitions == 1) {
                        assertThat(IntSorter.orderByPartitionThenHash(null, hashes, size, 1))
                                .as("no partitions array, %d records", size)
                                .containsExactly(stableOrder(partitions, hashes, size));
                    }
                }
            }
        }
    }

    private static int[] stableOrder(int[] partitions, int[] hashes, int size) {
        List<Integer> expected =
                new ArrayList<>(IntStream.range(0, size).boxed().toList());
        expected.sort(Comparator.<Integer>comparingInt(i -> partitions[i])
                .thenComparingInt(i -> hashes[i])
                .thenComparingInt(i -> i));
        return expected.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void comparatorOrderIsStableWithinAPartition() {
        Random random = new Random(29);
        int size = 20_000;
        int[] partitions = randomInts(random, size, 5);
        int[] keys = randomInts(random, size, 50);
        int[] order = IntSorter.orderByPartition(partitions, size, 5, (a, b) -> Integer.compare(keys[b], keys[a]));

        List<Integer> expected =
                new ArrayList<>(IntStream.range(0, size).boxed().toList());
        // List.sort is stable: equal keys keep their positions' order.
        expected.sort(Comparator.<Integer>comparingInt(i -> partitions[i]).thenComparing((a, b) -> keys[b] - keys[a]));
        assertThat(order)
                .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void emptyAndSingleInputs() {
        assertThat(IntSorter.orderByPartitionThenHash(new int[0], new int[0], 0, 3))
                .isEmpty();
        assertThat(IntSorter.orderByPartitionThenHash(new int[] {2}, new int[] {-5}, 1, 3))
                .containsExactly(0);
    }
}
