package dev.ember.scheduler.cluster;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.events.EmberListenerEvent;
import dev.ember.executor.TaskDescription;
import dev.ember.executor.TaskEndReason;
import dev.ember.executor.TaskState;
import dev.ember.network.NetworkConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcCallContext;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.scheduler.SchedulerBackend;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.scheduler.WorkerOffer;
import dev.ember.serializer.JavaSerializer;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.storage.BlockManagerMaster;
import dev.ember.storage.RpcBlockTransferService;
import dev.ember.util.Exceptions;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's side of executors running in other processes. Executors register with the endpoint
 * {@value ClusterMessages#SCHEDULER}; their free cores are offered to the task scheduler, and the tasks it picks are
 * sent to them. An executor whose connection closes, or that its cluster manager reports gone, is removed: its
 * running tasks are rescheduled and its shuffle outputs and cached blocks forgotten.
 *
 * <p>All executor bookkeeping happens on the endpoint's thread; other threads post messages to it. A cluster
 * manager subclasses this to ask for executors ({@link #start}) and to hear of their exit.
 */
public class CoarseGrainedSchedulerBackend implements SchedulerBackend {
    private static final Logger LOG = LoggerFactory.getLogger(CoarseGrainedSchedulerBackend.class);

    /** One registered executor; mutable state belongs to the endpoint thread. */
    private static final class ExecutorData {
        final String executorId;
        final RpcEndpointRef ref;
        final String host;
        final int totalCores;
        int freeCores;
        /** Why it is being decommissioned; null while it takes tasks. */
        String decommissioned;

        ExecutorData(String executorId, RpcEndpointRef ref, String host, int cores) {
            this.executorId = executorId;
            this.ref = ref;
            this.host = host;
            this.totalCores = cores;
            this.freeCores = cores;
        }
    }

    protected final EmberConf conf;
    protected final TaskSchedulerImpl scheduler;
    protected final RpcEnv rpcEnv;
    private final MapOutputTrackerMaster mapOutputTracker;
    private final BlockManagerMaster blockManagerMaster;
    private final Consumer<EmberListenerEvent> events;
    private final int cpusPerTask;
    private final long maxTaskSize;
    private final Object readiness = new Object();
    private final ScheduledExecutorService reviveTimer;
    private final RpcBlockTransferService resultFetcher;
    private final ExecutorInspections inspections;
    private volatile String applicationId;
    private volatile RpcEndpointRef self;

    // Endpoint-thread state.
    private final Map<String, ExecutorData> executors = new LinkedHashMap<>();
    private final Map<RpcAddress, String> executorByAddress = new HashMap<>();
    /** Executors decommissioned before they registered, with why. */
    private final Map<String, String> pendingDecommissions = new HashMap<>();

    private long lastStarvationWarning = System.currentTimeMillis();

    // Read from any thread.
    private volatile int totalCores;
    private volatile int numExecutors;
    private volatile boolean stopping;
    private volatile boolean gaveUp;

    public CoarseGrainedSchedulerBackend(ClusterManager.Context context, String applicationId) {
        this.conf = context.conf();
        this.scheduler = context.scheduler();
        this.rpcEnv = context.rpcEnv();
        this.mapOutputTracker = context.mapOutputTracker();
        this.blockManagerMaster = context.blockManagerMaster();
        this.events = context.events();
        this.applicationId = applicationId;
        this.cpusPerTask = conf.get(CoreConfig.TASK_CPUS);
        // A task larger than a frame could never be sent; leave room for the envelope.
        this.maxTaskSize = conf.get(NetworkConfig.MAX_FRAME_SIZE) - 64 * 1024;
        this.reviveTimer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("driver-revive");
        this.resultFetcher =
                new RpcBlockTransferService(rpcEnv, Duration.ofMillis(conf.get(NetworkConfig.NETWORK_TIMEOUT)));
        this.inspections = new ExecutorInspections(Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT)));
    }

    @Override
    public void start() {
        self = rpcEnv.setupEndpoint(ClusterMessages.SCHEDULER, new DriverEndpoint());
        long interval = conf.get(CoreConfig.REVIVE_INTERVAL);
        reviveTimer.scheduleWithFixedDelay(
                () -> self.send(new ClusterMessages.ReviveOffers()), interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Asks this application's executor processes about themselves, for the UI. */
    public dev.ember.status.ExecutorInspector inspector() {
        return inspections;
    }

    /** Cores the application should get before its first job is scheduled; 0 when it cannot know. */
    protected int expectedCores() {
        return 0;
    }

    /** Sets the application id once the cluster manager assigned it. */
    protected void setApplicationId(String applicationId) {
        this.applicationId = applicationId;
    }

    @Override
    public void awaitReady() {
        int expected = expectedCores();
        if (expected <= 0) {
            return;
        }
        double ratio = conf.get(CoreConfig.MIN_REGISTERED_RESOURCES_RATIO);
        long deadline =
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(conf.get(CoreConfig.MAX_REGISTERED_RESOURCES_WAIT));
        int wanted = (int) Math.ceil(expected * ratio);
        synchronized (readiness) {
            boolean ready =
                    ThreadUtils.waitUntil(readiness, () -> totalCores >= wanted || stopping || gaveUp, deadline, 0);
            if (!ready && !Thread.currentThread().isInterrupted()) {
                LOG.warn(
                        "Starting with {} of the {} cores asked for after waiting {} ms"
                                + " (ember.scheduler.maxRegisteredResourcesWaitingTime)",
                        totalCores,
                        expected,
                        conf.get(CoreConfig.MAX_REGISTERED_RESOURCES_WAIT));
            }
        }
    }

    @Override
    public void reviveOffers() {
        RpcEndpointRef endpoint = self;
        if (endpoint != null && !stopping) {
            endpoint.send(new ClusterMessages.ReviveOffers());
        }
    }

    @Override
    public void killTask(long taskId, String executorId, boolean interruptThread, String reason) {
        RpcEndpointRef endpoint = self;
        if (endpoint != null && !stopping) {
            endpoint.send(new KillTaskOn(executorId, new ClusterMessages.KillTask(taskId, interruptThread, reason)));
        }
    }

    /**
     * Removes an executor, from any thread; its running tasks are rescheduled, and count as failed attempts when
     * {@code causedByApp}.
     */
    public void removeExecutor(String executorId, String reason, boolean causedByApp) {
        RpcEndpointRef endpoint = self;
        if (endpoint != null && !stopping) {
            endpoint.send(new RemoveExecutorOn(executorId, reason, causedByApp));
        }
    }

    /**
     * Decommissions executors, from any thread: they get no more tasks, and are told to finish the ones they run,
     * hand their map outputs and cached partitions to other executors (not to one another), and exit. Their exit is
     * then no fault of the application.
     */
    public void decommissionExecutors(List<String> executorIds, String reason) {
        RpcEndpointRef endpoint = self;
        if (endpoint != null && !stopping) {
            endpoint.send(new DecommissionOn(List.copyOf(executorIds), reason == null ? "decommissioned" : reason));
        }
    }

    @Override
    public int defaultParallelism() {
        return conf.getOptional(CoreConfig.DEFAULT_PARALLELISM).orElse(Math.max(totalCores, 2));
    }

    @Override
    public String applicationId() {
        return applicationId;
    }

    @Override
    public int numExecutors() {
        return numExecutors;
    }

    /** Cores of the registered executors. */
    @Override
    public int totalCores() {
        return totalCores;
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (readiness) {
            readiness.notifyAll();
        }
        ThreadUtils.shutdownAndAwait(reviveTimer, Duration.ofSeconds(5));
        RpcEndpointRef endpoint = self;
        if (endpoint != null) {
            try {
                // Tells every executor to exit, on the endpoint thread, then stops the endpoint.
                endpoint.<Boolean>askSync(new StopExecutors(), Duration.ofSeconds(10));
            } catch (RuntimeException e) {
                LOG.warn("Could not stop the executors cleanly: {}", e.getMessage());
            }
            rpcEnv.stop(endpoint);
        }
    }

    /** The cluster manager gave up on the application: nobody waits for executors any more. */
    protected void giveUp() {
        gaveUp = true;
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }

    /** Called on the endpoint thread after an executor registered; cluster managers may act on it. */
    protected void onExecutorAdded(String executorId) {}

    /** Called on the endpoint thread after an executor was removed; cluster managers may act on it. */
    protected void onExecutorRemoved(String executorId, String reason) {}

    /**
     * Fetches a result an executor kept for the driver, off the endpoint thread; the task finishes when it arrives,
     * or fails (and is retried) when it cannot be fetched. The executor's copy is removed either way.
     */
    private void fetchLargeResult(ClusterMessages.LargeResult large) {
        long maxResultSize = conf.get(CoreConfig.MAX_RESULT_SIZE);
        if (maxResultSize > 0 && large.size() > maxResultSize) {
            // Not even fetched: one result over the limit fails the job, as the limit says.
            scheduler.abortTaskSetOf(
                    large.taskId(),
                    "The result of task " + large.taskId() + " is " + large.size() + " bytes, more than"
                            + " ember.driver.maxResultSize (" + maxResultSize + "); raise the limit or return less");
            removeLargeResult(large);
            return;
        }
        resultFetcher.fetch(large.holder(), large.blockId()).whenComplete((bytes, error) -> {
            if (error == null) {
                scheduler.statusUpdate(large.taskId(), TaskState.FINISHED, bytes.toArray());
            } else {
                String message = "Could not fetch the result of task " + large.taskId() + " (" + large.size()
                        + " bytes) from " + large.holder() + ": " + Exceptions.rootMessage(error);
                LOG.warn(message);
                scheduler.statusUpdate(
                        large.taskId(),
                        TaskState.FAILED,
                        new JavaSerializer(conf)
                                .newInstance()
                                .serialize(TaskEndReason.ExceptionFailure.textOnly(
                                        EmberException.class.getName(), message)));
            }
            removeLargeResult(large);
        });
    }

    private void removeLargeResult(ClusterMessages.LargeResult large) {
        rpcEnv.unverifiedRef(
                        new RpcAddress(large.holder().host(), large.holder().port()), ClusterMessages.BLOCK_MANAGER)
                .ask(new ClusterMessages.RemoveBlock(large.blockId()))
                .exceptionally(ignored -> null);
    }

    /** A kill request to pass on to an executor. */
    private record KillTaskOn(String executorId, ClusterMessages.KillTask kill) {}

    /** A decommission order to pass on to an executor. */
    private record DecommissionOn(List<String> executorIds, String reason) {}

    /**
     * Forget an executor: it exited, or its worker was lost. {@code causedByApp} when its tasks may be the cause, so
     * that their failures count. Posted by the cluster manager's side of this process, never received from another.
     */
    private record RemoveExecutorOn(String executorId, String reason, boolean causedByApp) {}

    /** Sent by {@link #stop} to itself. */
    private record StopExecutors() {}

    /** The scheduler's endpoint: executors' news and requests, and work posted by the backend, on its own thread. */
    private final class DriverEndpoint
            implements RpcEndpoint, ClusterMessages.SchedulerEvents, ClusterMessages.SchedulerRequests {
        @Override
        public void receive(Object message, RpcAddress sender) {
            if (message instanceof ClusterMessages.SchedulerEvent event) {
                event.deliver(this, sender);
            } else if (message instanceof KillTaskOn kill) {
                ExecutorData executor = executors.get(kill.executorId());
                if (executor != null) {
                    executor.ref.send(kill.kill());
                }
            } else if (message instanceof DecommissionOn decommission) {
                decommissionOn(decommission);
            } else if (message instanceof RemoveExecutorOn remove) {
                removeExecutor(remove);
            } else {
                RpcEndpoint.super.receive(message, sender);
            }
        }

        @Override
        public void statusUpdate(ClusterMessages.StatusUpdate update, RpcAddress sender) {
            ExecutorData executor = update.executorId() == null ? null : executors.get(update.executorId());
            // Only from the executor itself: what it reports is Java-deserialized on the driver.
            if (executor == null || !executor.ref.address().equals(sender)) {
                LOG.warn(
                        "Ignored the status of task {} announced by {} for executor {}, which is not registered from"
                                + " there",
                        update.taskId(),
                        sender,
                        update.executorId());
                return;
            }
            scheduler.statusUpdate(update.taskId(), update.state(), update.data());
            if (update.state().isFinished()) {
                executor.freeCores += cpusPerTask;
                makeOffers(List.of(executor));
            }
        }

        @Override
        public void largeResult(ClusterMessages.LargeResult large, RpcAddress sender) {
            ExecutorData executor = large.executorId() == null ? null : executors.get(large.executorId());
            // Only from the executor that holds it, about itself: the driver fetches from that address only.
            if (executor == null
                    || large.holder() == null
                    || large.blockId() == null
                    || !executor.ref.address().equals(sender)
                    || !executor.ref
                            .address()
                            .equals(new RpcAddress(
                                    large.holder().host(), large.holder().port()))) {
                LOG.warn("Ignored a task result announced by {} for another executor or from an unknown one", sender);
                return;
            }
            fetchLargeResult(large);
            executor.freeCores += cpusPerTask;
            makeOffers(List.of(executor));
        }

        @Override
        public void executorMetrics(ClusterMessages.ExecutorMetrics update, RpcAddress sender) {
            String executorId = executorByAddress.get(sender);
            if (executorId == null
                    || !executorId.equals(update.executorId())
                    || update.metrics().size() > 64) {
                // Only a registered executor reports, and only about itself, and briefly.
                return;
            }
            events.accept(new EmberListenerEvent.ExecutorMetricsUpdate(
                    System.currentTimeMillis(), executorId, Map.copyOf(update.metrics())));
        }

        @Override
        public void reviveOffers(ClusterMessages.ReviveOffers revive, RpcAddress sender) {
            makeOffers(List.copyOf(executors.values()));
            warnIfStarved();
        }

        private void decommissionOn(DecommissionOn decommission) {
            // All marked first, so that none of them is offered to another as a place for its blocks.
            List<ExecutorData> leaving = new ArrayList<>();
            for (String executorId : decommission.executorIds()) {
                ExecutorData executor = executors.get(executorId);
                if (executor == null) {
                    // Still starting: it is decommissioned as soon as it registers.
                    pendingDecommissions.put(executorId, decommission.reason());
                } else if (executor.decommissioned == null) {
                    executor.decommissioned = decommission.reason();
                    blockManagerMaster.markDecommissioning(executorId);
                    leaving.add(executor);
                }
            }
            for (ExecutorData executor : leaving) {
                LOG.info(
                        "Decommissioning executor {} on {}: {}",
                        executor.executorId,
                        executor.host,
                        executor.decommissioned);
                executor.ref.send(new ClusterMessages.DecommissionExecutor(executor.decommissioned));
            }
        }

        private void removeExecutor(RemoveExecutorOn remove) {
            pendingDecommissions.remove(remove.executorId());
            ExecutorData executor = executors.get(remove.executorId());
            if (executor != null) {
                // Given up on by its cluster manager yet perhaps still running (a network split): stop it, so it
                // does not hold on to resources the application no longer counts.
                executor.ref.send(new ClusterMessages.StopExecutor());
            }
            remove(remove.executorId(), remove.reason(), remove.causedByApp());
        }

        @Override
        public void receiveAndReply(Object message, RpcCallContext context) {
            if (message instanceof ClusterMessages.SchedulerRequest request) {
                request.deliver(this, context);
            } else if (message instanceof StopExecutors) {
                for (ExecutorData executor : executors.values()) {
                    executor.ref.send(new ClusterMessages.StopExecutor());
                }
                context.reply(Boolean.TRUE);
            } else {
                RpcEndpoint.super.receiveAndReply(message, context);
            }
        }

        @Override
        public void onDisconnected(RpcAddress remote) {
            String executorId = executorByAddress.get(remote);
            if (executorId != null) {
                // Why it went is not known here: as far as the driver can tell its tasks may have caused it, so their
                // failures count (a task that crashes every executor it runs on cannot be retried forever).
                remove(
                        executorId,
                        "its connection to the driver closed (the process exited or the network failed)",
                        true);
            }
        }

        @Override
        public void retrieveAppConfig(ClusterMessages.RetrieveAppConfig request, RpcCallContext context) {
            context.reply(new ClusterMessages.AppConfig(conf.getAll(), applicationId));
        }

        @Override
        public void registerExecutor(ClusterMessages.RegisterExecutor register, RpcCallContext context) {
            String executorId = register.executorId();
            if (executorId == null || register.executorRef() == null || register.host() == null) {
                context.sendFailure(new EmberException(
                        ErrorClass.INVALID_ARGUMENT, "An executor registration needs an id, an endpoint and a host"));
                return;
            }
            if (stopping) {
                context.sendFailure(new EmberException(ErrorClass.INVALID_ARGUMENT, "The application is stopping"));
                return;
            }
            if (executors.containsKey(executorId)) {
                context.sendFailure(new EmberException(
                        ErrorClass.INVALID_ARGUMENT, "An executor with id " + executorId + " is already registered"));
                return;
            }
            if (register.cores() < cpusPerTask) {
                context.sendFailure(new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Executor " + executorId + " has " + register.cores() + " core(s), fewer than ember.task.cpus ("
                                + cpusPerTask + ")"));
                return;
            }
            ExecutorData executor =
                    new ExecutorData(executorId, register.executorRef(), register.host(), register.cores());
            executors.put(executorId, executor);
            inspections.registered(executorId, register.executorRef());
            executorByAddress.put(register.executorRef().address(), executorId);
            numExecutors = executors.size();
            synchronized (readiness) {
                totalCores += register.cores();
                readiness.notifyAll();
            }
            LOG.info(
                    "Executor {} registered from {} with {} core(s)",
                    executorId,
                    register.executorRef().address(),
                    register.cores());
            events.accept(new EmberListenerEvent.ExecutorAdded(
                    System.currentTimeMillis(), executorId, register.host(), register.cores()));
            context.reply(Boolean.TRUE);
            onExecutorAdded(executorId);
            String decommissionReason = pendingDecommissions.remove(executorId);
            if (decommissionReason != null) {
                executor.decommissioned = decommissionReason;
                blockManagerMaster.markDecommissioning(executorId);
                LOG.info("Decommissioning executor {} as it registers: {}", executorId, decommissionReason);
                executor.ref.send(new ClusterMessages.DecommissionExecutor(decommissionReason));
            }
            makeOffers(List.of(executor));
        }

        private void remove(String executorId, String reason, boolean causedByApp) {
            ExecutorData executor = executors.remove(executorId);
            inspections.removed(executorId);
            if (executor == null) {
                return;
            }
            executorByAddress.remove(executor.ref.address());
            numExecutors = executors.size();
            synchronized (readiness) {
                totalCores -= executor.totalCores;
            }
            if (executor.decommissioned != null) {
                // Leaving was asked of it: whatever it still ran is no fault of the tasks.
                reason = "decommissioned (" + executor.decommissioned + ")";
                causedByApp = false;
                LOG.info("Executor {} on {} left: {}", executorId, executor.host, reason);
            } else {
                LOG.warn("Lost executor {} on {}: {}", executorId, executor.host, reason);
            }
            scheduler.executorLost(executorId, reason, causedByApp);
            events.accept(new EmberListenerEvent.ExecutorRemoved(System.currentTimeMillis(), executorId, reason));
            onExecutorRemoved(executorId, reason);
        }

        /** Jobs waiting with no executor at all: say so now and then, as the cause is outside the application. */
        private void warnIfStarved() {
            long now = System.currentTimeMillis();
            if (executors.isEmpty() && scheduler.activeTaskSetCount() > 0 && now - lastStarvationWarning > 15_000) {
                lastStarvationWarning = now;
                LOG.warn("Jobs are waiting but no executor has registered: check that workers are up, registered with"
                        + " the master, and have the cores and memory the application asks for (ember.executor.memory,"
                        + " ember.executor.cores)");
            }
        }

        private void makeOffers(List<ExecutorData> candidates) {
            if (stopping) {
                return;
            }
            List<WorkerOffer> offers = new ArrayList<>(candidates.size());
            List<ExecutorData> offered = new ArrayList<>(candidates.size());
            for (ExecutorData executor : candidates) {
                if (executor.freeCores >= cpusPerTask && executor.decommissioned == null) {
                    offers.add(new WorkerOffer(executor.executorId, executor.host, executor.freeCores));
                    offered.add(executor);
                }
            }
            if (offers.isEmpty()) {
                return;
            }
            List<List<TaskDescription>> assigned = scheduler.resourceOffers(offers);
            long epoch = mapOutputTracker.epoch();
            for (int i = 0; i < offered.size(); i++) {
                ExecutorData executor = offered.get(i);
                for (TaskDescription task : assigned.get(i)) {
                    launch(executor, task, epoch);
                }
            }
        }

        private void launch(ExecutorData executor, TaskDescription task, long epoch) {
            if (task.serializedTask().length > maxTaskSize) {
                String message = "Task " + task.name() + " is " + task.serializedTask().length + " bytes serialized,"
                        + " more than can be sent to an executor (ember.network.maxFrameSize); large values in the"
                        + " task's closure should be broadcast variables instead";
                LOG.error(message);
                scheduler.abortTaskSetOf(task.taskId(), message);
                return;
            }
            executor.freeCores -= cpusPerTask;
            executor.ref.send(new ClusterMessages.LaunchTask(task, epoch));
        }
    }
}
