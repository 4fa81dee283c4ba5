package dev.ember.scheduler.cluster;

import dev.ember.StorageLevel;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskState;
import dev.ember.network.wire.MessageSet;
import dev.ember.network.wire.WireInput;
import dev.ember.network.wire.WireOutput;
import dev.ember.network.wire.WireType;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.shuffle.MapStatus;
import dev.ember.storage.BlockId;
import dev.ember.storage.BlockManagerId;
import dev.ember.storage.RpcBlockTransferService;
import java.util.Properties;
import java.util.UUID;

/**
 * The wire format of the messages between a driver and its executors: {@link ClusterMessages} and the engine's
 * values inside them. Every process of an application registers it with its RPC environment. The task inside a
 * {@link TaskDescription} and the results inside a {@link ClusterMessages.StatusUpdate} are bytes here; only the
 * executor (for the task) and the driver's result threads (for results) Java-deserialize them, with the
 * application's class loader, since user code must travel there.
 */
public final class ClusterWire {
    /** Set 1 of the wire protocol. */
    public static final MessageSet MESSAGES = MessageSet.builder(1, "cluster")
            .nestedTypes(ClusterMessages.class)
            .enumeration(TaskState.class)
            .records(TaskDescription.class, BlockManagerId.class, MapOutputTrackerMaster.MapOutputRef.class)
            .nestedTypes(BlockId.class)
            .records(RpcBlockTransferService.FetchReplica.class, RpcBlockTransferService.TakeMapOutput.class)
            .records(dev.ember.status.ExecutorInspector.ThreadStack.class)
            .type(MapStatus.class, "1", new WireType<>() {
                @Override
                public void write(MapStatus status, WireOutput out) {
                    out.value(status.location())
                            .writeBytes(status.compressedSizes())
                            .writeLong(status.mapId());
                }

                @Override
                public MapStatus read(WireInput in) {
                    if (!(in.value() instanceof BlockManagerId location)) {
                        throw in.error("a map status without a block manager");
                    }
                    return MapStatus.ofCompressed(location, in.readBytes(), in.readLong());
                }
            })
            .type(StorageLevel.class, "1", new WireType<>() {
                @Override
                public void write(StorageLevel level, WireOutput out) {
                    out.writeBoolean(level.useDisk())
                            .writeBoolean(level.useMemory())
                            .writeBoolean(level.useOffHeap())
                            .writeBoolean(level.deserialized())
                            .writeInt(level.replication());
                }

                @Override
                public StorageLevel read(WireInput in) {
                    boolean disk = in.readBoolean();
                    boolean memory = in.readBoolean();
                    boolean offHeap = in.readBoolean();
                    boolean deserialized = in.readBoolean();
                    int replication = in.readInt();
                    try {
                        return StorageLevel.of(disk, memory, offHeap, deserialized, replication);
                    } catch (RuntimeException e) {
                        throw in.error("not a storage level: " + e.getMessage());
                    }
                }
            })
            .type(UUID.class, "1", new WireType<>() {
                @Override
                public void write(UUID id, WireOutput out) {
                    out.writeLong(id.getMostSignificantBits()).writeLong(id.getLeastSignificantBits());
                }

                @Override
                public UUID read(WireInput in) {
                    return new UUID(in.readLong(), in.readLong());
                }
            })
            .type(Properties.class, "1", new WireType<>() {
                @Override
                public void write(Properties properties, WireOutput out) {
                    var names = properties.stringPropertyNames();
                    out.writeCount(names.size());
                    for (String name : names) {
                        out.value(name).value(properties.getProperty(name));
                    }
                }

                @Override
                public Properties read(WireInput in) {
                    int count = in.readCount(2);
                    Properties properties = new Properties();
                    for (int i = 0; i < count; i++) {
                        // Read as values, so that the time budget counts them.
                        if (!(in.value() instanceof String name) || !(in.value() instanceof String value)) {
                            throw in.error("a property that is not a pair of strings");
                        }
                        properties.setProperty(name, value);
                    }
                    return properties;
                }
            })
            .build();

    private ClusterWire() {}
}
