package dev.ember.shuffle;

import dev.ember.storage.BlockManagerId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The driver's record of every shuffle's map outputs: one {@link MapStatus} per map partition, or none while it is
 * missing. Map outputs are registered as shuffle-map tasks succeed and unregistered when a fetch fails or an
 * executor is lost; the missing ones are what a resubmitted stage recomputes. Thread-safe: one lock per shuffle.
 */
public final class MapOutputTrackerMaster implements MapOutputTracker {
    private final Map<Integer, ShuffleStatus> shuffles = new ConcurrentHashMap<>();
    private final AtomicLong epoch = new AtomicLong();
    private final Map<String, Set<Long>> movedFrom = new ConcurrentHashMap<>();

    private static final class ShuffleStatus {
        private final MapStatus[] statuses;
        private int available;

        ShuffleStatus(int numMaps) {
            this.statuses = new MapStatus[numMaps];
        }

        synchronized void register(int mapIndex, MapStatus status) {
            if (statuses[mapIndex] == null) {
                available++;
            }
            statuses[mapIndex] = status;
        }

        synchronized boolean unregister(int mapIndex, BlockManagerId location) {
            MapStatus current = statuses[mapIndex];
            if (current != null && (location == null || current.location().equals(location))) {
                statuses[mapIndex] = null;
                available--;
                return true;
            }
            return false;
        }

        synchronized int removeWhere(java.util.function.Predicate<BlockManagerId> lost) {
            int removed = 0;
            for (int i = 0; i < statuses.length; i++) {
                if (statuses[i] != null && lost.test(statuses[i].location())) {
                    statuses[i] = null;
                    available--;
                    removed++;
                }
            }
            return removed;
        }

        /** Points output {@code mapId} at {@code to}, if it is registered at {@code from}. */
        synchronized boolean move(long mapId, BlockManagerId from, BlockManagerId to) {
            for (int i = 0; i < statuses.length; i++) {
                MapStatus current = statuses[i];
                if (current != null && current.mapId() == mapId) {
                    if (!current.location().equals(from)) {
                        return false;
                    }
                    statuses[i] = current.withLocation(to);
                    return true;
                }
            }
            return false;
        }

        synchronized MapStatus[] snapshot() {
            return statuses.clone();
        }

        synchronized int available() {
            return available;
        }
    }

    /** Starts tracking a shuffle with {@code numMaps} map partitions. Registering twice keeps existing outputs. */
    public void registerShuffle(int shuffleId, int numMaps) {
        shuffles.computeIfAbsent(shuffleId, ignored -> new ShuffleStatus(numMaps));
    }

    public void registerMapOutput(int shuffleId, int mapIndex, MapStatus status) {
        status(shuffleId).register(mapIndex, status);
    }

    /** Forgets a map output, if it is still the one at {@code location} (null: whatever it is). */
    public void unregisterMapOutput(int shuffleId, int mapIndex, BlockManagerId location) {
        ShuffleStatus status = shuffles.get(shuffleId);
        if (status != null && status.unregister(mapIndex, location)) {
            epoch.incrementAndGet();
        }
    }

    /** One map output: the shuffle and the id of the map task attempt that wrote it. */
    public record MapOutputRef(int shuffleId, long mapId) {}

    /** The outputs registered at {@code location}. */
    public List<MapOutputRef> outputsAt(BlockManagerId location) {
        List<MapOutputRef> outputs = new ArrayList<>();
        shuffles.forEach((shuffleId, status) -> {
            for (MapStatus mapStatus : status.snapshot()) {
                if (mapStatus != null && mapStatus.location().equals(location)) {
                    outputs.add(new MapOutputRef(shuffleId, mapStatus.mapId()));
                }
            }
        });
        return outputs;
    }

    /**
     * Records that the files of an output registered at {@code from} now live at {@code to} (its executor was
     * decommissioned and handed them over); returns false, changing nothing, when the output is not registered at
     * {@code from}. Executors holding locations refresh them, as the epoch moves on.
     */
    public boolean moveMapOutput(int shuffleId, long mapId, BlockManagerId from, BlockManagerId to) {
        ShuffleStatus status = shuffles.get(shuffleId);
        if (status == null || !status.move(mapId, from, to)) {
            return false;
        }
        movedFrom
                .computeIfAbsent(from.executorId(), ignored -> ConcurrentHashMap.newKeySet())
                .add(mapId);
        epoch.incrementAndGet();
        return true;
    }

    /** The ids of map outputs moved away from an executor, until it is removed. */
    public Set<Long> movedFrom(String executorId) {
        Set<Long> moved = movedFrom.get(executorId);
        return moved == null ? Set.of() : Set.copyOf(moved);
    }

    /** Forgets every output stored on an executor; returns how many. */
    public int removeOutputsOnExecutor(String executorId) {
        movedFrom.remove(executorId);
        int removed = 0;
        for (ShuffleStatus status : shuffles.values()) {
            removed += status.removeWhere(location -> location.executorId().equals(executorId));
        }
        if (removed > 0) {
            epoch.incrementAndGet();
        }
        return removed;
    }

    public void unregisterShuffle(int shuffleId) {
        shuffles.remove(shuffleId);
        epoch.incrementAndGet();
    }

    public boolean containsShuffle(int shuffleId) {
        return shuffles.containsKey(shuffleId);
    }

    public int numAvailableOutputs(int shuffleId) {
        ShuffleStatus status = shuffles.get(shuffleId);
        return status == null ? 0 : status.available();
    }

    /** Map partitions with no registered output. */
    public List<Integer> findMissingPartitions(int shuffleId) {
        MapStatus[] statuses = status(shuffleId).snapshot();
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < statuses.length; i++) {
            if (statuses[i] == null) {
                missing.add(i);
            }
        }
        return missing;
    }

    /** The registered outputs of a shuffle, null where missing. */
    public MapStatus[] mapStatuses(int shuffleId) {
        return status(shuffleId).snapshot();
    }

    /** Bumped whenever outputs are lost, so executors caching locations know to refresh them. */
    public long epoch() {
        return epoch.get();
    }

    @Override
    public List<BlocksByAddress> getMapSizesByExecutorId(
            int shuffleId, int startMapIndex, int endMapIndex, int startPartition, int endPartition) {
        ShuffleStatus status = shuffles.get(shuffleId);
        if (status == null) {
            throw new FetchFailedException(
                    null, shuffleId, -1, -1, startPartition, "Shuffle " + shuffleId + " is not registered", null);
        }
        return MapOutputTracker.blocksByAddress(
                shuffleId, status.snapshot(), startMapIndex, endMapIndex, startPartition, endPartition);
    }

    /** The status of map output {@code mapIndex}, if registered. */
    public Optional<MapStatus> mapStatus(int shuffleId, int mapIndex) {
        ShuffleStatus status = shuffles.get(shuffleId);
        return status == null ? Optional.empty() : Optional.ofNullable(status.snapshot()[mapIndex]);
    }

    private ShuffleStatus status(int shuffleId) {
        ShuffleStatus status = shuffles.get(shuffleId);
        if (status == null) {
            throw new IllegalStateException("Shuffle " + shuffleId + " is not registered");
        }
        return status;
    }
}
