package dev.ember.storage;

import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Fetches the bytes of a block held by another block manager. In cluster mode the blocks travel as streams over the
 * network transport; local mode has no other block managers and no transfer service.
 */
public interface BlockTransferService {
    /**
     * Fetches {@code blockId} from {@code from}. The future fails when the peer cannot be reached, does not have the
     * block, or stops answering for {@code ember.network.timeout}.
     */
    CompletableFuture<ChunkedByteBuffer> fetch(BlockManagerId from, BlockId blockId);

    /**
     * Fetches a block served as a whole file (a map output's data or index file) from {@code from} into
     * {@code target}, without holding it in memory; the future holds the number of bytes written.
     */
    CompletableFuture<Long> fetchToFile(BlockManagerId from, BlockId blockId, Path target);

    /**
     * Asks {@code to} to fetch {@code blockId} from {@code from} and store it at {@code level} with one replica; the
     * future completes once it is stored there, and fails like {@link #fetch}, or when {@code to} has no room.
     */
    CompletableFuture<Void> replicate(BlockManagerId to, BlockManagerId from, BlockId blockId, StorageLevel level);

    /**
     * Asks {@code to} to fetch the files of map output {@code mapId} of shuffle {@code shuffleId} from {@code from}
     * and keep them as its own; the future completes once they are in place there, within {@code timeout}.
     */
    CompletableFuture<Void> handOverMapOutput(
            BlockManagerId to, BlockManagerId from, int shuffleId, long mapId, Duration timeout);
}
