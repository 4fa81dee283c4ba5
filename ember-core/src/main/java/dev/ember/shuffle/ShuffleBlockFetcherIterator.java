package dev.ember.shuffle;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.TaskKilledException;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.metrics.ShuffleReadMetrics;
import dev.ember.storage.BlockData;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockTransferService;
import dev.ember.util.Exceptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Yields the blocks a reduce task reads, one stream at a time. Blocks of this executor are opened from local files;
 * blocks of other executors are fetched over the network, several at once but never more than
 * {@code ember.reducer.maxSizeInFlight} bytes at a time (a single larger block is fetched alone). Local blocks are
 * read while remote ones are on their way.
 *
 * <p>A block that is missing, unreadable or unreachable becomes a {@link FetchFailedException} naming the map output
 * and where it was, so the scheduler recomputes it. Waiting for a remote block is bounded by
 * {@code ember.network.timeout}.
 */
final class ShuffleBlockFetcherIterator implements Iterator<ShuffleBlockFetcherIterator.FetchedBlock> {
    /** One fetched block: {@code size} is how many bytes its stream must yield. */
    record FetchedBlock(
            BlockId.ShuffleBlockId blockId, int mapIndex, BlockManagerId address, InputStream stream, long size) {
        /** The fetch failure that says {@code problem} of this block, so that its map output is recomputed. */
        FetchFailedException failure(String problem, Throwable cause) {
            return new FetchFailedException(
                    address,
                    blockId.shuffleId(),
                    blockId.mapId(),
                    mapIndex,
                    blockId.reduceId(),
                    "Shuffle block " + blockId + " " + problem,
                    cause);
        }

        /**
         * Reads what is left of {@code raw} (this block's stream, counted) and checks that it yielded every byte the
         * map output recorded: a block cut short can end cleanly between two records, which would silently lose the
         * rest. Throws the block's {@link #failure} otherwise.
         */
        void checkEnd(dev.ember.io.CountingInputStream raw) {
            long consumed;
            try {
                raw.transferTo(java.io.OutputStream.nullOutputStream());
                consumed = raw.count();
            } catch (IOException e) {
                throw failure("could not be read to its end: " + e.getMessage(), e);
            }
            if (consumed != size) {
                throw failure("is truncated: it ended after " + consumed + " of its " + size + " bytes", null);
            }
        }
    }

    private record Pending(BlockManagerId address, MapOutputTracker.ShuffleBlockInfo block) {}

    /** The outcome of one remote fetch: bytes or the failure. */
    private record Fetched(Pending pending, ChunkedByteBuffer bytes, Throwable failure) {}

    private final ArrayDeque<Pending> local = new ArrayDeque<>();
    private final ArrayDeque<Pending> remote = new ArrayDeque<>();
    private final LinkedBlockingQueue<Fetched> results = new LinkedBlockingQueue<>();
    private final SortShuffleManager shuffleManager;
    private final BlockManagerId localAddress;
    private final ShuffleReadMetrics metrics;
    private final BlockTransferService transfer;
    private final long maxBytesInFlight;
    private final Duration timeout;
    /** Remote fetches sent and not yet taken, oldest first. */
    private final LinkedHashSet<Pending> inFlight = new LinkedHashSet<>();

    private long bytesInFlight;

    ShuffleBlockFetcherIterator(
            List<MapOutputTracker.BlocksByAddress> blocks,
            SortShuffleManager shuffleManager,
            BlockManagerId localAddress,
            ShuffleReadMetrics metrics) {
        this.shuffleManager = shuffleManager;
        this.localAddress = localAddress;
        this.metrics = metrics;
        this.transfer = shuffleManager.transferService();
        this.maxBytesInFlight = shuffleManager.maxBytesInFlight();
        this.timeout = shuffleManager.fetchTimeout();
        List<Pending> remoteBlocks = new ArrayList<>();
        for (MapOutputTracker.BlocksByAddress byAddress : blocks) {
            boolean isLocal = byAddress.address().executorId().equals(localAddress.executorId());
            for (MapOutputTracker.ShuffleBlockInfo block : byAddress.blocks()) {
                (isLocal ? local : remoteBlocks).add(new Pending(byAddress.address(), block));
            }
        }
        // Reducers starting together should not all ask the same executor first.
        Collections.shuffle(remoteBlocks);
        remote.addAll(remoteBlocks);
        fetchUpToMaxBytes();
    }

    @Override
    public boolean hasNext() {
        return !local.isEmpty() || !remote.isEmpty() || !inFlight.isEmpty();
    }

    @Override
    public FetchedBlock next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        // Local reads first: remote blocks keep arriving meanwhile.
        Pending next = local.poll();
        if (next != null) {
            return readLocal(next);
        }
        return takeRemote();
    }

    private void fetchUpToMaxBytes() {
        while (!remote.isEmpty()
                && (inFlight.isEmpty() || bytesInFlight + remote.peek().block().size() <= maxBytesInFlight)) {
            Pending pending = remote.poll();
            inFlight.add(pending);
            bytesInFlight += pending.block().size();
            if (transfer == null) {
                results.add(new Fetched(
                        pending,
                        null,
                        new EmberException(
                                ErrorClass.BLOCK_UNAVAILABLE,
                                "Block " + pending.block().blockId() + " is on executor "
                                        + pending.address().executorId() + ", which this process cannot reach")));
                continue;
            }
            transfer.fetch(pending.address(), pending.block().blockId())
                    .whenComplete((bytes, error) -> results.add(new Fetched(pending, bytes, error)));
        }
    }

    private FetchedBlock takeRemote() {
        long start = System.currentTimeMillis();
        Fetched fetched;
        try {
            fetched = results.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskKilledException("interrupted while waiting for shuffle blocks");
        }
        metrics.incFetchWaitTime(System.currentTimeMillis() - start);
        if (fetched == null) {
            Pending oldest = inFlight.iterator().next();
            throw failure(
                    oldest,
                    "No shuffle block arrived within " + timeout.toMillis() + " ms (ember.network.timeout); waiting"
                            + " for " + oldest.block().blockId() + " from " + oldest.address() + " and "
                            + (inFlight.size() - 1) + " other(s)",
                    null);
        }
        inFlight.remove(fetched.pending());
        bytesInFlight -= fetched.pending().block().size();
        if (fetched.failure() != null) {
            Pending pending = fetched.pending();
            throw failure(
                    pending,
                    "Failed to fetch " + pending.block().blockId() + " from " + pending.address() + ": "
                            + Exceptions.rootMessage(fetched.failure()),
                    fetched.failure());
        }
        fetchUpToMaxBytes();
        ChunkedByteBuffer bytes = fetched.bytes();
        metrics.incRemoteBlocksFetched(1);
        metrics.incRemoteBytesRead(bytes.size());
        Pending pending = fetched.pending();
        return new FetchedBlock(
                pending.block().blockId(),
                pending.block().mapIndex(),
                pending.address(),
                bytes.toInputStream(),
                bytes.size());
    }

    private FetchedBlock readLocal(Pending next) {
        BlockId.ShuffleBlockId blockId = next.block().blockId();
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
