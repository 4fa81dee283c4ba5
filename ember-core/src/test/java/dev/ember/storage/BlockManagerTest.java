package dev.ember.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.Pair;
import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.serializer.KryoSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A block manager with little memory: levels, eviction order, falling back to disk, losing nothing. */
class BlockManagerTest {
    @TempDir
    java.nio.file.Path localDir;

    private BlockManagerMaster master;
    private final List<BlockManagerMaster.BlockUpdate> updates = new ArrayList<>();
    private BlockManager blockManager;

    private void start(long memory, long offHeap) {
        EmberConf conf = new EmberConf(false)
                .set("ember.local.dir", localDir.toString())
                .set("ember.storage.unrollMemoryThreshold", "4k");
        master = new BlockManagerMaster(updates::add);
        UnifiedMemoryManager memoryManager = new UnifiedMemoryManager(memory, memory / 2, offHeap, offHeap / 2);
        KryoSerializer serializer = new KryoSerializer(conf);
        DiskBlockManager disk = new DiskBlockManager(conf);
        blockManager = new BlockManager(
                new BlockManagerId("exec-1", "localhost", 0),
                master,
                memoryManager,
                new SerializerManager(serializer, conf),
                disk,
                new ShuffleBlockSource() {
                    @Override
                    public java.util.Optional<BlockData> getShuffleBlockData(BlockId.ShuffleBlockId blockId) {
                        return java.util.Optional.empty();
                    }

                    @Override
                    public boolean removeShuffle(int shuffleId) {
                        return false;
                    }
                },
                4096);
    }

    @BeforeEach
    void setUp() {
        start(400_000, 0);
    }

    @AfterEach
    void tearDown() {
        blockManager.stop();
    }

    private static List<String> values(int count, String prefix) {
        return IntStream.range(0, count)
                .mapToObj(i -> prefix + "-" + i + "-" + "x".repeat(20))
                .toList();
    }

    private static BlockId.RddBlockId block(int rdd, int split) {
        return new BlockId.RddBlockId(rdd, split);
    }

    private List<Object> read(BlockId blockId) {
        List<Object> values = new ArrayList<>();
        blockManager.getLocalValues(blockId).orElseThrow().values().forEachRemaining(values::add);
        return values;
    }

    @Test
    void everyLevelStoresAndReadsBackTheValues() {
        List<StorageLevel> levels = List.of(
                StorageLevel.MEMORY_ONLY,
                StorageLevel.MEMORY_ONLY_SER,
                StorageLevel.MEMORY_AND_DISK,
                StorageLevel.MEMORY_AND_DISK_SER,
                StorageLevel.DISK_ONLY);
        for (int i = 0; i < levels.size(); i++) {
            StorageLevel level = levels.get(i);
            List<String> values = values(100, level.description());
            assertThat(blockManager.putIterator(block(i, 0), values.iterator(), level, true))
                    .isTrue();
            assertThat(read(block(i, 0))).as(level.description()).containsExactlyElementsOf(values);
            BlockStatus status = blockManager.getStatus(block(i, 0));
            assertThat(status.memorySize() > 0).isEqualTo(level.useMemory());
            assertThat(status.diskSize() > 0).isEqualTo(!level.useMemory());
            assertThat(master.getLocations(block(i, 0))).containsExactly(blockManager.blockManagerId());
        }
        assertThat(blockManager.blockInfoManager().lockCount())
                .as("no lock left behind")
                .isZero();
    }

    @Test
    void pairsOfBoxedPrimitivesAreCachedAsColumnsAndReadBackEqual() {
        List<Pair<Long, Double>> pairs = IntStream.range(0, 2000)
                .mapToObj(i -> Pair.of(i * 1_000_003L, i / 3.0))
                .toList();
        assertThat(blockManager.putIterator(block(1, 0), pairs.iterator(), StorageLevel.MEMORY_ONLY, true))
                .isTrue();
        assertThat(read(block(1, 0))).containsExactlyElementsOf(pairs);
        assertThat(read(block(1, 0))).as("read again").containsExactlyElementsOf(pairs);
        // Two 8-byte columns: objects would take some 56 bytes a pair.
        assertThat(blockManager.getStatus(block(1, 0)).memorySize()).isBetween(16L * 2000, 20L * 2000);

        // A null in the middle: the block is kept as the objects, null included, in order.
        List<Pair<Integer, Integer>> withNull = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            withNull.add(Pair.of(i, i == 300 ? null : -i));
        }
        assertThat(blockManager.putIterator(block(1, 1), withNull.iterator(), StorageLevel.MEMORY_ONLY, true))
                .isTrue();
        assertThat(read(block(1, 1))).containsExactlyElementsOf(withNull);
    }

    @Test
    void columnarBlocksEvictedToDiskReadBackEqual() {
        blockManager.stop();
        start(60_000, 0);
        List<Pair<Integer, Long>> pairs =
                IntStream.range(0, 1500).mapToObj(i -> Pair.of(i, (long) i * i)).toList();
        assertThat(blockManager.putIterator(block(0, 0), pairs.iterator(), StorageLevel.MEMORY_AND_DISK, true))
                .isTrue();
        assertThat(blockManager.memoryStore().contains(block(0, 0))).isTrue();
        // Newer blocks of other RDDs push the columnar one, the oldest, out of memory and onto the disk.
        for (int rdd = 1; rdd < 3; rdd++) {
            assertThat(blockManager.putIterator(
                            block(rdd, 0), values(250, "newer").iterator(), StorageLevel.MEMORY_AND_DISK, true))
                    .isTrue();
        }
        assertThat(blockManager.memoryStore().contains(block(0, 0))).isFalse();
        assertThat(blockManager.getStatus(block(0, 0)).diskSize()).isPositive();
        assertThat(read(block(0, 0))).containsExactlyElementsOf(pairs);
    }

    @Test
    void leastRecentlyUsedBlocksOfOtherRddsAreEvictedFirst() {
        blockManager.stop();
        start(60_000, 0);
        for (int split = 0; split < 3; split++) {
            assertThat(blockManager.putIterator(
                            block(1, split), values(400, "a" + split).iterator(), StorageLevel.MEMORY_ONLY_SER, true))
                    .isTrue();
        }
        read(block(1, 0));
        assertThat(blockManager.putIterator(
                        block(2, 0), values(1000, "big").iterator(), StorageLevel.MEMORY_ONLY_SER, true))
                .isTrue();
        assertThat(blockManager.memoryStore().contains(block(2, 0))).isTrue();
        assertThat(blockManager.memoryStore().contains(block(1, 0)))
                .as("recently read: kept")
                .isTrue();
        assertThat(blockManager.memoryStore().contains(block(1, 1)))
                .as("least recently used: evicted")
                .isFalse();
        assertThat(updates).anySatisfy(update -> {
            assertThat(update.blockId()).isEqualTo(block(1, 1));
            assertThat(update.status().isCached()).isFalse();
        });
    }

    @Test
    void evictedMemoryAndDiskBlocksMoveToDisk() {
        blockManager.stop();
        start(60_000, 0);
        List<String> prefixes = List.of("first", "second", "third");
        for (int rdd = 0; rdd < 3; rdd++) {
            assertThat(blockManager.putIterator(
                            block(rdd, 0),
                            values(250, prefixes.get(rdd)).iterator(),
                            StorageLevel.MEMORY_AND_DISK,
                            true))
                    .isTrue();
        }
        assertThat(blockManager.memoryStore().contains(block(2, 0)))
                .as("the newest block is in memory")
                .isTrue();
        assertThat(blockManager.memoryStore().contains(block(0, 0)))
                .as("the oldest was evicted")
                .isFalse();
        assertThat(blockManager.diskStore().contains(block(0, 0)))
                .as("and written to disk on the way out")
                .isTrue();
        assertThat(blockManager.getStatus(block(0, 0)).diskSize()).isPositive();
        for (int rdd = 0; rdd < 3; rdd++) {
            assertThat(read(block(rdd, 0))).containsExactlyElementsOf(values(250, prefixes.get(rdd)));
        }
    }

    @Test
    void aPartitionTooLargeForMemoryIsReturnedUncachedOrSpilledToDisk() {
        List<String> huge = values(20_000, "huge");
        BlockManager.CachedOrComputed<String> memoryOnly =
                blockManager.getOrElseUpdate(block(7, 0), StorageLevel.MEMORY_ONLY, huge::iterator);
        assertThat(memoryOnly.cached()).isEmpty();
        List<String> returned = new ArrayList<>();
        memoryOnly.computed().forEachRemaining(returned::add);
        assertThat(returned).as("every value comes back, none lost").isEqualTo(huge);
        assertThat(blockManager.getStatus(block(7, 0))).isEqualTo(BlockStatus.EMPTY);

        BlockManager.CachedOrComputed<String> withDisk =
                blockManager.getOrElseUpdate(block(8, 0), StorageLevel.MEMORY_AND_DISK, huge::iterator);
        assertThat(withDisk.cached()).isPresent();
        assertThat(withDisk.cached().get().readMethod()).isEqualTo(BlockResult.ReadMethod.DISK);
        List<Object> cached = new ArrayList<>();
        withDisk.cached().get().values().forEachRemaining(cached::add);
        assertThat(cached).isEqualTo(new ArrayList<Object>(huge));

        BlockManager.CachedOrComputed<String> serialized =
                blockManager.getOrElseUpdate(block(9, 0), StorageLevel.MEMORY_AND_DISK_SER, huge::iterator);
        assertThat(serialized.cached()).isPresent();
        assertThat(blockManager.blockInfoManager().lockCount())
                .as("read lock held until the values are read")
                .isOne();
        serialized.cached().get().values().forEachRemaining(value -> {});
        assertThat(blockManager.diskStore().contains(block(9, 0))).isTrue();
        assertThat(read(block(9, 0))).isEqualTo(new ArrayList<Object>(huge));
        assertThat(blockManager.blockInfoManager().lockCount()).isZero();
    }

    @Test
    void blocksWithNullValuesAreStoredAndEvicted() {
        List<String> withNulls = Arrays.asList("a", null, "b", null);
        assertThat(blockManager.putIterator(block(1, 0), withNulls.iterator(), StorageLevel.MEMORY_AND_DISK, true))
                .isTrue();
        assertThat(read(block(1, 0))).containsExactly("a", null, "b", null);
        assertThat(blockManager.putIterator(
                        block(2, 0), values(5000, "big").iterator(), StorageLevel.MEMORY_AND_DISK, true))
                .isTrue();
        assertThat(read(block(1, 0))).containsExactly("a", null, "b", null);
        assertThat(blockManager.putSingle(
                        new BlockId.TestBlockId("nothing"), null, StorageLevel.MEMORY_AND_DISK, false))
                .isTrue();
    }

    @Test
    void offHeapBlocksLiveInDirectMemory() {
        blockManager.stop();
        start(400_000, 1_000_000);
        List<String> values = values(300, "off");
        assertThat(blockManager.putIterator(block(1, 0), values.iterator(), StorageLevel.OFF_HEAP, true))
                .isTrue();
        ChunkedByteBuffer bytes =
                blockManager.memoryStore().getBytes(block(1, 0)).orElseThrow();
        assertThat(bytes.isDirect()).isTrue();
        assertThat(read(block(1, 0))).isEqualTo(new ArrayList<Object>(values));
        blockManager.removeBlock(block(1, 0));
        assertThat(blockManager.memoryStore().contains(block(1, 0))).isFalse();
    }

    @Test
    void removeRddDropsEveryPartitionEverywhere() {
        for (int split = 0; split < 3; split++) {
            blockManager.putIterator(
                    block(4, split), values(10, "r").iterator(), StorageLevel.MEMORY_AND_DISK_SER, true);
        }
        blockManager.putIterator(block(5, 0), values(10, "other").iterator(), StorageLevel.MEMORY_ONLY, true);
        assertThat(master.removeRdd(4)).isEqualTo(3);
        assertThat(blockManager.getMatchingBlockIds(BlockId::isRdd)).containsExactly(block(5, 0));
        assertThat(master.getLocations(block(4, 0))).isEmpty();
    }

    @Test
    void locksExcludeWritersFromReadersAndAreReleasedPerTask() {
        BlockInfoManager locks = new BlockInfoManager();
        BlockId id = new BlockId.TestBlockId("lock");
        assertThat(locks.lockNewBlockForWriting(id, new BlockInfo(StorageLevel.MEMORY_ONLY, false)))
                .isTrue();
        assertThat(locks.lockForReading(id, false)).as("a writer holds it").isEmpty();
        locks.unlock(id);
        assertThat(locks.lockForReading(id, false)).isPresent();
        assertThat(locks.lockForReading(id, false)).isPresent();
        assertThat(locks.lockForWriting(id, false)).as("two readers hold it").isEmpty();
        assertThat(locks.releaseAllLocksForTask(BlockInfoManager.NON_TASK_WRITER))
                .contains(id);
        assertThat(locks.lockCount()).isZero();
        assertThat(locks.lockForWriting(id, false)).isPresent();
        org.assertj.core.api.Assertions.assertThatCode(() -> locks.unlock(new BlockId.TestBlockId("other"), 99))
                .as("unlocking a block nobody registered is harmless")
                .doesNotThrowAnyException();
    }

    @Test
    void blockIdsParseBackFromTheirNames() {
        List<BlockId> ids = List.of(
                new BlockId.RddBlockId(3, 7),
                new BlockId.ShuffleBlockId(1, 123456789L, 4),
                new BlockId.ShuffleDataBlockId(1, 2),
                new BlockId.ShuffleIndexBlockId(1, 2),
                new BlockId.BroadcastBlockId(5),
                new BlockId.BroadcastBlockId(5, "piece3"),
                new BlockId.TaskResultBlockId(9),
                new BlockId.TempLocalBlockId(java.util.UUID.randomUUID()),
                new BlockId.TempShuffleBlockId(java.util.UUID.randomUUID()),
                new BlockId.TestBlockId("t"));
        for (BlockId id : ids) {
            assertThat(BlockId.parse(id.name())).isEqualTo(id);
        }
        assertThatThrownBy(() -> BlockId.parse("rdd_x_1")).hasMessageContaining("Not a block name");
    }
}
