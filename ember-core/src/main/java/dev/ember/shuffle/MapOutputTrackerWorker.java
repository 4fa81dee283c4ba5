package dev.ember.shuffle;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * An executor's map output tracker: asks the driver for a shuffle's map output locations once (through
 * {@code fetch}, an RPC in cluster mode) and keeps them while they are complete. Each launched task carries the driver's epoch; a newer epoch means outputs were lost since, and
 * everything kept is dropped.
 */
public final class MapOutputTrackerWorker implements MapOutputTracker {
    /** The driver's answer: the outputs (null when the shuffle is not registered, null entries where missing). */
    public record Statuses(MapStatus[] statuses, long epoch) {}

    private final IntFunction<Statuses> fetch;
    private final Map<Integer, MapStatus[]> statuses = new ConcurrentHashMap<>();
    private long epoch;

    public MapOutputTrackerWorker(IntFunction<Statuses> fetch) {
        this.fetch = fetch;
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
            Statuses reply = fetch.apply(shuffleId);
            if (reply.statuses() == null) {
                throw new FetchFailedException(
                        null, shuffleId, -1, -1, startPartition, "Shuffle " + shuffleId + " is not registered", null);
            }
            known = reply.statuses();
            synchronized (this) {
                updateEpoch(reply.epoch());
                // A task of a newer epoch may have arrived while the driver answered: then this answer is not kept.
                if (reply.epoch() >= epoch && isComplete(known)) {
                    statuses.put(shuffleId, known);
                }
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
