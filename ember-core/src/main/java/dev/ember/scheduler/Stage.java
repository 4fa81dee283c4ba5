package dev.ember.scheduler;

import dev.ember.RDD;
import dev.ember.events.RddInfo;
import dev.ember.events.StageInfo;
import dev.ember.util.CallSite;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A set of tasks computing the same function on every partition of an RDD, pipelined up to shuffle boundaries.
 * Owned by the DAG scheduler's thread.
 */
abstract class Stage {
    private final int id;
    private final RDD<?> rdd;
    private final int numTasks;
    private final List<Stage> parents;
    private final int firstJobId;
    private final CallSite callSite;
    private final Set<Integer> jobIds = new LinkedHashSet<>();
    private final Set<Integer> failedAttemptIds = new HashSet<>();
    private int nextAttemptId;
    private StageInfo latestInfo;

    Stage(int id, RDD<?> rdd, int numTasks, List<Stage> parents, int firstJobId, CallSite callSite) {
        this.id = id;
        this.rdd = rdd;
        this.numTasks = numTasks;
        this.parents = List.copyOf(parents);
        this.firstJobId = firstJobId;
        this.callSite = callSite;
        this.latestInfo = info(0, numTasks);
    }

    int id() {
        return id;
    }

    RDD<?> rdd() {
        return rdd;
    }

    int numTasks() {
        return numTasks;
    }

    /** How many partitions the stage's RDD has. */
    int numPartitions() {
        return rdd.getNumPartitions();
    }

    List<Stage> parents() {
        return parents;
    }

    int firstJobId() {
        return firstJobId;
    }

    CallSite callSite() {
        return callSite;
    }

    Set<Integer> jobIds() {
        return jobIds;
    }

    /** Attempts that failed because a parent's output could not be fetched. */
    Set<Integer> failedAttemptIds() {
        return failedAttemptIds;
    }

    StageInfo latestInfo() {
        return latestInfo;
    }

    /** Starts a new attempt computing {@code numPartitionsToCompute} partitions. */
    void makeNewStageAttempt(int numPartitionsToCompute) {
        latestInfo = info(nextAttemptId, numPartitionsToCompute);
        nextAttemptId++;
    }

    private StageInfo info(int attempt, int tasks) {
        return new StageInfo(
                id,
                attempt,
                callSite.shortForm(),
                tasks,
                rddInfos(),
                parents.stream().map(Stage::id).toList(),
                callSite.longForm(),
                this instanceof ShuffleMapStage);
    }

    /** The RDDs this stage computes: its RDD and its narrow ancestors. */
    private List<RddInfo> rddInfos() {
        List<RddInfo> infos = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        ArrayDeque<RDD<?>> pending = new ArrayDeque<>();
        pending.push(rdd);
        while (!pending.isEmpty()) {
            RDD<?> current = pending.pop();
            if (!seen.add(current.id())) {
                continue;
            }
            List<Integer> parentIds = new ArrayList<>();
            for (var dependency : current.dependencies()) {
                parentIds.add(dependency.rdd().id());
                if (dependency instanceof dev.ember.NarrowDependency<?>) {
                    pending.push(dependency.rdd());
                }
            }
            infos.add(new RddInfo(
                    current.id(),
                    current.name(),
                    current.getNumPartitions(),
                    current.getStorageLevel(),
                    parentIds,
                    current.creationSite().shortForm(),
                    current.getClass().getSimpleName()));
        }
        return infos;
    }

    /** Partitions not yet computed. */
    abstract List<Integer> findMissingPartitions();

    @Override
    public String toString() {
        return getClass().getSimpleName() + " " + id;
    }
}
