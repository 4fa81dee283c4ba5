package dev.ember.storage;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.util.UniqueIds;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The receiving end of the migration of map outputs off an executor being decommissioned. The leaving executor asks
 * a peer, through the peer's block manager endpoint, to take each map output it holds; the peer (this block manager)
 * fetches the output's index and data files as streams into temporary files next to where they belong, and has its
 * {@link ShuffleBlockSource} check and adopt them, after which it serves the output (and deletes it with its
 * shuffle) as if written here. The leaving executor then has the driver point reducers here. (Its cached
 * partitions move as replicas, through {@link BlockReplication}.)
 *
 * <p>Threads: {@link #takeMapOutput} is called on the RPC endpoint's thread and returns at once; both fetches
 * complete on network threads, and the files are adopted on the block manager's block-receive pool, since adopting
 * reads and moves files. Temporary files are deleted whatever the outcome.
 */
final class MapOutputMigration {
    private final BlockTransferService transfer;
    private final DiskBlockManager diskBlockManager;
    private final ShuffleBlockSource shuffleBlocks;
    private final Supplier<ExecutorService> receivePool;

    /** {@code transfer} may be null (local mode): then no map output is taken. */
    MapOutputMigration(
            BlockTransferService transfer,
            DiskBlockManager diskBlockManager,
            ShuffleBlockSource shuffleBlocks,
            Supplier<ExecutorService> receivePool) {
        this.transfer = transfer;
        this.diskBlockManager = diskBlockManager;
        this.shuffleBlocks = shuffleBlocks;
        this.receivePool = receivePool;
    }

    /** See {@link BlockManagerEndpoint#takeMapOutput}. */
    CompletableFuture<Void> takeMapOutput(int shuffleId, long mapId, BlockManagerId from) {
        if (transfer == null) {
            return CompletableFuture.failedFuture(
                    new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "This block manager cannot fetch blocks"));
        }
        File data = diskBlockManager.getFile(new BlockId.ShuffleDataBlockId(shuffleId, mapId));
        File index = diskBlockManager.getFile(new BlockId.ShuffleIndexBlockId(shuffleId, mapId));
        String suffix = "." + UniqueIds.randomUuid() + ".incoming";
        File tempData = new File(data.getParentFile(), data.getName() + suffix);
        File tempIndex = new File(index.getParentFile(), index.getName() + suffix);
        CompletableFuture<Long> indexFetched =
                transfer.fetchToFile(from, new BlockId.ShuffleIndexBlockId(shuffleId, mapId), tempIndex.toPath());
        CompletableFuture<Long> dataFetched =
                transfer.fetchToFile(from, new BlockId.ShuffleDataBlockId(shuffleId, mapId), tempData.toPath());
        return CompletableFuture.allOf(indexFetched, dataFetched)
                .thenRunAsync(
                        () -> {
                            try {
                                shuffleBlocks.adoptMapOutput(shuffleId, mapId, tempIndex, tempData);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        },
                        receivePool.get())
                .whenComplete((ignored, error) -> {
                    // Left behind only when something failed: adopting moves them into place.
                    tempData.delete();
                    tempIndex.delete();
                });
    }
}
