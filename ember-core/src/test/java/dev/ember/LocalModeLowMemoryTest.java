package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * Caching and shuffling with much less memory than the data needs: blocks that do not fit are dropped or go to
 * disk, aggregations spill under memory pressure, and every result stays correct.
 */
class LocalModeLowMemoryTest extends RddConformanceSuite {
    /** About 1.8 MB of it is shared by execution and storage. */
    private static final String MEMORY = "3m";

    /** 8 partitions of about 300 KB each as objects: 6 fit in memory. */
    private static final int PARTITIONS = 8;

    private static final int PER_PARTITION = 2000;

    @Override
    protected String master() {
        return "local[2]";
    }

    @Override
    protected EmberConf conf() {
        return super.conf().set("ember.testing.memory", MEMORY).set("ember.storage.unrollMemoryThreshold", "16k");
    }

    private RDD<String> bigStrings(LongAccumulator computed) {
        return ctx.range(0, (long) PARTITIONS * PER_PARTITION, 1, PARTITIONS).map(x -> {
            computed.add(1);
            return x + ":" + "#".repeat(100);
        });
    }

    private static List<String> expectedStrings() {
        return LongStream.range(0, (long) PARTITIONS * PER_PARTITION)
                .mapToObj(x -> x + ":" + "#".repeat(100))
                .toList();
    }

    @Test
    void memoryOnlyCachingOfTooMuchDataStaysCorrect() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = bigStrings(computed).persist(StorageLevel.MEMORY_ONLY);
        assertThat(rdd.collect()).isEqualTo(expectedStrings());
        assertThat(rdd.collect()).isEqualTo(expectedStrings());
        assertThat(rdd.count()).isEqualTo(PARTITIONS * PER_PARTITION);
        assertThat(computed.value())
                .as("partitions that did not fit were computed again")
                .isGreaterThan((long) PARTITIONS * PER_PARTITION);
        rdd.unpersist();
    }

    @Test
    void serializedMemoryCachingOfTooMuchDataStaysCorrect() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = bigStrings(computed).persist(StorageLevel.MEMORY_ONLY_SER);
        assertThat(rdd.collect()).isEqualTo(expectedStrings());
        assertThat(rdd.collect()).isEqualTo(expectedStrings());
        rdd.unpersist();
    }

    @Test
    void memoryAndDiskKeepsEveryPartition() {
        for (StorageLevel level : List.of(StorageLevel.MEMORY_AND_DISK, StorageLevel.MEMORY_AND_DISK_SER)) {
            LongAccumulator computed = ctx.longAccumulator();
            RDD<String> rdd = bigStrings(computed).persist(level);
            assertThat(rdd.collect()).isEqualTo(expectedStrings());
            assertThat(rdd.collect()).isEqualTo(expectedStrings());
            assertThat(rdd.filter(value -> value.startsWith("7")).count())
                    .isEqualTo(expectedStrings().stream()
                            .filter(value -> value.startsWith("7"))
                            .count());
            assertThat(computed.value())
                    .as("%s computed each partition once", level.description())
                    .isEqualTo((long) PARTITIONS * PER_PARTITION);
            rdd.unpersist();
        }
    }

    @Test
    void evictedBlocksWithNullElementsGoToDisk() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> small = ctx.range(0, 2000, 1, 4)
                .map(x -> {
                    computed.add(1);
                    return x % 10 == 0 ? null : "v" + x;
                })
                .persist(StorageLevel.MEMORY_AND_DISK);
        List<String> expected = LongStream.range(0, 2000)
                .mapToObj(x -> x % 10 == 0 ? null : "v" + x)
                .toList();
        assertThat(small.collect()).isEqualTo(expected);

        LongAccumulator ignored = ctx.longAccumulator();
        RDD<String> large = bigStrings(ignored).persist(StorageLevel.MEMORY_AND_DISK);
        assertThat(large.count()).as("caching this evicts the first RDD").isEqualTo((long) PARTITIONS * PER_PARTITION);

        assertThat(small.collect()).isEqualTo(expected);
        assertThat(computed.value()).as("evicted blocks were kept on disk").isEqualTo(2000);
        small.unpersist();
        large.unpersist();
    }

    @Test
    void aggregationsSpillUnderMemoryPressure() {
        int count = 100_000;
        Map<Long, List<Long>> groups = ctx.range(0, count, 1, 4)
                .mapToPair(x -> Pair.of(x % 5000, x))
                .groupByKey(3)
                .mapValues(values -> {
                    List<Long> sorted = new java.util.ArrayList<>();
                    values.forEach(sorted::add);
                    sorted.sort(null);
                    return sorted;
                })
                .collectAsMap();
        Map<Long, List<Long>> expected =
                LongStream.range(0, count).boxed().collect(Collectors.groupingBy(x -> x % 5000));
        assertThat(groups).isEqualTo(expected);
    }

    @Test
    void sortingSpillsUnderMemoryPressure() {
        int count = 100_000;
        List<Long> sorted = ctx.range(0, count, 1, 4)
                .map(x -> x * 7919 % count)
                .sortBy(x -> x, false, 3)
                .collect();
        assertThat(sorted)
                .isEqualTo(LongStream.range(0, count)
                        .map(x -> count - 1 - x)
                        .boxed()
                        .toList());
    }
}
