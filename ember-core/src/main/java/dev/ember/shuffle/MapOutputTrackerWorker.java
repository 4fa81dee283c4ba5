package dev.ember.shuffle;

import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.scheduler.cluster.ClusterMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An executor's map output tracker: asks the driver for a shuffle's map output locations once and keeps them while
 * they are complete. Each launched task carries the driver's epoch; a newer epoch means outputs were lost since, and
 * everything kept is dropped.
 */
public final class MapOutputTrackerWorker implements MapOutputTracker {
    private final RpcEndpointRef driver;
    private final Duration timeout;
    private final Map<Integer, MapStatus[]> statuses = new ConcurrentHashMap<>();
    private long epoch;

    public MapOutputTrackerWorker(RpcEndpointRef driver, Duration timeout) {
        this.driver = driver;
        this.timeout = timeout;
    }

    /** Drops every kept location if {@code newEpoch} is newer than the epoch they were fetched in. */
    public synchronized void updateEpoch(long newEpoch) {
        if (newEpoch > epoch) {
            statuses.clear();
            epoch = newEpoch;
        }
    }

    @Override
    public List<BlocksByAddress> getMapSizesByExecutorId(
            int shuffleId, int startMapIndex, int endMapIndex, int startPartition, int endPartition) {
        MapStatus[] known = statuses.get(shuffleId);
        if (known == null) {
            ClusterMessages.MapOutputStatuses reply =
                    driver.askSync(new ClusterMessages.GetMapOutputStatuses(shuffleId), timeout);
            if (reply.statuses() == null) {
                throw new FetchFailedException(
                        null, shuffleId, -1, -1, startPartition, "Shuffle " + shuffleId + " is not registered", null);
            }
            known = reply.statuses();
            updateEpoch(reply.epoch());
            if (isComplete(known)) {
                statuses.put(shuffleId, known);
            }
        }
        return MapOutputTracker.blocksByAddress(
                shuffleId, known, startMapIndex, endMapIndex, startPartition, endPartition);
    }

    private static boolean isComplete(MapStatus[] statuses) {
        for (MapStatus status : statuses) {
            if (status == null) {
                return false;
            }
        }
        return true;
    }
}
