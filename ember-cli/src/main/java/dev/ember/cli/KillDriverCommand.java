package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.deploy.DriverClient;
import dev.ember.deploy.StandaloneClusterManager;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ember kill-driver}: stops a driver submitted with {@code --deploy-mode cluster}. */
@Command(
        name = "kill-driver",
        mixinStandardHelpOptions = true,
        description = {
            "Kills a driver running on a standalone cluster (submitted with --deploy-mode cluster); a supervised"
                    + " driver is not started again."
        })
final class KillDriverCommand extends DaemonCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", required = true, description = "The master, ember://HOST:PORT.")
    String master;

    @Parameters(index = "0", paramLabel = "DRIVER_ID", description = "The driver, as submit printed it.")
    String driverId;

    @Override
    public Integer call() {
        StandaloneClusterManager.parseMaster(master);
        EmberConf conf = settings(Map.of(), spec.commandLine().getErr());
        if (!DriverClient.kill(conf, master, driverId)) {
            throw new LaunchException("The master at " + master + " has no running or waiting driver " + driverId);
        }
        spec.commandLine().getOut().println("Killed driver " + driverId);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
