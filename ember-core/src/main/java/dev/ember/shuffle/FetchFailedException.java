package dev.ember.shuffle;

import dev.ember.TaskContext;
import dev.ember.storage.BlockManagerId;

/**
 * A reduce task could not get a map output block: its file is gone, the executor holding it died, or it is
 * corrupt. The scheduler treats it differently from other failures: the map output is marked lost and the
 * parent stage is run again for the missing partitions, instead of retrying the reduce task in place.
 *
 * <p>Creating one inside a task records it on the task, so that it is reported as a fetch failure even if user
 * code catches and wraps it.
 */
public final class FetchFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Where the failed fetch is recorded on the task, so the executor finds it even when wrapped. */
    public interface Recorder {
        void recordFetchFailure(FetchFailedException failure);
    }

    private final BlockManagerId address;
    private final int shuffleId;
    private final long mapId;
    private final int mapIndex;
    private final int reduceId;

    public FetchFailedException(
            BlockManagerId address,
            int shuffleId,
            long mapId,
            int mapIndex,
            int reduceId,
            String message,
            Throwable cause) {
        super(message, cause);
        this.address = address;
        this.shuffleId = shuffleId;
        this.mapId = mapId;
        this.mapIndex = mapIndex;
        this.reduceId = reduceId;
        if (TaskContext.get() instanceof Recorder recorder) {
            recorder.recordFetchFailure(this);
        }
    }

    /** Where the block was expected, or null when its location was not even known. */
    public BlockManagerId address() {
        return address;
    }

    public int shuffleId() {
        return shuffleId;
    }

    public long mapId() {
        return mapId;
    }

    /** The index of the map partition whose output failed, or -1 when unknown. */
    public int mapIndex() {
        return mapIndex;
    }

    public int reduceId() {
        return reduceId;
    }
}
