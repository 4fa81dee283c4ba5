package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.scheduler.cluster.ClusterManager;
import dev.ember.scheduler.cluster.CoarseGrainedSchedulerBackend;

/**
 * Runs applications on a standalone cluster ({@code ember://host:port}) or on one started inside the driver
 * ({@code local-cluster[W,C,M]}).
 */
public final class StandaloneClusterManager implements ClusterManager {
    private static final String SCHEME = "ember://";

    @Override
    public boolean canCreate(String masterUrl) {
        return masterUrl.startsWith(SCHEME) || masterUrl.startsWith("local-cluster");
    }

    @Override
    public String defaultDriverHost(String masterUrl) {
        return masterUrl.startsWith("local-cluster") ? LocalCluster.HOST : "";
    }

    @Override
    public CoarseGrainedSchedulerBackend createSchedulerBackend(Context context) {
        EmberConf conf = context.conf();
        Integer maxCores = conf.getOptional(CoreConfig.CORES_MAX).orElse(null);
        long memory = conf.get(CoreConfig.EXECUTOR_MEMORY) / (1024 * 1024);
        if (context.masterUrl().startsWith(SCHEME)) {
            RpcAddress master = parseMaster(context.masterUrl());
            return new StandaloneSchedulerBackend(context, master, null, maxCores == null ? 0 : maxCores, (int) memory);
        }
        LocalCluster.Spec spec = LocalCluster.parse(context.masterUrl());
        if (!conf.contains(CoreConfig.EXECUTOR_MEMORY.key())) {
            // An executor per worker by default, as large as the worker.
            memory = spec.memoryPerWorkerMb();
        }
        if (memory > spec.memoryPerWorkerMb()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "ember.executor.memory (" + memory + " MB) is more than a worker of " + context.masterUrl()
                            + " has (" + spec.memoryPerWorkerMb() + " MB)");
        }
        int total = spec.workers() * spec.coresPerWorker();
        LocalCluster cluster = LocalCluster.start(spec, conf);
        try {
            return new StandaloneSchedulerBackend(
                    context,
                    cluster.master().address(),
                    cluster,
                    maxCores == null ? total : Math.min(total, maxCores),
                    (int) memory);
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code ember://host:port}, with a clear error for anything else. */
    public static RpcAddress parseMaster(String url) {
        if (!url.startsWith(SCHEME)) {
            throw new EmberException(
                    ErrorClass.INVALID_MASTER_URL, "Invalid master URL '" + url + "': expected ember://host:port");
        }
        try {
            return RpcAddress.parse(url.substring(SCHEME.length()));
        } catch (IllegalArgumentException e) {
            throw new EmberException(
                    ErrorClass.INVALID_MASTER_URL,
                    "Invalid master URL '" + url + "': expected ember://host:port with a port from 1 to 65535");
        }
    }
}
