package dev.ember.executor;

import dev.ember.EmberConf;
import dev.ember.broadcast.BroadcastManager;
import dev.ember.config.CoreConfig;
import dev.ember.memory.UnifiedMemoryManager;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.Serializer;
import dev.ember.shuffle.MapOutputTracker;
import dev.ember.shuffle.SortShuffleManager;
import dev.ember.storage.BlockManager;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.storage.BlockRegistry;
import dev.ember.storage.BlockTransferService;
import dev.ember.storage.DiskBlockManager;
import dev.ember.storage.SerializerManager;

/**
 * The services of one Ember process that tasks use: serializers, memory, block storage, shuffle and broadcast. The
 * driver has one (in local mode tasks use it directly); each executor process has one.
 *
 * <p>Built in dependency order: memory and disk first, then the shuffle manager (which needs the disk layout and
 * the map output tracker), then the block manager (which serves shuffle blocks through it), then broadcasts.
 */
public final class EmberEnv {
    private final String executorId;
    private final EmberConf conf;
    private final JavaSerializer closureSerializer;
    private final Serializer serializer;
    private final SerializerManager serializerManager;
    private final UnifiedMemoryManager memoryManager;
    private final DiskBlockManager diskBlockManager;
    private final SortShuffleManager shuffleManager;
    private final MapOutputTracker mapOutputTracker;
    private final BlockManager blockManager;
    private final BroadcastManager broadcastManager;
    private final OutputCommitAuthority commitAuthority;

    private EmberEnv(
            String executorId,
            EmberConf conf,
            String host,
            int port,
            MapOutputTracker mapOutputTracker,
            BlockRegistry blockRegistry,
            BlockTransferService transfer,
            OutputCommitAuthority commitAuthority,
            boolean isDriver) {
        this.executorId = executorId;
        this.commitAuthority = commitAuthority;
        this.conf = conf;
        this.closureSerializer = new JavaSerializer(conf);
        this.serializer = Serializer.fromConf(conf);
        this.serializerManager = new SerializerManager(serializer, conf);
        this.memoryManager = UnifiedMemoryManager.fromConf(conf);
        this.diskBlockManager = new DiskBlockManager(conf);
        this.mapOutputTracker = mapOutputTracker;
        BlockManagerId blockManagerId = new BlockManagerId(executorId, host, port);
        this.shuffleManager =
                new SortShuffleManager(conf, diskBlockManager, serializerManager, mapOutputTracker, blockManagerId);
        if (transfer != null) {
            shuffleManager.setTransferService(
                    transfer, java.time.Duration.ofMillis(conf.get(dev.ember.network.NetworkConfig.NETWORK_TIMEOUT)));
        }
        this.blockManager = new BlockManager(
                blockManagerId,
                blockRegistry,
                transfer,
                memoryManager,
                serializerManager,
                diskBlockManager,
                shuffleManager,
                conf.get(CoreConfig.UNROLL_MEMORY_THRESHOLD));
        this.broadcastManager = new BroadcastManager(
                conf, isDriver, blockManager, isDriver ? (BlockManagerMaster) blockRegistry : null);
        broadcastManager.activate();
    }

    /** The driver's environment in local mode, which tasks run in too. */
    public static EmberEnv createDriverEnv(
            EmberConf conf,
            String host,
            MapOutputTracker mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitAuthority commitAuthority) {
        return createDriverEnv(conf, host, 0, null, mapOutputTracker, blockManagerMaster, commitAuthority);
    }

    /**
     * The driver's environment; in cluster mode its block manager is reached at {@code host:port} (the driver's RPC
     * environment) and reads other blocks through {@code transfer}.
     */
    public static EmberEnv createDriverEnv(
            EmberConf conf,
            String host,
            int port,
            BlockTransferService transfer,
            MapOutputTracker mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            OutputCommitAuthority commitAuthority) {
        return new EmberEnv(
                BlockManagerId.DRIVER,
                conf,
                host,
                port,
                mapOutputTracker,
                blockManagerMaster,
                transfer,
                commitAuthority,
                true);
    }

    /** An executor process's environment: the driver's services are reached over the network. */
    public static EmberEnv createExecutorEnv(
            String executorId,
            EmberConf conf,
            String host,
            int port,
            MapOutputTracker mapOutputTracker,
            BlockRegistry blockRegistry,
            BlockTransferService transfer,
            OutputCommitAuthority commitAuthority) {
        return new EmberEnv(
                executorId, conf, host, port, mapOutputTracker, blockRegistry, transfer, commitAuthority, false);
    }

    public String executorId() {
        return executorId;
    }

    public EmberConf conf() {
        return conf;
    }

    /** Java serialization, for tasks and their results' envelopes. */
    public JavaSerializer closureSerializer() {
        return closureSerializer;
    }

    /** The data serializer ({@code ember.serializer}). */
    public Serializer serializer() {
        return serializer;
    }

    public SerializerManager serializerManager() {
        return serializerManager;
    }

    public UnifiedMemoryManager memoryManager() {
        return memoryManager;
    }

    public DiskBlockManager diskBlockManager() {
        return diskBlockManager;
    }

    public SortShuffleManager shuffleManager() {
        return shuffleManager;
    }

    public MapOutputTracker mapOutputTracker() {
        return mapOutputTracker;
    }

    public BlockManager blockManager() {
        return blockManager;
    }

    public BroadcastManager broadcastManager() {
        return broadcastManager;
    }

    /** Who grants task attempts the right to commit output files. */
    public OutputCommitAuthority commitAuthority() {
        return commitAuthority;
    }

    /** Deletes shuffle files, drops all blocks and removes the local directories. */
    public void stop() {
        broadcastManager.deactivate();
        shuffleManager.stop();
        blockManager.stop();
    }
}
