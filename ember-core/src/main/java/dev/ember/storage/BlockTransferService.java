package dev.ember.storage;

import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
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
     * Stores a copy of a block (its serialized bytes) on {@code to}, at {@code level} with one replica; the future
     * completes once it is stored there, and fails like {@link #fetch}, or when {@code to} has no room.
     */
    CompletableFuture<Void> upload(BlockManagerId to, BlockId blockId, ChunkedByteBuffer bytes, StorageLevel level);
}
