package dev.ember.deploy;

import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.deploy.DeployMessages.ExecutorState;
import dev.ember.network.rpc.RpcEndpointRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@link Master} knows of workers, applications, their executors and drivers. Mutable, and touched only on
 * the master's endpoint thread.
 */
final class MasterRecords {
    private MasterRecords() {}

    /** What is wrong with a registration, or null; checked before anything is changed. */
    static String invalidRegistration(DeployMessages.RegisterWorker register) {
        if (register.workerId() == null
                || register.host() == null
                || register.worker() == null
                || register.executors() == null
                || register.drivers() == null) {
            return "a worker registration needs an id, a host, an endpoint and lists of executors and drivers";
        }
        if (register.cores() < 1 || register.memoryMb() < 1) {
            return "a worker needs at least one core and 1 MB of memory";
        }
        int cores = 0;
        long memory = 0;
        for (String driverId : register.drivers()) {
            if (driverId == null) {
                return "a running driver needs an id";
            }
        }
        for (DeployMessages.ExecutorRef ref : register.executors()) {
            if (ref == null || ref.appId() == null || ref.cores() < 1 || ref.memoryMb() < 1) {
                return "a running executor needs an application, at least one core and 1 MB";
            }
            cores += ref.cores();
            memory += ref.memoryMb();
        }
        if (cores > register.cores() || memory > register.memoryMb()) {
            return "the executors listed use more than the worker has";
        }
        return null;
    }

    enum WorkerStatus {
        ALIVE,
        /** Leaving: its executors hand their blocks over and exit; nothing new is placed on it. */
        DECOMMISSIONING,
        /** Left after decommissioning. */
        DECOMMISSIONED,
        DEAD,
        /** Known from the recovery directory; not heard from since the restart. */
        UNKNOWN
    }

    enum AppStatus {
        WAITING,
        RUNNING,
        UNKNOWN
    }

    static final class ExecutorInfo {
        final AppInfo app;
        final int id;
        final WorkerInfo worker;
        final int cores;
        final int memoryMb;
        ExecutorState state = ExecutorState.LAUNCHING;
        /** Whether it registered with its driver, so proved that executors of the application can run. */
        boolean registered;

        ExecutorInfo(AppInfo app, int id, WorkerInfo worker, int cores, int memoryMb) {
            this.app = app;
            this.id = id;
            this.worker = worker;
            this.cores = cores;
            this.memoryMb = memoryMb;
        }

        String key() {
            return app.id + "/" + id;
        }
    }

    static final class WorkerInfo {
        final String id;
        final String host;
        final int port;
        final RpcEndpointRef ref;
        final int cores;
        final int memoryMb;
        final String workDir;
        final Map<String, ExecutorInfo> executors = new LinkedHashMap<>();
        final Map<String, DriverInfo> drivers = new LinkedHashMap<>();
        WorkerStatus status = WorkerStatus.ALIVE;
        long lastHeartbeat = System.currentTimeMillis();
        int coresUsed;
        int memoryUsed;

        WorkerInfo(String id, String host, int port, RpcEndpointRef ref, int cores, int memoryMb, String workDir) {
            this.id = id;
            this.host = host;
            this.port = port;
            this.ref = ref;
            this.cores = cores;
            this.memoryMb = memoryMb;
            this.workDir = workDir;
        }

        /** Connected and heard from: alive, or alive and leaving. */
        boolean isActive() {
            return status == WorkerStatus.ALIVE || status == WorkerStatus.DECOMMISSIONING;
        }

        int coresFree() {
            return cores - coresUsed;
        }

        int memoryFree() {
            return memoryMb - memoryUsed;
        }

        boolean hasExecutorOf(String appId) {
            for (ExecutorInfo executor : executors.values()) {
                if (executor.app.id.equals(appId)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final class AppInfo {
        final String id;
        final ApplicationDescription description;
        RpcEndpointRef client;
        final Map<Integer, ExecutorInfo> executors = new LinkedHashMap<>();
        AppStatus status = AppStatus.WAITING;
        int nextExecutorId;
        int retryCount;
        /** Where the application's UI is, once its driver said; null before. */
        String uiUrl;

        AppInfo(String id, ApplicationDescription description, RpcEndpointRef client) {
            this.id = id;
            this.description = description;
            this.client = client;
        }

        int coresGranted() {
            int granted = 0;
            for (ExecutorInfo executor : executors.values()) {
                granted += executor.cores;
            }
            return granted;
        }

        int coresLeft() {
            int max = description.maxCores() == null ? Integer.MAX_VALUE : description.maxCores();
            return max - coresGranted();
        }
    }

    static final class DriverInfo {
        final String id;
        final DeployMessages.DriverDescription description;
        final RpcEndpointRef client;
        DeployMessages.DriverState state = DeployMessages.DriverState.SUBMITTED;
        WorkerInfo worker;
        int launches;
        /** A relaunch waits out its back-off until then. */
        long notBefore;

        DriverInfo(String id, DeployMessages.DriverDescription description, RpcEndpointRef client) {
            this.id = id;
            this.description = description;
            this.client = client;
        }
    }

    /** The master's view for tools: summaries of its workers, applications and drivers. */
    static DeployMessages.MasterState snapshot(
            String url,
            java.util.Collection<WorkerInfo> workers,
            java.util.Collection<AppInfo> apps,
            java.util.Collection<DeployMessages.AppSummary> completedApps,
            java.util.Collection<DriverInfo> drivers) {
        java.util.List<DeployMessages.WorkerSummary> workerSummaries = new java.util.ArrayList<>();
        for (WorkerInfo worker : workers) {
            workerSummaries.add(new DeployMessages.WorkerSummary(
                    worker.id,
                    worker.host + ":" + worker.port,
                    worker.status.name(),
                    worker.cores,
                    worker.coresUsed,
                    worker.memoryMb,
                    worker.memoryUsed));
        }
        java.util.List<DeployMessages.AppSummary> appSummaries = new java.util.ArrayList<>();
        for (AppInfo app : apps) {
            appSummaries.add(new DeployMessages.AppSummary(
                    app.id,
                    app.description.name(),
                    app.status.name(),
                    app.coresGranted(),
                    new java.util.ArrayList<>(app.executors.keySet()),
                    app.uiUrl));
        }
        appSummaries.addAll(completedApps);
        java.util.List<DeployMessages.DriverSummary> driverSummaries = new java.util.ArrayList<>();
        for (DriverInfo driver : drivers) {
            driverSummaries.add(new DeployMessages.DriverSummary(
                    driver.id,
                    driver.description.mainClass(),
                    driver.state.name(),
                    driver.worker == null ? null : driver.worker.id,
                    driver.description.supervise(),
                    driver.launches));
        }
        return new DeployMessages.MasterState(url, workerSummaries, appSummaries, driverSummaries);
    }
}
