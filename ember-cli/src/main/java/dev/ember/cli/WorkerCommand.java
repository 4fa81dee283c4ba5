package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.deploy.StandaloneClusterManager;
import dev.ember.deploy.Worker;
import dev.ember.network.rpc.RpcAddress;
import dev.ember.util.ByteSizes;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ember worker}: runs a standalone cluster's worker until stopped. */
@Command(
        name = "worker",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a worker of a standalone cluster: it registers with the master and starts executor processes for",
            "applications. Stops on SIGTERM or Ctrl-C, and stops its executors with it."
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

    @Override
    public Integer call() throws Exception {
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
        runUntilStopped(worker);
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
