package dev.ember.scheduler;

import dev.ember.Dependency;
import dev.ember.RDD;
import dev.ember.ShuffleDependency;
import dev.ember.events.StageInfo;
import dev.ember.function.TaskFunction;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.util.CallSite;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DAG scheduler's stage graph: the active jobs, the stages they need (a result stage and the shuffle map stages
 * of the shuffles met walking back through narrow dependencies, shared between jobs), which stages wait for their
 * parents and which run. Creating a map stage registers its shuffle with the map output tracker, which keeps outputs
 * across jobs, so a later job finds the stage available.
 *
 * <p>Owned by the DAG scheduler's event loop: only its thread calls this class, so nothing is synchronized.
 */
final class StageGraph {
    private final MapOutputTrackerMaster mapOutputTracker;
    private final TaskLocalities localities;

    private int nextStageId;
    private final Map<Integer, Set<Integer>> jobIdToStageIds = new HashMap<>();
    private final Map<Integer, Stage> stageIdToStage = new HashMap<>();
    private final Map<Integer, ShuffleMapStage> shuffleIdToMapStage = new HashMap<>();
    private final Map<Integer, ActiveJob> jobIdToActiveJob = new HashMap<>();
    private final Set<ActiveJob> activeJobs = new LinkedHashSet<>();
    private final Set<Stage> waitingStages = new LinkedHashSet<>();
    private final Set<Stage> runningStages = new LinkedHashSet<>();

    StageGraph(MapOutputTrackerMaster mapOutputTracker, TaskLocalities localities) {
        this.mapOutputTracker = mapOutputTracker;
        this.localities = localities;
    }

    // ---- creating stages ----

    /** The result stage of a new job, with every parent stage it needs created or reused. */
    ResultStage createResultStage(
            RDD<?> rdd, TaskFunction<?, ?> function, int[] partitions, int jobId, CallSite callSite) {
        List<Stage> parents = getOrCreateParentStages(rdd, jobId);
        int id = nextStageId++;
        ResultStage stage = new ResultStage(id, rdd, function, partitions, parents, jobId, callSite);
        stageIdToStage.put(id, stage);
        updateJobIdStageIdMaps(jobId, stage);
        return stage;
    }

    /** The map stage of {@code dependency} for a job of its own, created (with its parents) or reused. */
    ShuffleMapStage mapStageForJob(ShuffleDependency<?> dependency, int jobId) {
        ShuffleMapStage stage = getOrCreateShuffleMapStage(dependency, jobId);
        updateJobIdStageIdMaps(jobId, stage);
        return stage;
    }

    private List<Stage> getOrCreateParentStages(RDD<?> rdd, int firstJobId) {
        List<Stage> parents = new ArrayList<>();
        for (ShuffleDependency<?> dependency : shuffleDependencies(rdd)) {
            parents.add(getOrCreateShuffleMapStage(dependency, firstJobId));
        }
        return parents;
    }

    /** The shuffle dependencies met walking back from {@code rdd} through narrow dependencies. */
    static List<ShuffleDependency<?>> shuffleDependencies(RDD<?> rdd) {
        List<ShuffleDependency<?>> found = new ArrayList<>();
        Set<Integer> visited = new HashSet<>();
        ArrayDeque<RDD<?>> pending = new ArrayDeque<>();
        pending.push(rdd);
        while (!pending.isEmpty()) {
            RDD<?> current = pending.pop();
            if (!visited.add(current.id())) {
                continue;
            }
            for (Dependency<?> dependency : current.dependencies()) {
                if (dependency instanceof ShuffleDependency<?> shuffle) {
                    found.add(shuffle);
                } else {
                    pending.push(dependency.rdd());
                }
            }
        }
        return found;
    }

    private ShuffleMapStage getOrCreateShuffleMapStage(ShuffleDependency<?> dependency, int firstJobId) {
        ShuffleMapStage existing = shuffleIdToMapStage.get(dependency.shuffleId());
        if (existing != null) {
            return existing;
        }
        return createShuffleMapStage(dependency, firstJobId);
    }

    private ShuffleMapStage createShuffleMapStage(ShuffleDependency<?> dependency, int jobId) {
        RDD<?> rdd = dependency.rdd();
        int numTasks = rdd.getNumPartitions();
        List<Stage> parents = getOrCreateParentStages(rdd, jobId);
        int id = nextStageId++;
        ShuffleMapStage stage =
                new ShuffleMapStage(id, numTasks, parents, jobId, rdd.creationSite(), dependency, mapOutputTracker);
        stageIdToStage.put(id, stage);
        shuffleIdToMapStage.put(dependency.shuffleId(), stage);
        updateJobIdStageIdMaps(jobId, stage);
        if (!mapOutputTracker.containsShuffle(dependency.shuffleId())) {
            mapOutputTracker.registerShuffle(dependency.shuffleId(), numTasks);
        }
        return stage;
    }

    private void updateJobIdStageIdMaps(int jobId, Stage stage) {
        ArrayDeque<Stage> pending = new ArrayDeque<>();
        pending.push(stage);
        while (!pending.isEmpty()) {
            Stage current = pending.pop();
            if (current.jobIds().add(jobId)) {
                jobIdToStageIds
                        .computeIfAbsent(jobId, ignored -> new LinkedHashSet<>())
                        .add(current.id());
                for (Stage parent : current.parents()) {
                    pending.push(parent);
                }
            }
        }
    }

    /** Parent stages whose output is not available, skipping RDDs whose every partition is cached. */
    List<Stage> missingParentStages(Stage stage) {
        Set<Stage> missing = new LinkedHashSet<>();
        Set<Integer> visited = new HashSet<>();
        ArrayDeque<RDD<?>> pending = new ArrayDeque<>();
        pending.push(stage.rdd());
        while (!pending.isEmpty()) {
            RDD<?> rdd = pending.pop();
            if (!visited.add(rdd.id())) {
                continue;
            }
            boolean hasUncachedPartitions =
                    localities.cacheLocations(rdd).stream().anyMatch(List::isEmpty);
            if (!hasUncachedPartitions) {
                continue;
            }
            for (Dependency<?> dependency : rdd.dependencies()) {
                if (dependency instanceof ShuffleDependency<?> shuffle) {
                    ShuffleMapStage mapStage = getOrCreateShuffleMapStage(shuffle, stage.firstJobId());
                    if (!mapStage.isAvailable()) {
                        missing.add(mapStage);
                    }
                } else {
                    pending.push(dependency.rdd());
                }
            }
        }
        List<Stage> ordered = new ArrayList<>(missing);
        ordered.sort(Comparator.comparingInt(Stage::id));
        return ordered;
    }

    // ---- jobs ----

    void addJob(ActiveJob job) {
        jobIdToActiveJob.put(job.jobId(), job);
        activeJobs.add(job);
        if (job.finalStage() instanceof ResultStage result) {
            result.setActiveJob(job);
        } else {
            ((ShuffleMapStage) job.finalStage()).mapStageJobs().add(job);
        }
    }

    ActiveJob job(int jobId) {
        return jobIdToActiveJob.get(jobId);
    }

    /** The active jobs in submission order, copied: handlers may end jobs while going through them. */
    List<ActiveJob> activeJobs() {
        return List.copyOf(activeJobs);
    }

    /** The lowest id of an active job that needs {@code stage}, or null. */
    Integer activeJobForStage(Stage stage) {
        for (int jobId : stage.jobIds().stream().sorted().toList()) {
            if (jobIdToActiveJob.containsKey(jobId)) {
                return jobId;
            }
        }
        return null;
    }

    /** The infos of the stages {@code jobId} needs, for its start event. */
    List<StageInfo> stageInfos(int jobId) {
        List<StageInfo> infos = new ArrayList<>();
        for (int stageId : jobIdToStageIds.getOrDefault(jobId, Set.of())) {
            Stage stage = stageIdToStage.get(stageId);
            if (stage != null) {
                infos.add(stage.latestInfo());
            }
        }
        return infos;
    }

    /** The stages {@code job} needs that no other job needs and that are running. */
    List<Stage> runningStagesOnlyFor(ActiveJob job) {
        List<Stage> stages = new ArrayList<>();
        for (int stageId : jobIdToStageIds.getOrDefault(job.jobId(), Set.of())) {
            Stage stage = stageIdToStage.get(stageId);
            if (stage != null
                    && stage.jobIds().size() == 1
                    && stage.jobIds().contains(job.jobId())
                    && runningStages.contains(stage)) {
                stages.add(stage);
            }
        }
        return stages;
    }

    /** The active jobs whose final stage depends on {@code stage}, directly or through parents. */
    List<ActiveJob> jobsDependingOn(Stage stage) {
        List<ActiveJob> jobs = new ArrayList<>();
        for (ActiveJob job : activeJobs) {
            if (stageDependsOn(job.finalStage(), stage)) {
                jobs.add(job);
            }
        }
        return jobs;
    }

    private static boolean stageDependsOn(Stage stage, Stage target) {
        ArrayDeque<Stage> pending = new ArrayDeque<>();
        Set<Integer> visited = new HashSet<>();
        pending.push(stage);
        while (!pending.isEmpty()) {
            Stage current = pending.pop();
            if (current == target) {
                return true;
            }
            if (visited.add(current.id())) {
                current.parents().forEach(pending::push);
            }
        }
        return false;
    }

    /**
     * Forgets {@code job} and every stage no other job needs; returns those stages, for the caller to drop from its
     * own bookkeeping.
     */
    List<Stage> removeJob(ActiveJob job) {
        List<Stage> removed = new ArrayList<>();
        Set<Integer> stageIds = jobIdToStageIds.remove(job.jobId());
        if (stageIds != null) {
            for (int stageId : stageIds) {
                Stage stage = stageIdToStage.get(stageId);
                if (stage == null) {
                    continue;
                }
                stage.jobIds().remove(job.jobId());
                if (stage.jobIds().isEmpty()) {
                    stageIdToStage.remove(stageId);
                    runningStages.remove(stage);
                    waitingStages.remove(stage);
                    if (stage instanceof ShuffleMapStage shuffleStage) {
                        shuffleIdToMapStage.remove(shuffleStage.shuffleId());
                    }
                    removed.add(stage);
                }
            }
        }
        jobIdToActiveJob.remove(job.jobId());
        activeJobs.remove(job);
        if (job.finalStage() instanceof ResultStage result) {
            result.setActiveJob(null);
        } else {
            ((ShuffleMapStage) job.finalStage()).mapStageJobs().remove(job);
        }
        return removed;
    }

    // ---- stages ----

    Stage stage(int stageId) {
        return stageIdToStage.get(stageId);
    }

    boolean contains(Stage stage) {
        return stageIdToStage.containsKey(stage.id());
    }

    ShuffleMapStage mapStage(int shuffleId) {
        return shuffleIdToMapStage.get(shuffleId);
    }

    boolean isWaiting(Stage stage) {
        return waitingStages.contains(stage);
    }

    void addWaiting(Stage stage) {
        waitingStages.add(stage);
    }

    boolean isRunning(Stage stage) {
        return runningStages.contains(stage);
    }

    void addRunning(Stage stage) {
        runningStages.add(stage);
    }

    void removeRunning(Stage stage) {
        runningStages.remove(stage);
    }

    /** Removes and returns the waiting stages that have {@code parent} as a parent, oldest job first. */
    List<Stage> takeWaitingChildren(Stage parent) {
        List<Stage> children = new ArrayList<>();
        for (Stage waiting : waitingStages) {
            if (waiting.parents().contains(parent)) {
                children.add(waiting);
            }
        }
        children.sort(Comparator.comparingInt(Stage::firstJobId));
        waitingStages.removeAll(children);
        return children;
    }

    /** Sizes of every map and set; all zero when no job runs. */
    String bookkeeping() {
        return "jobs=" + activeJobs.size() + " jobIdToStageIds=" + jobIdToStageIds.size() + " stages="
                + stageIdToStage.size() + " shuffleStages=" + shuffleIdToMapStage.size() + " waiting="
                + waitingStages.size() + " running=" + runningStages.size();
    }
}
