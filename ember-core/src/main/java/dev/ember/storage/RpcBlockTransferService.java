package dev.ember.storage;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.StorageLevel;
import dev.ember.io.ChunkedByteBuffer;
import dev.ember.network.client.StreamCallback;
import dev.ember.network.protocol.ManagedBuffer;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEnv;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Serves this process's blocks as streams named {@code block/NAME} and fetches other processes' blocks the same
 * way, over the {@link RpcEnv} of the process. Shuffle blocks and blocks on disk are sent as file regions (without
 * copying, on plain connections); blocks in memory as their bytes.
 */
public final class RpcBlockTransferService implements BlockTransferService {
    /** The name of each process's endpoint that removes blocks and stores replicas ({@link BlockManagerEndpoint}). */
    public static final String ENDPOINT = "BlockManagerEndpoint";

    /**
     * Asks a block manager to fetch a cached partition from {@code from} and store it as a replica: answered with
     * whether it did.
     */
    public record FetchReplica(BlockId blockId, StorageLevel level, BlockManagerId from) {}

    /**
     * Asks a block manager to fetch a map output's index and data files from {@code from} (an executor being
     * decommissioned) and serve them as its own: answered with {@code true} once they are in place.
     */
    public record TakeMapOutput(int shuffleId, long mapId, BlockManagerId from) {}

    /** The prefix of the stream names under which blocks are served. */
    public static final String STREAM_PREFIX = "block/";

    /** Bytes are gathered into chunks growing from the first size to the largest, so small blocks stay small. */
    private static final int FIRST_CHUNK = 32 << 10;

    private static final int LARGEST_CHUNK = 4 << 20;

    private final RpcEnv rpcEnv;
    private final Duration timeout;
    private volatile BlockManager blockManager;

    public RpcBlockTransferService(RpcEnv rpcEnv, Duration timeout) {
        this.rpcEnv = rpcEnv;
        this.timeout = timeout;
    }

    /** The block manager whose blocks are served; set once it exists (it is built after this service). */
    public void serve(BlockManager blockManager) {
        this.blockManager = blockManager;
    }

    /** Whether {@code streamId} names a block served here. */
    public static boolean isBlockStream(String streamId) {
        return streamId.startsWith(STREAM_PREFIX);
    }

    /** The bytes of the block named by {@code streamId}; throws, with a message for the requester, if absent. */
    public ManagedBuffer open(String streamId) {
        BlockManager manager = blockManager;
        if (manager == null) {
            throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "This process serves no blocks yet");
        }
        BlockId blockId = BlockId.parse(streamId.substring(STREAM_PREFIX.length()));
        // On a network thread: never wait for a block being written or removed; the reader tries another holder.
        Optional<BlockData> data = manager.getLocalBytes(blockId, false);
        if (data.isEmpty()) {
            throw new EmberException(
                    ErrorClass.BLOCK_UNAVAILABLE,
                    "Block " + blockId + " is not available from " + manager.blockManagerId());
        }
        Optional<FileSegment> segment = data.get().fileSegment();
        if (segment.isPresent()) {
            FileSegment file = segment.get();
            return ManagedBuffer.ofFile(file.file().toPath(), file.offset(), file.length());
        }
        return ManagedBuffer.of(ByteBuffer.wrap(data.get().toChunkedByteBuffer().toArray()));
    }

    @Override
    public CompletableFuture<ChunkedByteBuffer> fetch(BlockManagerId from, BlockId blockId) {
        CompletableFuture<ChunkedByteBuffer> result = new CompletableFuture<>();
        try {
            rpcEnv.openStream(
                    new RpcAddress(from.host(), from.port()), STREAM_PREFIX + blockId.name(), new Gather(result));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
        }
        // The transport fails a stream whose peer falls silent; this bounds the whole transfer as well.
        return result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletableFuture<Long> fetchToFile(BlockManagerId from, BlockId blockId, Path target) {
        return streamToFile(rpcEnv, new RpcAddress(from.host(), from.port()), STREAM_PREFIX + blockId.name(), target)
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Writes the stream {@code streamId} of {@code from} into {@code target} (created or truncated) as it arrives;
     * the future holds the bytes written, and fails when the stream does, or the file cannot be written.
     */
    public static CompletableFuture<Long> streamToFile(RpcEnv rpcEnv, RpcAddress from, String streamId, Path target) {
        CompletableFuture<Long> done = new CompletableFuture<>();
        FileChannel out;
        try {
            out = FileChannel.open(
                    target, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(e);
        }
        // Given up on (a timeout): the file is closed at once, and the stream fails on its next piece.
        done.whenComplete((ignored, error) -> {
            if (error != null) {
                try {
                    out.close();
                } catch (IOException e) {
                    error.addSuppressed(e);
                }
            }
        });
        try {
            rpcEnv.openStream(from, streamId, new StreamCallback() {
                private long written;

                @Override
                public void onData(String id, ByteBuffer data) throws IOException {
                    while (data.hasRemaining()) {
                        written += out.write(data);
                    }
                }

                @Override
                public void onComplete(String id) {
                    finish(null, written);
                }

                @Override
                public void onFailure(String id, Throwable error) {
                    finish(error, 0);
                }

                private void finish(Throwable error, long bytes) {
                    try {
                        out.close();
                    } catch (IOException e) {
                        error = error == null ? e : error;
                    }
                    if (error == null) {
                        done.complete(bytes);
                    } else {
                        done.completeExceptionally(error);
                    }
                }
            });
        } catch (RuntimeException e) {
            try {
                out.close();
            } catch (IOException closeError) {
                e.addSuppressed(closeError);
            }
            done.completeExceptionally(e);
        }
        return done;
    }

    @Override
    public CompletableFuture<Void> replicate(
            BlockManagerId to, BlockManagerId from, BlockId blockId, StorageLevel level) {
        CompletableFuture<Boolean> stored;
        try {
            stored = rpcEnv.unverifiedRef(new RpcAddress(to.host(), to.port()), ENDPOINT)
                    .ask(new FetchReplica(blockId, level, from), timeout);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return stored.thenAccept(done -> {
            if (!done) {
                throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, to + " has no room for a replica of " + blockId);
            }
        });
    }

    @Override
    public CompletableFuture<Void> handOverMapOutput(
            BlockManagerId to, BlockManagerId from, int shuffleId, long mapId, Duration timeout) {
        try {
            return rpcEnv.unverifiedRef(new RpcAddress(to.host(), to.port()), ENDPOINT)
                    .<Boolean>ask(new TakeMapOutput(shuffleId, mapId, from), timeout)
                    .thenAccept(ignored -> {});
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Copies a stream's pieces into chunks of at most {@link #LARGEST_CHUNK} bytes. */
    private static final class Gather implements StreamCallback {
        private final CompletableFuture<ChunkedByteBuffer> result;
        private final List<ByteBuffer> chunks = new ArrayList<>();
        private ByteBuffer current;
        private long received;

        Gather(CompletableFuture<ChunkedByteBuffer> result) {
            this.result = result;
        }

        @Override
        public void onData(String streamId, ByteBuffer data) {
            while (data.hasRemaining()) {
                if (current == null || !current.hasRemaining()) {
                    current = ByteBuffer.allocate((int) Math.min(LARGEST_CHUNK, Math.max(FIRST_CHUNK, received)));
                    chunks.add(current);
                }
                int take = Math.min(current.remaining(), data.remaining());
                ByteBuffer slice = data.slice();
                slice.limit(take);
                current.put(slice);
                data.position(data.position() + take);
                received += take;
            }
        }

        @Override
        public void onComplete(String streamId) {
            List<ByteBuffer> filled = new ArrayList<>(chunks.size());
            for (ByteBuffer chunk : chunks) {
                chunk.flip();
                if (chunk.hasRemaining()) {
                    filled.add(chunk);
                }
            }
            result.complete(new ChunkedByteBuffer(filled));
        }

        @Override
        public void onFailure(String streamId, Throwable error) {
            result.completeExceptionally(error);
        }
    }
}
