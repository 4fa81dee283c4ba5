package dev.ember.ui.status;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.events.JobResult;
import dev.ember.events.StageInfo;
import dev.ember.executor.TaskEndReason;
import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Everything the UI shows about one application, folded from its events: the application, its settings, jobs,
 * stage attempts with their tasks, executors and cached RDDs. Bounded by {@link Limits}: past them the oldest
 * finished jobs, stages and tasks are forgotten first. Updated by one thread (the listener bus, or a log replay), read
 * by the UI's page threads; one lock guards it, and reads copy what they answer into immutable records.
 */
public final class AppStatus implements EmberListener {
    static final String JOB_GROUP = "ember.jobGroup.id";
    static final String JOB_DESCRIPTION = "ember.job.description";
    static final String SCHEDULER_POOL = "ember.scheduler.pool";

    /** How much the store keeps. */
    public record Limits(int jobs, int stages, int tasksPerStage, int deadExecutors, int sqlExecutions) {}

    /** A stage attempt's key. */
    record StageKey(int stageId, int attemptId) {}

    private final Limits limits;
    private final Redaction redaction;
    private String appId = "";
    private String appName = "";
    private String user = "";
    private long startTime;
    private long endTime;
    private long lastUpdated;
    private Map<String, String> settings = Map.of();
    private JvmDetails jvm = new JvmDetails("", "", Map.of(), List.of());
    private final LinkedHashMap<Integer, LiveJob> jobs = new LinkedHashMap<>();
    private final LinkedHashMap<StageKey, LiveStage> stages = new LinkedHashMap<>();
    private final LinkedHashMap<String, LiveExecutor> executors = new LinkedHashMap<>();
    private final LiveRdds rdds = new LiveRdds();
    private final SqlStatus sql;
    private long succeededJobs;
    private long failedJobs;

    /** Counts for the metrics: what runs now, and what ended since the start (forgotten jobs included). */
    public record Counts(
            int activeJobs, long succeededJobs, long failedJobs, int activeStages, int activeTasks, int pendingTasks) {}

    public AppStatus(Limits limits, Redaction redaction) {
        this.limits = limits;
        this.redaction = redaction;
        this.sql = new SqlStatus(limits.sqlExecutions());
    }

    // ---- events ----

    @Override
    public synchronized void onApplicationStart(EmberListenerEvent.ApplicationStart event) {
        appId = event.appId();
        appName = event.appName();
        user = event.user();
        startTime = event.time();
        touch(event.time());
    }

    @Override
    public synchronized void onApplicationEnd(EmberListenerEvent.ApplicationEnd event) {
        endTime = event.time();
        touch(event.time());
    }

    @Override
    public synchronized void onEnvironmentUpdate(EmberListenerEvent.EnvironmentUpdate event) {
        settings = new TreeMap<>(event.settings());
    }

    @Override
    public synchronized void onOtherEvent(EmberListenerEvent.Custom event) {
        if (event instanceof JvmDetails details) {
            jvm = details;
        } else {
            sql.onEvent(event);
        }
    }

    @Override
    public synchronized void onJobStart(EmberListenerEvent.JobStart event) {
        Properties properties = event.properties() == null ? new Properties() : event.properties();
        List<StageInfo> infos = new ArrayList<>(event.stageInfos());
        infos.sort(Comparator.comparingInt(StageInfo::stageId));
        String name = infos.isEmpty()
                ? "Job " + event.jobId()
                : infos.get(infos.size() - 1).name();
        LiveJob job = new LiveJob(
                event.jobId(),
                name,
                properties.getProperty(JOB_DESCRIPTION),
                properties.getProperty(JOB_GROUP),
                event.time(),
                infos);
        jobs.put(event.jobId(), job);
        sql.onJobStart(event);
        for (StageInfo info : infos) {
            LiveStage stage = stages.computeIfAbsent(
                    new StageKey(info.stageId(), info.attemptNumber()), key -> new LiveStage(info));
            stage.jobIds.add(event.jobId());
            noteRdds(info);
        }
        trim(jobs, job2 -> !job2.running(), limits.jobs());
        touch(event.time());
    }

    @Override
    public synchronized void onJobEnd(EmberListenerEvent.JobEnd event) {
        sql.onJobEnd(event);
        LiveJob job = jobs.get(event.jobId());
        if (job == null) {
            return;
        }
        job.status = event.result() instanceof JobResult.JobSucceeded ? "SUCCEEDED" : "FAILED";
        if (job.status.equals("SUCCEEDED")) {
            succeededJobs++;
        } else {
            failedJobs++;
        }
        job.completionTime = event.time();
        for (StageInfo info : job.stages) {
            LiveStage stage = stages.get(new StageKey(info.stageId(), info.attemptNumber()));
            if (stage != null && stage.status.equals("PENDING")) {
                stage.status = "SKIPPED";
                job.skippedStages++;
                job.skippedTasks += info.numTasks();
            }
        }
        job.activeStages = 0;
        touch(event.time());
    }

    @Override
    public synchronized void onStageSubmitted(EmberListenerEvent.StageSubmitted event) {
        StageInfo info = event.stageInfo();
        StageKey key = new StageKey(info.stageId(), info.attemptNumber());
        LiveStage previous = stages.get(key);
        LiveStage stage = new LiveStage(info);
        if (previous != null) {
            stage.jobIds.addAll(previous.jobIds);
        }
        for (LiveJob job : jobs.values()) {
            if (job.stages.stream().anyMatch(s -> s.stageId() == info.stageId())) {
                stage.jobIds.add(job.jobId);
            }
        }
        stage.status = "ACTIVE";
        Properties properties = event.properties();
        if (properties != null) {
            stage.description = properties.getProperty(JOB_DESCRIPTION);
            stage.pool = properties.getProperty(SCHEDULER_POOL, "default");
        }
        stages.remove(key);
        stages.put(key, stage);
        forJobs(stage, job -> job.activeStages++);
        noteRdds(info);
        trim(stages, LiveStage::finished, limits.stages());
        touch(info.submissionTime());
    }

    @Override
    public synchronized void onStageCompleted(EmberListenerEvent.StageCompleted event) {
        StageInfo info = event.stageInfo();
        LiveStage stage = stages.get(new StageKey(info.stageId(), info.attemptNumber()));
        if (stage == null) {
            return;
        }
        boolean failed = info.failureReason() != null;
        if (stage.info != info) {
            // A replayed log: the completed attempt's times arrive on a copy of the submitted one's info.
            if (failed) {
                stage.info.markFailed(info.failureReason(), info.completionTime());
            } else {
                stage.info.markCompleted(info.completionTime());
            }
            info.accumulables().values().forEach(stage.info::updateAccumulable);
        }
        stage.status = failed ? "FAILED" : "COMPLETE";
        stage.activeTasks = 0;
        forJobs(stage, job -> {
            job.activeStages = Math.max(0, job.activeStages - 1);
            if (failed) {
                job.failedStages++;
            } else {
                job.completedStages++;
            }
        });
        touch(info.completionTime());
    }

    @Override
    public synchronized void onTaskStart(EmberListenerEvent.TaskStart event) {
        LiveStage stage = stages.get(new StageKey(event.stageId(), event.stageAttemptId()));
        LiveTask task = new LiveTask(event.taskInfo());
        if (stage != null) {
            stage.activeTasks++;
            if (stage.firstTaskLaunched == 0) {
                stage.firstTaskLaunched = task.info.launchTime();
            }
            stage.tasks.put(task.info.taskId(), task);
            stage.trimTasks(limits.tasksPerStage());
            forJobs(stage, job -> job.activeTasks++);
        }
        executor(task.info.executorId()).activeTasks++;
        touch(task.info.launchTime());
    }

    @Override
    public synchronized void onTaskEnd(EmberListenerEvent.TaskEnd event) {
        long now = event.taskInfo().finishTime() > 0 ? event.taskInfo().finishTime() : System.currentTimeMillis();
        TaskEndReason reason = event.reason();
        String status;
        if (reason instanceof TaskEndReason.Success) {
            status = "SUCCESS";
        } else if (reason instanceof TaskEndReason.TaskKilled) {
            status = "KILLED";
        } else {
            status = "FAILED";
        }
        LiveStage stage = stages.get(new StageKey(event.stageId(), event.stageAttemptId()));
        LiveTask known = stage == null ? null : stage.tasks.get(event.taskInfo().taskId());
        LiveTask task = known != null ? known : new LiveTask(event.taskInfo());
        boolean wasRunning = !task.finished();
        task.info = event.taskInfo();
        task.status = status;
        task.finishTime = now;
        task.metrics = event.metrics();
        task.errorMessage = errorMessage(reason);
        long duration = task.duration(now);
        String killReason = reason instanceof TaskEndReason.TaskKilled killed ? killed.reason() : null;
        if (stage != null) {
            stage.taskEnded(task, wasRunning, killReason, duration);
            forJobs(stage, job -> job.taskEnded(task.status, wasRunning, killReason));
        }
        executor(task.info.executorId()).taskEnded(task, wasRunning, duration);
        touch(now);
    }

    private static String errorMessage(TaskEndReason reason) {
        if (reason instanceof TaskEndReason.Success) {
            return null;
        }
        if (reason instanceof TaskEndReason.ExceptionFailure failure && failure.fullStackTrace() != null) {
            return failure.fullStackTrace();
        }
        return reason.toErrorString();
    }

    @Override
    public synchronized void onExecutorAdded(EmberListenerEvent.ExecutorAdded event) {
        LiveExecutor executor = executor(event.executorId());
        executor.host = event.host();
        executor.cores = event.cores();
        executor.addTime = event.time();
        executor.removeTime = 0;
        touch(event.time());
    }

    @Override
    public synchronized void onExecutorRemoved(EmberListenerEvent.ExecutorRemoved event) {
        LiveExecutor executor = executor(event.executorId());
        executor.removeTime = event.time();
        executor.removeReason = event.reason();
        // Its cached blocks went with it; the block manager reports no update for them.
        rdds.executorRemoved(event.executorId());
        executor.activeTasks = 0;
        trim(
                executors,
                e -> !e.active(),
                limits.deadExecutors()
                        + (int) executors.values().stream()
                                .filter(LiveExecutor::active)
                                .count());
        touch(event.time());
    }

    @Override
    public synchronized void onExecutorMetricsUpdate(EmberListenerEvent.ExecutorMetricsUpdate event) {
        executor(event.executorId()).reported(event.metrics());
        touch(event.time());
    }

    @Override
    public synchronized void onBlockManagerAdded(EmberListenerEvent.BlockManagerAdded event) {
        LiveExecutor executor = executor(event.blockManagerId().executorId());
        executor.host = event.blockManagerId().host();
        executor.port = event.blockManagerId().port();
        executor.maxOnHeap = event.maxOnHeapMemory();
        executor.maxOffHeap = event.maxOffHeapMemory();
        if (executor.addTime == 0) {
            executor.addTime = event.time();
        }
    }

    @Override
    public synchronized void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {
        rdds.blockUpdated(event);
    }

    @Override
    public synchronized void onUnpersistRdd(EmberListenerEvent.UnpersistRdd event) {
        rdds.byId.remove(event.rddId());
    }

    private void noteRdds(StageInfo info) {
        rdds.noted(info);
    }

    private LiveExecutor executor(String id) {
        return executors.computeIfAbsent(id, LiveExecutor::new);
    }

    private void forJobs(LiveStage stage, java.util.function.Consumer<LiveJob> update) {
        for (int jobId : stage.jobIds) {
            LiveJob job = jobs.get(jobId);
            if (job != null) {
                update.accept(job);
            }
        }
    }

    private void touch(long time) {
        lastUpdated = Math.max(lastUpdated, time);
    }

    /** Drops the oldest entries that {@code done} says are finished until at most {@code retained} remain. */
    private static <K, V> void trim(Map<K, V> map, Predicate<V> done, int retained) {
        Iterator<V> oldest = map.values().iterator();
        while (map.size() > retained && oldest.hasNext()) {
            if (done.test(oldest.next())) {
                oldest.remove();
            }
        }
    }

    // ---- reads ----

    public synchronized String appId() {
        return appId;
    }

    public synchronized String appName() {
        return appName;
    }

    public synchronized boolean completed() {
        return endTime > 0;
    }

    public synchronized Counts counts() {
        int activeJobs = 0;
        for (LiveJob job : jobs.values()) {
            activeJobs += job.running() ? 1 : 0;
        }
        int activeStages = 0;
        int activeTasks = 0;
        int pendingTasks = 0;
        for (LiveStage stage : stages.values()) {
            if (stage.active()) {
                activeStages++;
                activeTasks += stage.activeTasks;
                pendingTasks +=
                        Math.max(0, stage.info.numTasks() - stage.completedIndices.cardinality() - stage.activeTasks);
            }
        }
        return new Counts(activeJobs, succeededJobs, failedJobs, activeStages, activeTasks, pendingTasks);
    }

    public synchronized ApiTypes.ApplicationInfo application() {
        long end = endTime > 0 ? endTime : 0;
        long now = end > 0 ? end : System.currentTimeMillis();
        int cores = 0;
        for (LiveExecutor executor : executors.values()) {
            if (executor.active() && !executor.id.equals(ExecutorAccess.DRIVER)) {
                cores += executor.cores;
            }
        }
        if (cores == 0) {
            cores = executors.values().stream()
                    .filter(LiveExecutor::active)
                    .mapToInt(e -> e.cores)
                    .sum();
        }
        ApiTypes.ApplicationAttemptInfo attempt = new ApiTypes.ApplicationAttemptInfo(
                null,
                ApiTime.format(startTime),
                end > 0 ? ApiTime.format(end) : "1969-12-31T23:59:59.999GMT",
                ApiTime.format(Math.max(lastUpdated, startTime)),
                startTime > 0 ? now - startTime : 0,
                user,
                end > 0,
                EmberVersion.VERSION,
                startTime,
                end > 0 ? end : -1,
                Math.max(lastUpdated, startTime));
        return new ApiTypes.ApplicationInfo(appId, appName, cores, null, null, null, List.of(attempt));
    }

    /** Jobs, newest first, whose status {@code filter} accepts. */
    public synchronized List<ApiTypes.JobData> jobs(Predicate<String> filter) {
        List<ApiTypes.JobData> answer = new ArrayList<>();
        for (LiveJob job : jobs.values()) {
            if (filter.test(job.status)) {
                answer.add(job.snapshot());
            }
        }
        answer.sort(Comparator.comparingInt(ApiTypes.JobData::jobId).reversed());
        return answer;
    }

    public synchronized Optional<ApiTypes.JobData> job(int jobId) {
        LiveJob job = jobs.get(jobId);
        return job == null ? Optional.empty() : Optional.of(job.snapshot());
    }

    /** The graph of a job's stages: each stage's info and status, by stage id. */
    public synchronized Optional<List<StageNode>> jobGraph(int jobId) {
        LiveJob job = jobs.get(jobId);
        if (job == null) {
            return Optional.empty();
        }
        List<StageNode> nodes = new ArrayList<>();
        for (StageInfo info : job.stages) {
            String status = "PENDING";
            int attempt = info.attemptNumber();
            for (LiveStage stage : stages.values()) {
                if (stage.info.stageId() == info.stageId() && stage.info.attemptNumber() >= attempt) {
                    status = stage.status;
                    attempt = stage.info.attemptNumber();
                }
            }
            nodes.add(new StageNode(info, attempt, status));
        }
        return Optional.of(nodes);
    }

    /** Stage attempts, newest first, whose status {@code filter} accepts; with tasks when {@code details}. */
    public synchronized List<ApiTypes.StageData> stages(Predicate<String> filter, boolean details) {
        long now = System.currentTimeMillis();
        List<ApiTypes.StageData> answer = new ArrayList<>();
        for (LiveStage stage : stages.values()) {
            if (filter.test(stage.status)) {
                answer.add(stage.snapshot(details, now));
            }
        }
        answer.sort(Comparator.comparingInt(ApiTypes.StageData::stageId)
                .thenComparingInt(ApiTypes.StageData::attemptId)
                .reversed());
        return answer;
    }

    public synchronized Optional<ApiTypes.StageData> stage(int stageId, int attemptId, boolean details) {
        LiveStage stage = stages.get(new StageKey(stageId, attemptId));
        return stage == null ? Optional.empty() : Optional.of(stage.snapshot(details, System.currentTimeMillis()));
    }

    /** Every retained attempt of stage {@code stageId}, newest first. */
    public synchronized List<ApiTypes.StageData> stageAttempts(int stageId, boolean details) {
        long now = System.currentTimeMillis();
        List<ApiTypes.StageData> answer = new ArrayList<>();
        for (LiveStage stage : stages.values()) {
            if (stage.info.stageId() == stageId) {
                answer.add(stage.snapshot(details, now));
            }
        }
        answer.sort(Comparator.comparingInt(ApiTypes.StageData::attemptId).reversed());
        return answer;
    }

    /** The stage attempt's RDDs, for its picture. */
    public synchronized Optional<StageInfo> stageInfo(int stageId, int attemptId) {
        LiveStage stage = stages.get(new StageKey(stageId, attemptId));
        return stage == null ? Optional.empty() : Optional.of(stage.info);
    }

    /** The retained tasks of a stage attempt, as records. */
    public synchronized Optional<List<ApiTypes.TaskData>> tasks(int stageId, int attemptId) {
        LiveStage stage = stages.get(new StageKey(stageId, attemptId));
        if (stage == null) {
            return Optional.empty();
        }
        long now = System.currentTimeMillis();
        List<ApiTypes.TaskData> answer = new ArrayList<>(stage.tasks.size());
        for (LiveTask task : stage.tasks.values()) {
            answer.add(task.snapshot(now));
        }
        return Optional.of(answer);
    }

    /** Executors, the driver first; only the active ones unless {@code all}. */
    public synchronized List<ApiTypes.ExecutorSummary> executors(boolean all) {
        refreshCachedTotals();
        List<ApiTypes.ExecutorSummary> answer = new ArrayList<>();
        for (LiveExecutor executor : executors.values()) {
            if (all || executor.active()) {
                answer.add(executor.snapshot());
            }
        }
        answer.sort(Comparator.comparing((ApiTypes.ExecutorSummary e) -> !e.id().equals(ExecutorAccess.DRIVER))
                .thenComparing(e -> e.id().length())
                .thenComparing(ApiTypes.ExecutorSummary::id));
        return answer;
    }

    /** Each executor's cached blocks, memory and disk, summed over the RDDs' partitions. */
    private void refreshCachedTotals() {
        Map<String, long[]> cached = new TreeMap<>();
        for (LiveRdd rdd : rdds.byId.values()) {
            for (Map<String, long[]> copies : rdd.partitions.values()) {
                for (Map.Entry<String, long[]> copy : copies.entrySet()) {
                    long[] sum = cached.computeIfAbsent(copy.getKey(), k -> new long[3]);
                    sum[0] += copy.getValue()[0];
                    sum[1] += copy.getValue()[1];
                    sum[2]++;
                }
            }
        }
        for (LiveExecutor executor : executors.values()) {
            long[] sum = cached.getOrDefault(executor.id, new long[3]);
            executor.memoryUsed = sum[0];
            executor.diskUsed = sum[1];
            executor.rddBlocks = (int) sum[2];
        }
    }

    /** What each active executor process last reported about its JVM, by executor id. */
    public synchronized Map<String, Map<String, Long>> executorJvms() {
        Map<String, Map<String, Long>> answer = new TreeMap<>();
        for (LiveExecutor executor : executors.values()) {
            if (executor.active() && !executor.latest.isEmpty()) {
                answer.put(executor.id, executor.latest);
            }
        }
        return answer;
    }

    /** Cached RDDs (those with at least one cached partition), by id. */
    public synchronized List<ApiTypes.RDDStorageInfo> rdds() {
        List<ApiTypes.RDDStorageInfo> answer = new ArrayList<>();
        for (LiveRdd rdd : rdds.byId.values()) {
            if (!rdd.partitions.isEmpty()) {
                answer.add(rdd.snapshot(false, executors));
            }
        }
        return answer;
    }

    public synchronized Optional<ApiTypes.RDDStorageInfo> rdd(int rddId) {
        refreshCachedTotals();
        LiveRdd rdd = rdds.byId.get(rddId);
        return rdd == null || rdd.partitions.isEmpty() ? Optional.empty() : Optional.of(rdd.snapshot(true, executors));
    }

    /** SQL executions, newest first; with each one's plan graph and metrics when {@code details}. */
    public List<ApiTypes.ExecutionData> sqlExecutions(boolean details) {
        return sql.list(details);
    }

    public Optional<ApiTypes.ExecutionData> sqlExecution(long id) {
        return sql.get(id);
    }

    /** The settings (redacted), the JVM's runtime and system properties, and the class path. */
    public synchronized ApiTypes.ApplicationEnvironmentInfo environment() {
        return redaction.environment(settings, jvm);
    }
}
