package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.config.CommonConfig;
import dev.ember.deploy.DeployMessages;
import dev.ember.deploy.DriverClient;
import dev.ember.util.ByteSizes;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ember submit --deploy-mode cluster}: hands the application to the standalone master, which runs its driver
 * on a worker, and waits until the driver ends. The jars must be readable at the same path on the workers (a shared
 * file system); settings travel with the submission, secrets do not (workers use their own).
 */
final class ClusterSubmission {
    private ClusterSubmission() {}

    /** The settings the driver runs with: without secrets, and without where this machine's driver would listen. */
    private static java.util.Map<String, String> driverSettings(LaunchSettings settings) {
        java.util.Map<String, String> values = settings.valuesWithoutSecrets();
        values.keySet()
                .removeIf(key -> key.startsWith("ember.driver.host")
                        || key.equals("ember.driver.bindAddress")
                        || key.equals("ember.driver.port"));
        return values;
    }

    static int submit(
            LaunchSettings settings,
            Path appJar,
            String mainClass,
            List<String> appArgs,
            int driverCores,
            String driverMemory,
            boolean supervise,
            CommandSpec spec) {
        EmberConf conf = settings.toConf();
        String master = conf.getOptional(CommonConfig.MASTER).orElse("");
        if (!master.startsWith("ember://")) {
            throw new LaunchException("--deploy-mode cluster needs a standalone master (--master ember://HOST:PORT),"
                    + " got '" + master + "'");
        }
        if (!Files.isRegularFile(appJar)) {
            throw new LaunchException("Application jar " + appJar + " does not exist");
        }
        if (driverCores < 1) {
            throw new LaunchException("--driver-cores must be at least 1, got " + driverCores);
        }
        long memoryMb = 1024;
        if (driverMemory != null) {
            try {
                memoryMb = ByteSizes.parse(driverMemory, ByteSizes.Unit.MIB) / (1024 * 1024);
            } catch (RuntimeException e) {
                throw new LaunchException("--driver-memory expects a size such as 2g, got '" + driverMemory + "'");
            }
        }
        DeployMessages.DriverDescription description = new DeployMessages.DriverDescription(
                appJar.toAbsolutePath().toString(),
                mainClass != null ? mainClass : ApplicationRunner.manifestMainClass(appJar),
                List.copyOf(appArgs),
                driverSettings(settings),
                driverCores,
                (int) Math.max(1, memoryMb),
                supervise);
        PrintWriter out = spec.commandLine().getOut();
        DriverClient.Outcome outcome = DriverClient.submit(conf, master, description, true, line -> {
            out.println(line);
            out.flush();
        });
        String detail = outcome.message() == null ? "" : " (" + outcome.message() + ")";
        if (outcome.state() != DeployMessages.DriverState.FINISHED) {
            throw new LaunchException("Driver " + outcome.driverId() + " ended " + outcome.state() + detail);
        }
        out.println("Driver " + outcome.driverId() + " finished" + detail);
        out.flush();
        return 0;
    }
}
