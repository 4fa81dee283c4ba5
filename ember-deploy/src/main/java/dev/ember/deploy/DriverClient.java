package dev.ember.deploy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.config.CoreConfig;
import dev.ember.deploy.DeployMessages.DriverDescription;
import dev.ember.deploy.DeployMessages.DriverState;
import dev.ember.network.NetworkConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.network.rpc.RpcEndpoint;
import dev.ember.network.rpc.RpcEndpointRef;
import dev.ember.network.rpc.RpcEnv;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Submits a driver to a standalone master (cluster deploy mode) and, if asked, waits for it to end: the master tells
 * the client when it does, after any relaunches of a supervised driver. Also kills a submitted driver.
 */
public final class DriverClient {
    /** How a submission ended: {@code state} is {@link DriverState#SUBMITTED} when the client did not wait. */
    public record Outcome(String driverId, DriverState state, Integer exitCode, String message) {}

    private DriverClient() {}

    /**
     * Submits {@code description} to the master at {@code masterUrl}; with {@code wait}, returns when the driver
     * ended, reporting progress to {@code progress}. Fails if the master refuses the driver or is lost while waiting.
     */
    public static Outcome submit(
            EmberConf conf, String masterUrl, DriverDescription description, boolean wait, Consumer<String> progress) {
        RpcAddress master = StandaloneClusterManager.parseMaster(masterUrl);
        String host = conf.get(CoreConfig.DRIVER_HOST);
        RpcEnv rpcEnv = RpcEnv.create(conf, "0.0.0.0", host.isEmpty() ? RpcAddress.localHost() : host, 0)
                .register(DeployMessages.WIRE);
        try {
            // Ends by driver id: the news may come before the answer to the submission does.
            Map<String, CompletableFuture<DeployMessages.DriverEnded>> ends = new ConcurrentHashMap<>();
            CompletableFuture<DeployMessages.DriverEnded> masterLost = new CompletableFuture<>();
            RpcEndpointRef client = rpcEnv.setupEndpoint(DeployMessages.SUBMIT_CLIENT, new RpcEndpoint() {
                @Override
                public void receive(Object message, RpcAddress sender) {
                    if (message instanceof DeployMessages.DriverEnded end && end.driverId() != null) {
                        ends.computeIfAbsent(end.driverId(), id -> new CompletableFuture<>())
                                .complete(end);
                    } else {
                        RpcEndpoint.super.receive(message, sender);
                    }
                }

                @Override
                public void onDisconnected(RpcAddress remote) {
                    if (remote.equals(master)) {
                        masterLost.completeExceptionally(new EmberException(
                                ErrorClass.CONNECTION_FAILED,
                                "Lost the master at " + masterUrl + " while waiting; the driver may still be running"));
                    }
                }
            });
            Duration timeout = Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT));
            DeployMessages.SubmittedDriver submitted = rpcEnv.endpointRef(master, DeployMessages.MASTER)
                    .askSync(new DeployMessages.RequestSubmitDriver(description, wait ? client : null), timeout);
            progress.accept("Submitted driver " + submitted.driverId() + " to " + masterUrl);
            if (!wait) {
                return new Outcome(submitted.driverId(), DriverState.SUBMITTED, null, null);
            }
            CompletableFuture<DeployMessages.DriverEnded> ended = ends.computeIfAbsent(
                            submitted.driverId(), id -> new CompletableFuture<>())
                    .applyToEither(masterLost, end -> end);
            DeployMessages.DriverEnded end = await(ended, submitted.driverId(), progress);
            return new Outcome(end.driverId(), end.state(), end.exitCode(), end.message());
        } finally {
            rpcEnv.close();
        }
    }

    /** Asks the master to kill a driver; false if it knows no such running driver. */
    public static boolean kill(EmberConf conf, String masterUrl, String driverId) {
        RpcAddress master = StandaloneClusterManager.parseMaster(masterUrl);
        try (RpcEnv rpcEnv = RpcEnv.create(conf, "0.0.0.0", RpcAddress.localHost(), 0)) {
            rpcEnv.register(DeployMessages.WIRE);
            return rpcEnv.endpointRef(master, DeployMessages.MASTER)
                    .<Boolean>askSync(
                            new DeployMessages.RequestKillDriver(driverId),
                            Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT)));
        }
    }

    /** Waits for the end of a driver, which may run for hours: in steps, saying now and then that it still runs. */
    private static DeployMessages.DriverEnded await(
            CompletableFuture<DeployMessages.DriverEnded> ended, String driverId, Consumer<String> progress) {
        while (true) {
            try {
                return ended.get(10, TimeUnit.MINUTES);
            } catch (TimeoutException e) {
                progress.accept("Driver " + driverId + " is still running");
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime
                        ? runtime
                        : new EmberException(
                                ErrorClass.INTERNAL_ERROR, e.getCause().toString(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmberException(ErrorClass.INTERNAL_ERROR, "Interrupted while waiting for " + driverId, e);
            }
        }
    }
}
