package dev.ember.scheduler;

import dev.ember.AccumulatorV2;
import dev.ember.EmberException;
import dev.ember.events.TaskInfo;
import dev.ember.events.TaskLocality;
import dev.ember.executor.DirectTaskResult;
import dev.ember.executor.ShuffleMapTask;
import dev.ember.executor.Task;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskEndReason;
import dev.ember.executor.TaskState;
import dev.ember.metrics.TaskMetrics;
import dev.ember.util.ByteSizes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the tasks of one task set: hands out tasks for offered slots by locality (waiting up to
 * {@code ember.locality.wait} at each level before accepting a worse one), tracks every attempt, retries failures
 * up to {@code ember.task.maxFailures}, launches speculative copies of stragglers, and aborts the set when a task
 * fails too often.
 *
 * <p>All methods run under the {@link TaskSchedulerImpl}'s lock.
 */
final class TaskSetManager implements Schedulable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskSetManager.class);

    private final TaskSchedulerImpl scheduler;
    private final TaskSet taskSet;
    private final int maxTaskFailures;
    private final List<Task<?>> tasks;
    private final int numTasks;
    private final int[] copiesRunning;
    private final boolean[] successful;
    private final int[] numFailures;
    /**
     * How often each task error was seen, by its text: the first is a warning, the repeats (retries failing the same
     * way) are logged at INFO as duplicates, so that a failing job warns once, not once per attempt.
     */
    private final Map<String, Integer> seenErrors = new HashMap<>();

    private final List<List<TaskInfo>> attempts;
    private int tasksSuccessful;
    private boolean zombie;
    private Pool parent;

    private final Map<String, List<Integer>> pendingForExecutor = new HashMap<>();
    private final Map<String, List<Integer>> pendingForHost = new HashMap<>();
    private final List<Integer> pendingNoPrefs = new ArrayList<>();
    private final List<Integer> pendingAll = new ArrayList<>();
    private final Set<Integer> speculatable = new TreeSet<>();

    private final Map<Long, TaskInfo> taskInfos = new LinkedHashMap<>();
    private final Set<Long> runningTasks = new LinkedHashSet<>();
    private final List<Long> successfulDurations = new ArrayList<>();

    private final TaskLocality[] localityLevels;
    private final long[] localityWaits;
    private int currentLocalityIndex;
    private long lastLaunchTime;

    private long totalResultSize;

    TaskSetManager(TaskSchedulerImpl scheduler, TaskSet taskSet, int maxTaskFailures) {
        this.scheduler = scheduler;
        this.taskSet = taskSet;
        this.maxTaskFailures = maxTaskFailures;
        this.tasks = taskSet.tasks();
        this.numTasks = tasks.size();
        this.copiesRunning = new int[numTasks];
        this.successful = new boolean[numTasks];
        this.numFailures = new int[numTasks];
        this.attempts = new ArrayList<>(numTasks);
        for (int i = 0; i < numTasks; i++) {
            attempts.add(new ArrayList<>());
        }
        for (int i = numTasks - 1; i >= 0; i--) {
            addPendingTask(i);
        }
        this.localityLevels = computeLocalityLevels();
        this.localityWaits = new long[localityLevels.length];
        for (int i = 0; i < localityLevels.length; i++) {
            localityWaits[i] = localityLevels[i] == TaskLocality.NO_PREF || localityLevels[i] == TaskLocality.ANY
                    ? 0
                    : scheduler.localityWait();
        }
        this.lastLaunchTime = scheduler.clock().millis();
    }

    TaskSet taskSet() {
        return taskSet;
    }

    void setParent(Pool parent) {
        this.parent = parent;
    }

    Pool parent() {
        return parent;
    }

    boolean isZombie() {
        return zombie;
    }

    /** Launches no more tasks; running ones finish. */
    void markZombie() {
        zombie = true;
        maybeFinishTaskSet();
    }

    Set<Long> runningTaskIds() {
        return Set.copyOf(runningTasks);
    }

    int tasksSuccessful() {
        return tasksSuccessful;
    }

    // ---- pending tasks ----

    private void addPendingTask(int index) {
        List<TaskLocation> locations =
                taskSet.locations().isEmpty() ? List.of() : taskSet.locations().get(index);
        for (TaskLocation location : locations) {
            if (location instanceof TaskLocation.ExecutorCache cache) {
                pendingForExecutor
                        .computeIfAbsent(cache.executorId(), ignored -> new ArrayList<>())
                        .add(index);
            }
            pendingForHost
                    .computeIfAbsent(location.host(), ignored -> new ArrayList<>())
                    .add(index);
        }
        if (locations.isEmpty()) {
            pendingNoPrefs.add(index);
        }
        pendingAll.add(index);
    }

    private TaskLocality[] computeLocalityLevels() {
        List<TaskLocality> levels = new ArrayList<>();
        if (!pendingForExecutor.isEmpty()) {
            levels.add(TaskLocality.PROCESS_LOCAL);
        }
        if (!pendingForHost.isEmpty()) {
            levels.add(TaskLocality.NODE_LOCAL);
        }
        if (!pendingNoPrefs.isEmpty()) {
            levels.add(TaskLocality.NO_PREF);
        }
        levels.add(TaskLocality.ANY);
        return levels.toArray(new TaskLocality[0]);
    }

    /** Pops a launchable task from the end of {@code list}, dropping entries that are running or done. */
    private Integer dequeueFrom(List<Integer> list) {
        if (list == null) {
            return null;
        }
        while (!list.isEmpty()) {
            int index = list.remove(list.size() - 1);
            if (copiesRunning[index] == 0 && !successful[index]) {
                return index;
            }
        }
        return null;
    }

    private record Dequeued(int index, TaskLocality locality, boolean speculative) {}

    private Dequeued dequeueTask(String executorId, String host, TaskLocality maxLocality) {
        Integer index = dequeueFrom(pendingForExecutor.get(executorId));
        if (index != null) {
            return new Dequeued(index, TaskLocality.PROCESS_LOCAL, false);
        }
        if (TaskLocality.NODE_LOCAL.isAllowed(maxLocality)) {
            index = dequeueFrom(pendingForHost.get(host));
            if (index != null) {
                return new Dequeued(index, TaskLocality.NODE_LOCAL, false);
            }
        }
        if (TaskLocality.NO_PREF.isAllowed(maxLocality)) {
            index = dequeueFrom(pendingNoPrefs);
            if (index != null) {
                return new Dequeued(index, TaskLocality.PROCESS_LOCAL, false);
            }
        }
        if (TaskLocality.ANY.isAllowed(maxLocality)) {
            index = dequeueFrom(pendingAll);
            if (index != null) {
                return new Dequeued(index, TaskLocality.ANY, false);
            }
        }
        return dequeueSpeculativeTask(executorId, maxLocality);
    }

    private Dequeued dequeueSpeculativeTask(String executorId, TaskLocality maxLocality) {
        if (speculatable.isEmpty() || !TaskLocality.ANY.isAllowed(maxLocality)) {
            return null;
        }
        boolean singleExecutor = scheduler.numExecutors() <= 1;
        for (int index : speculatable) {
            if (successful[index] || copiesRunning[index] != 1) {
                continue;
            }
            // A second attempt on the same executor would compete for the same resources; local mode has no other.
            boolean runningHere = attempts.get(index).stream()
                    .anyMatch(info -> info.running() && info.executorId().equals(executorId));
            if (runningHere && !singleExecutor) {
                continue;
            }
            speculatable.remove(index);
            return new Dequeued(index, TaskLocality.ANY, true);
        }
        return null;
    }

    private TaskLocality allowedLocality(long now) {
        while (currentLocalityIndex < localityLevels.length - 1) {
            TaskLocality level = localityLevels[currentLocalityIndex];
            boolean morePending =
                    switch (level) {
                        case PROCESS_LOCAL -> hasLaunchable(pendingForExecutor);
                        case NODE_LOCAL -> hasLaunchable(pendingForHost);
                        case NO_PREF -> hasLaunchable(pendingNoPrefs);
                        case ANY -> true;
                    };
            if (!morePending) {
                currentLocalityIndex++;
            } else if (now - lastLaunchTime >= localityWaits[currentLocalityIndex]) {
                lastLaunchTime += localityWaits[currentLocalityIndex];
                currentLocalityIndex++;
            } else {
                return level;
            }
        }
        return localityLevels[currentLocalityIndex];
    }

    private boolean hasLaunchable(Map<String, List<Integer>> lists) {
        for (List<Integer> list : lists.values()) {
            if (hasLaunchable(list)) {
                return true;
            }
        }
        return false;
    }

    private boolean hasLaunchable(List<Integer> list) {
        for (int index : list) {
            if (copiesRunning[index] == 0 && !successful[index]) {
                return true;
            }
        }
        return false;
    }

    private int localityIndex(TaskLocality locality) {
        for (int i = 0; i < localityLevels.length; i++) {
            if (localityLevels[i] == locality) {
                return i;
            }
        }
        return localityLevels.length - 1;
    }

    // ---- launching ----

    /** A task for a free slot on {@code executorId}, if one may run there at {@code maxLocality} or better. */
    Optional<TaskDescription> resourceOffer(String executorId, String host, TaskLocality maxLocality) {
        if (zombie) {
            return Optional.empty();
        }
        long now = scheduler.clock().millis();
        TaskLocality allowed = maxLocality;
        if (maxLocality != TaskLocality.NO_PREF) {
            TaskLocality byWait = allowedLocality(now);
            if (byWait.ordinal() < allowed.ordinal()) {
                allowed = byWait;
            }
        }
        Dequeued dequeued = dequeueTask(executorId, host, allowed);
        if (dequeued == null) {
            return Optional.empty();
        }
        int index = dequeued.index();
        Task<?> task = tasks.get(index);
        long taskId = scheduler.newTaskId();
        int attemptNumber = attempts.get(index).size();
        TaskInfo info = new TaskInfo(
                taskId,
                index,
                attemptNumber,
                task.partitionId(),
                now,
                executorId,
                host,
                dequeued.locality(),
                dequeued.speculative());
        byte[] serialized;
        try {
            serialized = scheduler.closureSerializer().newInstance().serialize(task);
        } catch (EmberException e) {
            String message = "Failed to serialize task " + taskId + ": " + e.getMessage();
            LOG.error(message, e);
            abort(message, e);
            return Optional.empty();
        }
        taskInfos.put(taskId, info);
        attempts.get(index).add(info);
        copiesRunning[index]++;
        runningTasks.add(taskId);
        if (maxLocality != TaskLocality.NO_PREF) {
            currentLocalityIndex = Math.min(currentLocalityIndex, localityIndex(dequeued.locality()));
            lastLaunchTime = now;
        }
        String name = "task " + info.id() + " in stage " + taskSet.id() + " (TID " + taskId + ")";
        LOG.debug("Starting {} on {} ({}, {} bytes)", name, executorId, dequeued.locality(), serialized.length);
        scheduler.listener().taskStarted(task, info);
        return Optional.of(new TaskDescription(
                taskId, attemptNumber, executorId, name, index, task.partitionId(), taskSet.properties(), serialized));
    }

    // ---- outcomes ----

    TaskInfo taskInfo(long taskId) {
        return taskInfos.get(taskId);
    }

    /** Counts a result's size against {@code ember.driver.maxResultSize}; false (and aborts) past the limit. */
    boolean canFetchMoreResults(long size) {
        totalResultSize += size;
        long limit = scheduler.maxResultSize();
        if (limit > 0 && totalResultSize > limit) {
            abort(
                    "Total size of serialized results of tasks of stage " + taskSet.id() + " ("
                            + ByteSizes.format(totalResultSize) + ") is bigger than ember.driver.maxResultSize ("
                            + ByteSizes.format(limit) + ")",
                    null);
            return false;
        }
        return true;
    }

    void handleSuccessfulTask(long taskId, DirectTaskResult result, Object value) {
        TaskInfo info = taskInfos.get(taskId);
        if (info == null || info.finished()) {
            return;
        }
        int index = info.index();
        long now = scheduler.clock().millis();
        info.markFinished(now, false, false);
        runningTasks.remove(taskId);
        copiesRunning[index]--;
        for (TaskInfo other : attempts.get(index)) {
            if (other.taskId() != taskId && other.running()) {
                scheduler.killTaskAttempt(other.taskId(), true, "another attempt succeeded");
            }
        }
        List<AccumulatorV2<?, ?>> updates = result.accumulatorUpdates();
        if (!successful[index]) {
            tasksSuccessful++;
            successful[index] = true;
            successfulDurations.add(info.duration(now));
            if (tasksSuccessful == numTasks) {
                zombie = true;
            }
        } else {
            // A speculative or retried copy finished after another: its additions must not count twice.
            LOG.info(
                    "Ignoring result of task {} of stage {}: another attempt already succeeded",
                    info.id(),
                    taskSet.id());
            updates = List.of();
        }
        scheduler
                .listener()
                .taskEnded(tasks.get(index), new TaskEndReason.Success(), value, updates, result.metrics(), info);
        maybeFinishTaskSet();
    }

    void handleFailedTask(long taskId, TaskState state, TaskEndReason reason) {
        TaskInfo info = taskInfos.get(taskId);
        if (info == null || info.finished()) {
            return;
        }
        int index = info.index();
        long now = scheduler.clock().millis();
        runningTasks.remove(taskId);
        copiesRunning[index]--;
        info.markFinished(now, state != TaskState.KILLED, state == TaskState.KILLED);
        String failure = "Lost task " + info.id() + " in stage " + taskSet.id() + " (TID " + taskId + ") (executor "
                + info.executorId() + "): " + reason.toErrorString();
        List<AccumulatorV2<?, ?>> updates = List.of();
        TaskMetrics metrics = null;
        Throwable exception = null;
        if (reason instanceof TaskEndReason.FetchFailed) {
            LOG.warn(failure);
            if (!successful[index]) {
                successful[index] = true;
                tasksSuccessful++;
            }
            // The stage will be resubmitted as a whole; no more tasks of this attempt.
            zombie = true;
        } else if (reason instanceof TaskEndReason.ExceptionFailure exceptionFailure) {
            updates = exceptionFailure.accumulatorUpdates();
            metrics = exceptionFailure.metrics();
            exception = exceptionFailure.exception();
            int seen = seenErrors.size() < 1000 ? seenErrors.merge(reason.toErrorString(), 1, Integer::sum) - 1 : 0;
            if (seen == 0) {
                LOG.warn(failure);
            } else {
                LOG.info("{} [duplicate {}]", failure, seen);
            }
        } else if (reason instanceof TaskEndReason.TaskKilled killed) {
            updates = killed.accumulatorUpdates();
            metrics = killed.metrics();
            LOG.info(failure);
        } else {
            LOG.warn(failure);
        }
        scheduler.listener().taskEnded(tasks.get(index), reason, null, updates, metrics, info);
        if (!successful[index]) {
            addPendingTask(index);
        }
        if (!zombie && !successful[index] && reason.countsTowardsTaskFailures()) {
            numFailures[index]++;
            if (reason instanceof TaskEndReason.ExceptionFailure exceptionFailure && exceptionFailure.missingClass()) {
                // Deterministic: every attempt would fail to load the same class.
                abort(
                        "Task " + index + " in stage " + taskSet.id() + " failed and was not retried, because a"
                                + " class it needs is missing where it ran: " + failure,
                        exception);
                return;
            }
            if (numFailures[index] >= maxTaskFailures) {
                String message = "Task " + index + " in stage " + taskSet.id() + " failed " + maxTaskFailures
                        + " times, most recent failure: " + failure;
                abort(message, exception);
                return;
            }
        }
        maybeFinishTaskSet();
    }

    /** Gives up on the task set: its job fails with {@code message}. */
    void abort(String message, Throwable exception) {
        scheduler.listener().taskSetFailed(taskSet, message, exception);
        zombie = true;
        maybeFinishTaskSet();
    }

    private void maybeFinishTaskSet() {
        if (zombie && runningTasks.isEmpty()) {
            scheduler.taskSetFinished(this);
        }
    }

    /**
     * An executor is gone: its successful map outputs are resubmitted (unless they were moved to another executor
     * before it left) and its running tasks fail; with {@code causedByApp} (it exited for a reason that may be the
     * tasks', such as a crash) those failures count toward {@code ember.task.maxFailures}.
     */
    void executorLost(String executorId, String reason, boolean causedByApp) {
        if (!zombie && !tasks.isEmpty() && tasks.get(0) instanceof ShuffleMapTask) {
            java.util.Set<Long> moved = scheduler.listener().mapOutputsMovedFrom(executorId);
            for (TaskInfo info : List.copyOf(taskInfos.values())) {
                int index = info.index();
                if (info.executorId().equals(executorId)
                        && info.successful()
                        && successful[index]
                        && !moved.contains(info.taskId())) {
                    successful[index] = false;
                    tasksSuccessful--;
                    addPendingTask(index);
                    scheduler
                            .listener()
                            .taskEnded(tasks.get(index), new TaskEndReason.Resubmitted(), null, List.of(), null, info);
                }
            }
        }
        for (long taskId : List.copyOf(runningTasks)) {
            TaskInfo info = taskInfos.get(taskId);
            if (info.executorId().equals(executorId)) {
                handleFailedTask(
                        taskId,
                        TaskState.FAILED,
                        new TaskEndReason.ExecutorLostFailure(executorId, causedByApp, reason));
            }
        }
    }

    // ---- speculation ----

    @Override
    public boolean checkSpeculatableTasks(long minTimeToSpeculation) {
        if (zombie || numTasks == 1) {
            return false;
        }
        int minFinished = Math.max((int) Math.floor(scheduler.speculationQuantile() * numTasks), 1);
        if (tasksSuccessful < minFinished || successfulDurations.isEmpty()) {
            return false;
        }
        List<Long> durations = new ArrayList<>(successfulDurations);
        durations.sort(null);
        long median = durations.get(durations.size() / 2);
        double threshold = Math.max(scheduler.speculationMultiplier() * median, minTimeToSpeculation);
        long now = scheduler.clock().millis();
        boolean found = false;
        for (long taskId : runningTasks) {
            TaskInfo info = taskInfos.get(taskId);
            int index = info.index();
            if (!successful[index]
                    && copiesRunning[index] == 1
                    && info.duration(now) > threshold
                    && speculatable.add(index)) {
                LOG.info(
                        "Marking task {} in stage {} (on {}) as speculatable: it has run {} ms, more than {} ms",
                        info.id(),
                        taskSet.id(),
                        info.executorId(),
                        info.duration(now),
                        (long) threshold);
                scheduler.listener().speculativeTaskSubmitted(tasks.get(index), index);
                found = true;
            }
        }
        return found;
    }

    // ---- Schedulable ----

    @Override
    public String name() {
        return "TaskSet_" + taskSet.id();
    }

    @Override
    public int runningTasks() {
        return runningTasks.size();
    }

    @Override
    public int minShare() {
        return 0;
    }

    @Override
    public int weight() {
        return 1;
    }

    @Override
    public int priority() {
        return taskSet.priority();
    }

    @Override
    public int stageId() {
        return taskSet.stageId();
    }

    @Override
    public List<TaskSetManager> sortedTaskSetQueue() {
        return List.of(this);
    }

    TaskLocality[] localityLevels() {
        return localityLevels.clone();
    }
}
