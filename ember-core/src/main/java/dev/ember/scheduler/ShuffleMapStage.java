package dev.ember.scheduler;

import dev.ember.ShuffleDependency;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.util.CallSite;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A stage writing a shuffle. Available once every map partition has a registered output. */
final class ShuffleMapStage extends Stage {
    private final ShuffleDependency<?> dependency;
    private final MapOutputTrackerMaster tracker;
    private final Set<Integer> pendingPartitions = new HashSet<>();
    /** The jobs submitted for this stage alone, finished when it becomes available. */
    private final List<ActiveJob> mapStageJobs = new java.util.ArrayList<>();

    ShuffleMapStage(
            int id,
            int numTasks,
            List<Stage> parents,
            int firstJobId,
            CallSite callSite,
            ShuffleDependency<?> dependency,
            MapOutputTrackerMaster tracker) {
        super(id, dependency.rdd(), numTasks, parents, firstJobId, callSite);
        this.dependency = dependency;
        this.tracker = tracker;
    }

    ShuffleDependency<?> dependency() {
        return dependency;
    }

    int shuffleId() {
        return dependency.shuffleId();
    }

    /** Partitions of the running attempt not yet done. */
    Set<Integer> pendingPartitions() {
        return pendingPartitions;
    }

    List<ActiveJob> mapStageJobs() {
        return mapStageJobs;
    }

    boolean isAvailable() {
        return tracker.numAvailableOutputs(dependency.shuffleId()) == numPartitions();
    }

    @Override
    List<Integer> findMissingPartitions() {
        return tracker.findMissingPartitions(dependency.shuffleId());
    }
}
