package dev.ember.scheduler;

import dev.ember.EmberConf;
import dev.ember.config.CoreConfig;
import dev.ember.executor.ClassScopes;
import dev.ember.executor.EmberEnv;
import dev.ember.executor.Executor;
import dev.ember.executor.ExecutorBackend;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskState;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Local mode: one executor inside the driver with {@code N} task slots. Offers, launches and kills happen on one
 * thread ({@code local-scheduler}), which also re-offers free slots every {@code ember.scheduler.revive.interval}
 * so that tasks waiting for a better locality get another chance.
 *
 * <p>{@code freeCores} belongs to that thread.
 */
public final class LocalSchedulerBackend implements SchedulerBackend, ExecutorBackend {
    public static final String EXECUTOR_ID = "driver";

    private final EmberConf conf;
    private final TaskSchedulerImpl scheduler;
    private final EmberEnv env;
    private final int totalCores;
    private final int cpusPerTask;
    private final String host;
    private final String applicationId;
    private final ClassLoader userClassLoader;
    private final ClassScopes classScopes;
    private final ScheduledExecutorService endpoint;
    private Executor executor;
    private int freeCores;

    public LocalSchedulerBackend(
            EmberConf conf,
            TaskSchedulerImpl scheduler,
            EmberEnv env,
            int totalCores,
            String host,
            String applicationId) {
        this.conf = conf;
        this.scheduler = scheduler;
        this.env = env;
        this.totalCores = totalCores;
        this.cpusPerTask = conf.get(CoreConfig.TASK_CPUS);
        this.host = host;
        this.applicationId = applicationId;
        this.freeCores = totalCores;
        ClassLoader contextLoader = Thread.currentThread().getContextClassLoader();
        this.userClassLoader = contextLoader != null ? contextLoader : LocalSchedulerBackend.class.getClassLoader();
        this.classScopes = new ClassScopes(conf.get(CoreConfig.EXECUTOR_CLASS_SCOPES));
        // Local mode's scheduler endpoint: serializes offers, launches, kills and slot accounting.
        this.endpoint = ThreadUtils.newDaemonSingleThreadScheduledExecutor("local-scheduler");
    }

    @Override
    public void start() {
        executor = new Executor(EXECUTOR_ID, env, this, userClassLoader);
        long interval = conf.get(CoreConfig.REVIVE_INTERVAL);
        endpoint.scheduleWithFixedDelay(this::offer, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * The job's class scope's loader, when it names one: in local mode the job property lists the jars' paths, which
     * the driver (this process) holds.
     */
    @Override
    public ClassLoader prepare(java.util.Properties jobProperties, ClassLoader base) throws java.io.IOException {
        return classScopes.loaderFor(jobProperties, base, java.nio.file.Path::of);
    }

    @Override
    public void taskEnded(ClassLoader loader) {
        classScopes.done(loader);
    }

    /** This executor's job class scopes, which the driver releases directly in local mode. */
    public ClassScopes classScopes() {
        return classScopes;
    }

    @Override
    public void reviveOffers() {
        submit(this::offer);
    }

    private void offer() {
        List<List<TaskDescription>> assigned =
                scheduler.resourceOffers(List.of(new WorkerOffer(EXECUTOR_ID, host, freeCores)));
        for (TaskDescription task : assigned.get(0)) {
            freeCores -= cpusPerTask;
            executor.launchTask(task);
        }
    }

    @Override
    public void statusUpdate(long taskId, TaskState state, byte[] data) {
        scheduler.statusUpdate(taskId, state, data);
        if (state.isFinished()) {
            submit(() -> {
                freeCores += cpusPerTask;
                offer();
            });
        }
    }

    @Override
    public void killTask(long taskId, String executorId, boolean interruptThread, String reason) {
        submit(() -> executor.killTask(taskId, interruptThread, reason));
    }

    private void submit(Runnable work) {
        try {
            endpoint.execute(work);
        } catch (RejectedExecutionException e) {
            // Stopped: nothing more to offer or kill.
        }
    }

    @Override
    public int defaultParallelism() {
        return conf.getOptional(CoreConfig.DEFAULT_PARALLELISM).orElse(totalCores);
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public int numExecutors() {
        return 1;
    }

    /** Task slots of the local executor. */
    @Override
    public int totalCores() {
        return totalCores;
    }

    @Override
    public void stop() {
        Duration timeout = Duration.ofMillis(conf.get(CoreConfig.STOP_TIMEOUT));
        ThreadUtils.shutdownAndAwait(endpoint, timeout);
        if (executor != null) {
            executor.stop(timeout);
        }
    }
}
