package dev.ember.scheduler.cluster;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.events.EmberListenerEvent;
import dev.ember.network.rpc.RpcEnv;
import dev.ember.scheduler.TaskSchedulerImpl;
import dev.ember.shuffle.MapOutputTrackerMaster;
import dev.ember.storage.BlockManagerMaster;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Runs applications whose master URL names a cluster. Implementations are found with {@link ServiceLoader}; the
 * standalone cluster manager ({@code ember-deploy}) handles {@code ember://host:port} and
 * {@code local-cluster[W,C,M]}.
 */
public interface ClusterManager {
    /**
     * What a cluster manager gets to build the scheduler backend of an application. {@code fatalError} ends the
     * application, failing its jobs, with a message saying why (the cluster removed it).
     */
    record Context(
            String masterUrl,
            String appName,
            EmberConf conf,
            TaskSchedulerImpl scheduler,
            RpcEnv rpcEnv,
            MapOutputTrackerMaster mapOutputTracker,
            BlockManagerMaster blockManagerMaster,
            Consumer<EmberListenerEvent> events,
            Consumer<String> fatalError,
            java.util.function.Supplier<java.util.Optional<String>> uiUrl) {}

    /** Whether this manager runs applications on {@code masterUrl}. */
    boolean canCreate(String masterUrl);

    /** The host the driver should advertise when {@code ember.driver.host} is not set; empty to use the default. */
    default String defaultDriverHost(String masterUrl) {
        return "";
    }

    /**
     * A backend that asks the cluster for executors when started and gives them back when stopped. Anything the
     * manager starts for the application (an embedded cluster) stops with the backend.
     */
    CoarseGrainedSchedulerBackend createSchedulerBackend(Context context);

    /** The manager for {@code masterUrl} on the class path. */
    static ClusterManager forMaster(String masterUrl) {
        for (ClusterManager manager : ServiceLoader.load(ClusterManager.class, ClusterManager.class.getClassLoader())) {
            if (manager.canCreate(masterUrl)) {
                return manager;
            }
        }
        throw new EmberException(
                ErrorClass.INVALID_MASTER_URL,
                "Master URL '" + masterUrl + "' needs a cluster manager, and none on the class path handles it;"
                        + " add the ember-deploy module (the distribution includes it)");
    }
}
