package dev.ember.shuffle;

import dev.ember.EmberConf;
import dev.ember.TaskContext;
import dev.ember.collection.SpillContext;
import dev.ember.config.CoreConfig;
import dev.ember.shuffle.api.ShuffleBlock;
import dev.ember.shuffle.api.ShuffleMapOutputWriter;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockTransferService;
import dev.ember.storage.DiskBlockManager;
import dev.ember.storage.SerializerManager;
import dev.ember.util.InterruptibleIterator;
import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sort-based shuffle. Map tasks write one data file and one index file each, with a writer chosen when the
 * shuffle is registered, in this order:
 *
 * <ul>
 *   <li>{@link SortShuffleWriter} sorting each partition by key ({@code SORT_BY_KEY}) when the dependency orders
 *       keys and does not aggregate, unless {@code ember.shuffle.sort.mapSideOrdering} is off: reduce tasks then
 *       merge those sorted blocks rather than sort them again;
 *   <li>{@link BypassMergeSortShuffleWriter} when the dependency has no map-side aggregation and at most
 *       {@code ember.shuffle.sort.bypassMergeThreshold} (200) reduce partitions: a file per partition, concatenated;
 *   <li>{@link SortShuffleWriter} otherwise: buffer (and combine), sort by partition, spill, merge.
 * </ul>
 *
 * Reduce tasks read through {@link BlockStoreShuffleReader}.
 */
public final class SortShuffleManager implements ShuffleManager {
    private final EmberConf conf;
    private final IndexShuffleBlockResolver resolver;
    private final SerializerManager serializerManager;
    private final MapOutputTracker mapOutputTracker;
    private final BlockManagerId localBlockManagerId;
    private final int bypassMergeThreshold;
    private final Set<Long> noMaps = Set.of();
    private final ConcurrentHashMap<Integer, Set<Long>> mapIdsByShuffle = new ConcurrentHashMap<>();
    private final long maxBytesInFlight;
    private final boolean mapSideOrdering;
    private final int maxMergeWidth;
    private final int fileBufferSize;
    private volatile BlockTransferService transfer;
    private volatile Duration fetchTimeout = Duration.ofMinutes(2);

    public SortShuffleManager(
            EmberConf conf,
            DiskBlockManager diskBlockManager,
            SerializerManager serializerManager,
            MapOutputTracker mapOutputTracker,
            BlockManagerId localBlockManagerId) {
        this.conf = conf;
        this.resolver = new IndexShuffleBlockResolver(diskBlockManager);
        this.serializerManager = serializerManager;
        this.mapOutputTracker = mapOutputTracker;
        this.localBlockManagerId = localBlockManagerId;
        this.bypassMergeThreshold = conf.get(CoreConfig.BYPASS_MERGE_THRESHOLD);
        this.maxBytesInFlight = Math.max(1, conf.get(CoreConfig.REDUCER_MAX_SIZE_IN_FLIGHT));
        this.mapSideOrdering = conf.get(CoreConfig.SHUFFLE_MAP_SIDE_ORDERING);
        this.maxMergeWidth = conf.get(CoreConfig.SHUFFLE_MAX_MERGE_WIDTH);
        this.fileBufferSize = conf.get(CoreConfig.SHUFFLE_FILE_BUFFER).intValue();
    }

    /**
     * Lets reduce tasks fetch blocks of other executors through {@code transfer}, waiting at most {@code timeout}
     * for each (cluster mode; in local mode every block is local).
     */
    public void setTransferService(BlockTransferService transfer, Duration timeout) {
        this.transfer = transfer;
        this.fetchTimeout = timeout;
    }

    BlockTransferService transferService() {
        return transfer;
    }

    long maxBytesInFlight() {
        return maxBytesInFlight;
    }

    /** Most sorted blocks a reduce task merges side by side. */
    int maxMergeWidth() {
        return maxMergeWidth;
    }

    Duration fetchTimeout() {
        return fetchTimeout;
    }

    public IndexShuffleBlockResolver resolver() {
        return resolver;
    }

    @Override
    public <K, V, C> RecordShuffleHandle<K, V, C> registerShuffle(RecordShuffle<K, V, C> shuffle) {
        ShuffleHandle.WriterKind writer;
        if (mapSideOrdering && shuffle.keyOrdering() != null && shuffle.aggregator() == null) {
            writer = ShuffleHandle.WriterKind.SORT_BY_KEY;
        } else if (!shuffle.mapSideCombine() && shuffle.partitioner().numPartitions() <= bypassMergeThreshold) {
            writer = ShuffleHandle.WriterKind.BYPASS_MERGE_SORT;
        } else {
            writer = ShuffleHandle.WriterKind.SORT;
        }
        return new RecordShuffleHandle<>(shuffle, writer);
    }

    @Override
    public <T> BlockShuffleHandle<T> registerShuffle(BlockShuffle<T> shuffle) {
        return new BlockShuffleHandle<>(shuffle);
    }

    @Override
    public <K, V, C> ShuffleWriter<K, V> getWriter(
            RecordShuffleHandle<K, V, C> handle, long mapId, TaskContext context, SpillContext spill) {
        if (handle.writerKind() == ShuffleHandle.WriterKind.BYPASS_MERGE_SORT) {
            return new BypassMergeSortShuffleWriter<>(
                    handle,
                    mapId,
                    resolver,
                    serializerManager,
                    spill,
                    localBlockManagerId,
                    fileBufferSize,
                    this::createMapOutputWriter);
        }
        return new SortShuffleWriter<>(
                handle, mapId, resolver, spill, localBlockManagerId, this::createMapOutputWriter);
    }

    @Override
    public <K, V, C> ShuffleReader<K, C> getReader(
            RecordShuffleHandle<K, V, C> handle,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition,
            TaskContext context,
            SpillContext spill) {
        return new BlockStoreShuffleReader<>(
                handle,
                startMapIndex,
                endMapIndex,
                startPartition,
                endPartition,
                context,
                spill,
                mapOutputTracker,
                this,
                localBlockManagerId);
    }

    /** Also records {@code mapId} as written here, so that the shuffle's removal finds its files. */
    @Override
    public ShuffleMapOutputWriter createMapOutputWriter(int shuffleId, long mapId, int numPartitions) {
        mapIdsByShuffle
                .computeIfAbsent(shuffleId, ignored -> ConcurrentHashMap.newKeySet())
                .add(mapId);
        return new LocalDiskShuffleMapOutputWriter(shuffleId, mapId, numPartitions, resolver, fileBufferSize);
    }

    @Override
    public <T> MapStatus writeBlocks(
            BlockShuffleHandle<T> handle, long mapId, Iterator<T> records, TaskContext context, SpillContext spill)
            throws IOException {
        return new BlockShuffleMapWriter<>(
                        handle,
                        mapId,
                        resolver,
                        spill,
                        localBlockManagerId,
                        fileBufferSize,
                        this::createMapOutputWriter)
                .write(records);
    }

    @Override
    public Iterator<ShuffleBlock> readBlocks(
            BlockShuffleHandle<?> handle,
            int startMapIndex,
            int endMapIndex,
            int startPartition,
            int endPartition,
            TaskContext context,
            SpillContext spill) {
        List<MapOutputTracker.BlocksByAddress> blocks = mapOutputTracker.getMapSizesByExecutorId(
                handle.shuffleId(), startMapIndex, endMapIndex, startPartition, endPartition);
        ShuffleBlockFetcherIterator fetcher = new ShuffleBlockFetcherIterator(
                blocks, this, localBlockManagerId, spill.metrics().shuffleReadMetrics());
        return InterruptibleIterator.wrap(context, new BlockShuffleBlocks(fetcher, spill, context));
    }

    @Override
    public Optional<BlockData> getShuffleBlockData(BlockId.ShuffleBlockId blockId) {
        return resolver.getBlockData(blockId);
    }

    @Override
    public boolean removeShuffle(int shuffleId) {
        return unregisterShuffle(shuffleId);
    }

    @Override
    public boolean unregisterShuffle(int shuffleId) {
        Set<Long> mapIds = mapIdsByShuffle.remove(shuffleId);
        for (long mapId : mapIds == null ? noMaps : mapIds) {
            resolver.removeDataByMap(shuffleId, mapId);
        }
        return mapIds != null;
    }

    @Override
    public Optional<java.io.File> mapOutputFile(BlockId blockId) {
        if (blockId instanceof BlockId.ShuffleDataBlockId data
                && mapIds(data.shuffleId()).contains(data.mapId())) {
            return Optional.of(resolver.dataFile(data.shuffleId(), data.mapId()));
        }
        if (blockId instanceof BlockId.ShuffleIndexBlockId index
                && mapIds(index.shuffleId()).contains(index.mapId())) {
            return Optional.of(resolver.indexFile(index.shuffleId(), index.mapId()));
        }
        return Optional.empty();
    }

    @Override
    public void adoptMapOutput(int shuffleId, long mapId, java.io.File index, java.io.File data)
            throws java.io.IOException {
        resolver.adopt(shuffleId, mapId, index, data);
        mapIdsByShuffle
                .computeIfAbsent(shuffleId, ignored -> ConcurrentHashMap.newKeySet())
                .add(mapId);
    }

    /** Map task attempts of a shuffle that wrote here (for tests and cleanup). */
    public Set<Long> mapIds(int shuffleId) {
        Set<Long> mapIds = mapIdsByShuffle.get(shuffleId);
        return mapIds == null ? Set.of() : Set.copyOf(mapIds);
    }

    @Override
    public void stop() {
        for (Integer shuffleId : Set.copyOf(mapIdsByShuffle.keySet())) {
            unregisterShuffle(shuffleId);
        }
    }
}
