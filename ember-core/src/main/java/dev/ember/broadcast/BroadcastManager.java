package dev.ember.broadcast;

import dev.ember.Broadcast;
import dev.ember.EmberConf;
import dev.ember.config.CoreConfig;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManager;
import dev.ember.storage.BlockManagerMaster;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Creates broadcast variables on the driver and resolves them in executors. One per process; the active one is
 * reachable statically so that broadcasts deserialized inside tasks find their block manager.
 */
public final class BroadcastManager {
    private static volatile BroadcastManager active;

    private final boolean isDriver;
    private final BlockManager blockManager;
    private final BlockManagerMaster master;
    private final int blockSize;
    private final AtomicLong nextId = new AtomicLong();

    /**
     * @param master the driver's registry, for removing pieces from every executor; null on executors
     */
    public BroadcastManager(EmberConf conf, boolean isDriver, BlockManager blockManager, BlockManagerMaster master) {
        this.isDriver = isDriver;
        this.blockManager = blockManager;
        this.master = master;
        this.blockSize = conf.get(CoreConfig.BROADCAST_BLOCK_SIZE).intValue();
    }

    /** Makes this manager the one broadcasts in this process resolve through. */
    public void activate() {
        active = this;
    }

    /** Stops resolving through this manager. */
    public void deactivate() {
        if (active == this) {
            active = null;
        }
    }

    static BroadcastManager active() {
        return active;
    }

    public BlockManager blockManager() {
        return blockManager;
    }

    int blockSize() {
        return blockSize;
    }

    /** A new broadcast of {@code value}; only on the driver. */
    public <T> Broadcast<T> newBroadcast(T value) {
        if (!isDriver) {
            throw new IllegalStateException("Broadcast variables are created on the driver");
        }
        return new TorrentBroadcast<>(value, nextId.getAndIncrement(), this);
    }

    /** Removes a broadcast's blocks from executors, and from the driver when {@code removeFromDriver}. */
    public void unbroadcast(long id, boolean removeFromDriver) {
        if (master != null) {
            master.removeBroadcast(id, removeFromDriver);
        }
        if (removeFromDriver) {
            blockManager.removeBroadcast(id, true);
        } else {
            // The driver keeps the pieces (to serve them again) but drops nothing else.
            blockManager.removeBlock(new BlockId.BroadcastBlockId(id));
        }
    }
}
