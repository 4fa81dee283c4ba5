package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.deploy.DeployConfig;
import dev.ember.deploy.MasterClient;
import dev.ember.deploy.StandaloneClusterManager;
import dev.ember.deploy.Worker;
import dev.ember.network.NetworkConfig;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.util.ByteSizes;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ember worker}: runs a standalone cluster's worker until stopped. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a worker of a standalone cluster: it registers with the master and starts executor processes for"
                    + " applications. Stops on SIGTERM or Ctrl-C, and stops its executors with it; with"
                    + " ember.decommission.enabled=true it decommissions itself first (its executors hand their shuffle"
                    + " and cached blocks to executors on other workers).",
            "With --decommission, asks the master to decommission running workers instead, and waits until they left."
        })
final class WorkerCommand extends DaemonCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MASTER", description = "The master, ember://HOST:PORT.")
    String masterUrl;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to listen on and advertise (default: this host's address).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 0: any).")
    int port;

    @Option(names = "--cores", paramLabel = "N", description = "Cores to offer (default: all of this machine's).")
    Integer cores;

    @Option(
            names = "--memory",
            paramLabel = "SIZE",
            description = "Memory to offer to executors, such as 8g (default: the machine's memory less 1g).")
    String memory;

    @Option(
            names = "--work-dir",
            paramLabel = "DIR",
            description = "Where executors run and write their output (default: work/ of the installation).")
    Path workDir;

    @Option(
            names = "--decommission",
            paramLabel = "WORKER",
            description = {
                "Decommission a running worker, named by its id, HOST:PORT, or HOST (every worker there), instead of"
                        + " starting one; may be repeated. Waits until the workers left"
                        + " (ember.worker.decommission.timeout)."
            })
    List<String> decommission;

    @Override
    public Integer call() throws Exception {
        if (decommission != null && !decommission.isEmpty()) {
            return decommissionWorkers();
        }
        RpcAddress master = StandaloneClusterManager.parseMaster(masterUrl);
        int offeredCores = cores != null ? cores : Runtime.getRuntime().availableProcessors();
        if (offeredCores < 1) {
            throw new LaunchException("--cores must be at least 1, got " + offeredCores);
        }
        long memoryMb = memory != null ? parseMemory(memory) : defaultMemoryMb();
        Path dir = workDir != null
                ? workDir
                : Installation.home().map(home -> home.resolve("work")).orElse(Path.of("work"));
        EmberConf conf = settings(Map.of(), spec.commandLine().getErr());
        Worker worker = Worker.start(
                conf, host != null ? host : RpcAddress.localHost(), port, master, offeredCores, (int) memoryMb, dir);
        spec.commandLine()
                .getOut()
                .println("Worker " + worker.workerId() + " started at " + worker.address() + " with " + offeredCores
                        + " core(s) and " + memoryMb + " MB, registering with " + masterUrl);
        spec.commandLine().getOut().flush();
        boolean decommissionOnStop = conf.get(DeployConfig.DECOMMISSION_ON_TERM);
        long leaveTimeout =
                conf.get(DeployConfig.WORKER_DECOMMISSION_TIMEOUT) + 2 * conf.get(DeployConfig.EXECUTOR_KILL_GRACE);
        AutoCloseable stop = () -> {
            if (decommissionOnStop && !worker.terminated().isDone()) {
                // Told to stop: hand the executors' blocks over first, within the decommission timeout.
                worker.decommission();
                try {
                    worker.terminated().get(leaveTimeout, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    System.err.println(
                            "The worker did not finish decommissioning in " + leaveTimeout + " ms; stopping");
                }
            }
            worker.close();
        };
        runUntilStopped(stop, worker.terminated());
        spec.commandLine().getOut().println("Worker " + worker.workerId() + " stopped");
        return 0;
    }

    /** Asks the master to decommission workers and waits until they left. */
    private int decommissionWorkers() {
        EmberConf conf = settings(Map.of(), spec.commandLine().getErr());
        PrintWriter out = spec.commandLine().getOut();
        Duration timeout = Duration.ofMillis(conf.get(DeployConfig.WORKER_DECOMMISSION_TIMEOUT)
                + 2 * conf.get(DeployConfig.EXECUTOR_KILL_GRACE)
                + conf.get(NetworkConfig.ASK_TIMEOUT));
        try (MasterClient client = MasterClient.connect(conf, masterUrl)) {
            List<String> workers = client.decommission(decommission);
            out.println("Decommissioning " + String.join(", ", workers));
            out.flush();
            client.awaitWorkersLeft(workers, timeout, message -> {
                out.println(message);
                out.flush();
            });
        }
        return 0;
    }

    private static long parseMemory(String text) {
        long mb;
        try {
            mb = ByteSizes.parse(text, ByteSizes.Unit.MIB) / (1024 * 1024);
        } catch (RuntimeException e) {
            throw new LaunchException("--memory expects a size such as 512m or 8g, got '" + text + "'");
        }
        if (mb < 1 || mb > Integer.MAX_VALUE) {
            throw new LaunchException("--memory must be at least 1m, got '" + text + "'");
        }
        return mb;
    }

    private static long defaultMemoryMb() {
        try {
            Object total = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(new javax.management.ObjectName("java.lang:type=OperatingSystem"), "TotalMemorySize");
            if (total instanceof Long bytes) {
                return Math.max(1024, bytes / (1024 * 1024) - 1024);
            }
        } catch (javax.management.JMException | RuntimeException e) {
            // Not reported by this JVM: fall back below.
        }
        return 1024;
    }
}
