package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Caching at every storage level, unpersisting, and reliable and local checkpointing. Whether a partition was read
 * from the cache is observed through an accumulator counting how often the function before the cache runs.
 */
public abstract class PersistenceSuite extends RddConformanceSuite {
    private static final List<String> DATA = words(300);

    private static List<String> expected() {
        return DATA.stream().map(word -> word + "!").toList();
    }

    /** {@code DATA} with a '!' appended by a function that counts its calls in {@code computed}. */
    private RDD<String> counted(LongAccumulator computed) {
        return ctx.parallelize(DATA, 4).map(word -> {
            computed.add(1);
            return word + "!";
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MEMORY_ONLY", "MEMORY_ONLY_SER", "MEMORY_AND_DISK", "MEMORY_AND_DISK_SER", "DISK_ONLY"})
    void persistedPartitionsAreComputedOnce(String levelName) {
        StorageLevel level = StorageLevel.fromString(levelName);
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = counted(computed);
        assertThat(rdd.persist(level)).isSameAs(rdd);
        assertThat(rdd.getStorageLevel()).isEqualTo(level);
        assertThat(ctx.getPersistentRDDs()).containsKey(rdd.id());
        assertThat(computed.value()).as("persisting is lazy").isZero();

        assertThat(rdd.count()).isEqualTo(DATA.size());
        assertThat(computed.value()).isEqualTo(DATA.size());
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(rdd.map(String::length).reduce(Integer::sum))
                .isEqualTo(expected().stream().mapToInt(String::length).sum());
        assertThat(computed.value()).as("later jobs read the cache").isEqualTo(DATA.size());
        assertThat(rdd.toDebugString()).contains(level.description());

        rdd.unpersist();
        assertThat(rdd.getStorageLevel()).isEqualTo(StorageLevel.NONE);
        assertThat(ctx.getPersistentRDDs()).doesNotContainKey(rdd.id());
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(computed.value()).as("recomputed after unpersist").isEqualTo(2L * DATA.size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"MEMORY_ONLY", "MEMORY_ONLY_SER", "MEMORY_AND_DISK", "MEMORY_AND_DISK_SER", "DISK_ONLY"})
    void nullElementsAreCachedLikeAnyOther(String levelName) {
        List<String> withNulls = new java.util.ArrayList<>(DATA);
        for (int i = 0; i < withNulls.size(); i += 7) {
            withNulls.set(i, null);
        }
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = ctx.parallelize(withNulls, 3)
                .map(word -> {
                    computed.add(1);
                    return word;
                })
                .persist(StorageLevel.fromString(levelName));
        assertThat(rdd.collect()).isEqualTo(withNulls);
        assertThat(rdd.collect()).isEqualTo(withNulls);
        assertThat(computed.value()).isEqualTo(withNulls.size());
        rdd.unpersist();
    }

    @Test
    void cacheIsMemoryOnly() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = counted(computed).cache();
        assertThat(rdd.getStorageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY);
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(computed.value()).isEqualTo(DATA.size());
        rdd.unpersist(false);
        assertThat(ctx.getPersistentRDDs()).doesNotContainKey(rdd.id());
    }

    @Test
    void persistedPairsOfAShuffleAreReused() {
        LongAccumulator computed = ctx.longAccumulator();
        PairRDD<String, Integer> counts = ctx.parallelize(DATA, 4)
                .mapToPair(word -> Pair.of(word, 1))
                .reduceByKey(Integer::sum, 3)
                .mapValues(count -> {
                    computed.add(1);
                    return count;
                })
                .persist(StorageLevel.MEMORY_AND_DISK_SER);
        Map<String, Integer> expected = DATA.stream().collect(Collectors.toMap(word -> word, word -> 1, Integer::sum));
        assertThat(counts.collectAsMap()).isEqualTo(expected);
        long afterFirst = computed.value();
        assertThat(afterFirst).isEqualTo(expected.size());
        assertThat(counts.lookup("fig")).containsExactly(expected.get("fig"));
        assertThat(counts.count()).isEqualTo(expected.size());
        assertThat(computed.value()).isEqualTo(afterFirst);
        counts.unpersist();
    }

    @Test
    void partlyReadPartitionsAreCachedWhole() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = counted(computed).cache();
        assertThat(rdd.first()).isEqualTo(expected().get(0));
        assertThat(rdd.take(3)).isEqualTo(expected().subList(0, 3));
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(computed.value()).isEqualTo(DATA.size());
        rdd.unpersist();
    }

    @Test
    void aCachedRddReadTwiceInOneJob() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = counted(computed).persist(StorageLevel.MEMORY_ONLY_SER);
        rdd.count();
        List<String> twice = rdd.union(rdd).collect();
        assertThat(twice).hasSize(2 * DATA.size());
        assertThat(twice.subList(0, DATA.size())).isEqualTo(expected());
        assertThat(twice.subList(DATA.size(), twice.size())).isEqualTo(expected());
        assertThat(computed.value()).isEqualTo(DATA.size());
        rdd.unpersist();
    }

    @Test
    void changingTheStorageLevelRequiresUnpersist() {
        RDD<String> rdd = ctx.parallelize(DATA, 2).persist(StorageLevel.MEMORY_ONLY);
        assertThat(rdd.persist(StorageLevel.MEMORY_ONLY))
                .as("same level again is fine")
                .isSameAs(rdd);
        EmberException error = emberError(() -> rdd.persist(StorageLevel.DISK_ONLY));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        rdd.unpersist();
        assertThat(rdd.persist(StorageLevel.DISK_ONLY).getStorageLevel()).isEqualTo(StorageLevel.DISK_ONLY);
        assertThat(rdd.collect()).isEqualTo(DATA);
        rdd.unpersist();
    }

    // ---- reliable checkpoints ----

    @Test
    void checkpointTruncatesTheLineageAndKeepsTheResults(@TempDir Path directory) throws IOException {
        ctx.setCheckpointDir(directory.toString());
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = counted(computed).cache();
        RDD<Integer> child = rdd.map(String::length);
        rdd.checkpoint();
        assertThat(rdd.isCheckpointed()).as("only after a job").isFalse();
        assertThat(rdd.getCheckpointFile()).isEmpty();
        assertThat(rdd.toDebugString()).contains("ParallelCollectionRDD");

        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(rdd.isCheckpointed()).isTrue();
        assertThat(rdd.isLocallyCheckpointed()).isFalse();
        assertThat(computed.value()).as("the cache fed the checkpoint").isEqualTo(DATA.size());

        Path written = Path.of(rdd.getCheckpointFile().orElseThrow());
        assertThat(written).startsWith(directory).isDirectory();
        try (Stream<Path> files = Files.list(written)) {
            assertThat(files.map(file -> file.getFileName().toString()).sorted().toList())
                    .containsExactly("part-00000", "part-00001", "part-00002", "part-00003");
        }
        assertThat(rdd.toDebugString()).doesNotContain("ParallelCollectionRDD");
        assertThat(rdd.getNumPartitions()).isEqualTo(4);

        rdd.unpersist();
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(child.collect())
                .isEqualTo(expected().stream().map(String::length).toList());
        assertThat(computed.value()).as("read back from the checkpoint").isEqualTo(DATA.size());
    }

    @Test
    void checkpointOfAShuffledRddRemovesTheShuffleFromTheLineage(@TempDir Path directory) {
        ctx.setCheckpointDir(directory.toString());
        PairRDD<String, Integer> counts =
                ctx.parallelize(DATA, 4).mapToPair(word -> Pair.of(word, 1)).reduceByKey(Integer::sum, 3);
        counts.checkpoint();
        Map<String, Integer> expected = DATA.stream().collect(Collectors.toMap(word -> word, word -> 1, Integer::sum));
        assertThat(counts.toDebugString()).contains("+-");
        assertThat(counts.collectAsMap()).isEqualTo(expected);
        assertThat(counts.isCheckpointed()).isTrue();
        assertThat(counts.toDebugString()).doesNotContain("+-");
        assertThat(counts.partitioner()).contains(new HashPartitioner(3));
        assertThat(counts.collectAsMap()).isEqualTo(expected);
        assertThat(counts.join(counts.mapValues(count -> -count)).count()).isEqualTo(expected.size());
    }

    @Test
    void checkpointingAnUncachedRddStillGivesTheSameResults(@TempDir Path directory) {
        ctx.setCheckpointDir(directory.toString());
        RDD<Integer> rdd = ctx.range(0, 100, 1, 3).map(x -> (int) (x * 3));
        rdd.checkpoint();
        List<Integer> expected = integers(100).stream().map(x -> x * 3).toList();
        assertThat(rdd.collect()).isEqualTo(expected);
        assertThat(rdd.isCheckpointed()).isTrue();
        assertThat(rdd.collect()).isEqualTo(expected);
        assertThat(rdd.toDebugString()).doesNotContain("RangeRDD");
    }

    // ---- local checkpoints ----

    @Test
    void localCheckpointTruncatesTheLineageIntoTheCache() {
        LongAccumulator computed = ctx.longAccumulator();
        RDD<String> rdd = counted(computed);
        assertThat(rdd.localCheckpoint()).isSameAs(rdd);
        assertThat(rdd.getStorageLevel().useDisk())
                .as("local checkpoints use disk")
                .isTrue();
        assertThat(rdd.isCheckpointed()).isFalse();

        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(rdd.isCheckpointed()).isTrue();
        assertThat(rdd.isLocallyCheckpointed()).isTrue();
        assertThat(rdd.getCheckpointFile()).isEmpty();
        assertThat(rdd.toDebugString()).doesNotContain("ParallelCollectionRDD");
        assertThat(rdd.collect()).isEqualTo(expected());
        assertThat(rdd.filter(word -> word.startsWith("f")).count())
                .isEqualTo(
                        expected().stream().filter(word -> word.startsWith("f")).count());
        assertThat(computed.value()).isEqualTo(DATA.size());
    }

    @Test
    void localCheckpointOfAMemoryOnlyRddAddsDisk() {
        RDD<String> rdd = ctx.parallelize(DATA, 3).cache().localCheckpoint();
        assertThat(rdd.getStorageLevel()).isEqualTo(StorageLevel.MEMORY_AND_DISK);
        assertThat(rdd.count()).isEqualTo(DATA.size());
        assertThat(rdd.isLocallyCheckpointed()).isTrue();
        assertThat(rdd.collect()).isEqualTo(DATA);
    }
}
