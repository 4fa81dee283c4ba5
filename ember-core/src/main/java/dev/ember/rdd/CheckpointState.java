package dev.ember.rdd;

import dev.ember.RDD;
import java.io.Serializable;
import java.util.Optional;

/**
 * An RDD's checkpointing: whether it is marked for a reliable or local checkpoint, and once written, the RDD that
 * stands for its lineage (which travels with the RDD to executors, so tasks read the checkpoint). The mark lives only
 * on the driver. Writing is guarded against re-entry: the lineage walk after a job must not checkpoint one RDD twice.
 *
 * @param <T> the RDD's element type
 */
public final class CheckpointState<T> implements Serializable {
    private static final long serialVersionUID = 1L;

    private volatile RDD<T> checkpointRdd;
    private transient volatile CheckpointSupport.Mark mark = CheckpointSupport.Mark.NONE;
    private transient boolean writing;

    /** The RDD that replaced the lineage, or null while there is none. */
    public RDD<T> checkpointRdd() {
        return checkpointRdd;
    }

    public boolean isCheckpointed() {
        return checkpointRdd != null;
    }

    /** Whether the RDD is marked for a local checkpoint (or was checkpointed locally). */
    public boolean isLocal() {
        return mark == CheckpointSupport.Mark.LOCAL;
    }

    public void markReliable() {
        if (checkpointRdd == null) {
            mark = CheckpointSupport.Mark.RELIABLE;
        }
    }

    public void markLocal() {
        mark = CheckpointSupport.Mark.LOCAL;
    }

    /** The directory of the reliable checkpoint, once written. */
    public Optional<String> file() {
        return CheckpointSupport.checkpointPath(checkpointRdd);
    }

    /** Starts a checkpoint walk over {@code rdd}; false when one is already on its way (the caller returns). */
    public boolean enter() {
        if (writing) {
            return false;
        }
        writing = true;
        return true;
    }

    public void exit() {
        writing = false;
    }

    /**
     * Writes the checkpoint of {@code rdd} if it is marked and not yet written; true if it did, and the RDD must then
     * forget its partitions and parents.
     */
    public boolean writeIfMarked(RDD<T> rdd) {
        CheckpointSupport.Mark current = mark;
        if (current == null || current == CheckpointSupport.Mark.NONE || checkpointRdd != null) {
            return false;
        }
        checkpointRdd = CheckpointSupport.checkpoint(rdd, current);
        return true;
    }
}
