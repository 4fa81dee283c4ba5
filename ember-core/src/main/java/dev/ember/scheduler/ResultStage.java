package dev.ember.scheduler;

import dev.ember.RDD;
import dev.ember.function.TaskFunction;
import dev.ember.util.CallSite;
import java.util.ArrayList;
import java.util.List;

/** The last stage of a job: applies the job's function to some partitions and returns the results. */
final class ResultStage extends Stage {
    private final TaskFunction<?, ?> function;
    private final int[] partitions;
    private ActiveJob activeJob;

    ResultStage(
            int id,
            RDD<?> rdd,
            TaskFunction<?, ?> function,
            int[] partitions,
            List<Stage> parents,
            int firstJobId,
            CallSite callSite) {
        super(id, rdd, partitions.length, parents, firstJobId, callSite);
        this.function = function;
        this.partitions = partitions.clone();
    }

    TaskFunction<?, ?> function() {
        return function;
    }

    /** The RDD partitions the job computes; output {@code i} is partition {@code partitions()[i]}. */
    int[] partitions() {
        return partitions;
    }

    ActiveJob activeJob() {
        return activeJob;
    }

    void setActiveJob(ActiveJob job) {
        this.activeJob = job;
    }

    /** Outputs (indexes into {@link #partitions()}) not yet computed. */
    @Override
    List<Integer> findMissingPartitions() {
        List<Integer> missing = new ArrayList<>();
        if (activeJob == null) {
            return missing;
        }
        for (int i = 0; i < activeJob.numPartitions(); i++) {
            if (!activeJob.isFinished(i)) {
                missing.add(i);
            }
        }
        return missing;
    }
}
