package dev.ember.shuffle;

import dev.ember.metrics.ShuffleReadMetrics;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Yields the blocks a reduce task reads, one stream at a time. Blocks on this executor are opened from local
 * files; a block whose file is missing or unreadable becomes a {@link FetchFailedException} naming the map output,
 * so the scheduler recomputes it.
 *
 * <p>Only blocks of this executor can be read here; remote blocks need the network transport of cluster mode.
 */
final class ShuffleBlockFetcherIterator implements Iterator<ShuffleBlockFetcherIterator.FetchedBlock> {
    /** One fetched block: which map output and reduce partition, where from, and its bytes. */
    /** One fetched block: {@code size} is how many bytes its stream must yield. */
    record FetchedBlock(
            BlockId.ShuffleBlockId blockId, int mapIndex, BlockManagerId address, InputStream stream, long size) {}

    private record Pending(BlockManagerId address, MapOutputTracker.ShuffleBlockInfo block) {}

    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private final SortShuffleManager shuffleManager;
    private final BlockManagerId local;
    private final ShuffleReadMetrics metrics;

    ShuffleBlockFetcherIterator(
            List<MapOutputTracker.BlocksByAddress> blocks,
            SortShuffleManager shuffleManager,
            BlockManagerId local,
            ShuffleReadMetrics metrics) {
        this.shuffleManager = shuffleManager;
        this.local = local;
        this.metrics = metrics;
        for (MapOutputTracker.BlocksByAddress byAddress : blocks) {
            for (MapOutputTracker.ShuffleBlockInfo block : byAddress.blocks()) {
                pending.add(new Pending(byAddress.address(), block));
            }
        }
    }

    @Override
    public boolean hasNext() {
        return !pending.isEmpty();
    }

    @Override
    public FetchedBlock next() {
        Pending next = pending.poll();
        if (next == null) {
            throw new NoSuchElementException();
        }
        BlockId.ShuffleBlockId blockId = next.block().blockId();
        if (!next.address().executorId().equals(local.executorId())) {
            throw failure(
                    next,
                    "Block " + blockId + " is on executor " + next.address().executorId()
                            + ", which this process cannot reach",
                    null);
        }
        long start = System.currentTimeMillis();
        Optional<BlockData> data;
        try {
            data = shuffleManager.getShuffleBlockData(blockId);
        } catch (RuntimeException e) {
            throw failure(next, "Failed to read " + blockId + ": " + e.getMessage(), e);
        }
        if (data.isEmpty()) {
            throw failure(next, "Shuffle block " + blockId + " is missing: its map output files are gone", null);
        }
        InputStream stream;
        try {
            stream = data.get().toInputStream();
        } catch (RuntimeException e) {
            throw failure(next, "Failed to open " + blockId + ": " + e.getMessage(), e);
        }
        metrics.incFetchWaitTime(System.currentTimeMillis() - start);
        metrics.incLocalBlocksFetched(1);
        metrics.incLocalBytesRead(data.get().size());
        return new FetchedBlock(
                blockId,
                next.block().mapIndex(),
                next.address(),
                stream,
                data.get().size());
    }

    private static FetchFailedException failure(Pending pending, String message, Throwable cause) {
        BlockId.ShuffleBlockId blockId = pending.block().blockId();
        return new FetchFailedException(
                pending.address(),
                blockId.shuffleId(),
                blockId.mapId(),
                pending.block().mapIndex(),
                blockId.reduceId(),
                message,
                cause);
    }
}
