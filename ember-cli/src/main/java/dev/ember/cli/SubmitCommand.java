package dev.ember.cli;

import dev.ember.config.CommonConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ember submit}: runs an application jar. */
@Command(
        name = "submit",
        mixinStandardHelpOptions = true,
        description = {
            "Runs an application: its main class is called with the arguments after the jar.",
            "Settings come from conf/ember-defaults.conf, then --conf, then the dedicated options."
        })
final class SubmitCommand implements Callable<Integer>, LaunchOptions.Verbose {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private LaunchOptions options;

    @Option(names = "--class", paramLabel = "CLASS", description = "The main class (default: Main-Class of the jar).")
    private String mainClass;

    @Option(
            names = "--jars",
            paramLabel = "JARS",
            description = "Comma-separated jars for the application's class path.")
    private String jars;

    @Option(
            names = "--deploy-mode",
            paramLabel = "MODE",
            description = "client (default): the driver runs here; cluster: a worker of the ember:// master runs it.")
    private String deployMode = "client";

    @Option(
            names = "--supervise",
            description = "In cluster mode, start the driver again when it fails or its worker is lost.")
    private boolean supervise;

    @Option(
            names = "--driver-cores",
            paramLabel = "N",
            description = "In cluster mode, cores of the driver (default 1).")
    private int driverCores = 1;

    @Parameters(index = "0", paramLabel = "APP_JAR", description = "The application jar.")
    private Path appJar;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments of the application.")
    private List<String> appArgs = new ArrayList<>();

    @Override
    public boolean verbose() {
        return options.settings.verbose;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> extraJars = new ArrayList<>();
        if (jars != null) {
            Arrays.stream(jars.split(","))
                    .map(String::trim)
                    .filter(jar -> !jar.isEmpty())
                    .map(Path::of)
                    .forEach(extraJars::add);
        }
        Map<String, String> flags = new LinkedHashMap<>();
        // The application jar first: executors of a cluster fetch these from the driver.
        List<String> shipped = new ArrayList<>();
        shipped.add(appJar.toString());
        extraJars.forEach(jar -> shipped.add(jar.toString()));
        flags.put(CommonConfig.JARS.key(), String.join(",", shipped));
        if (!deployMode.equals("client") && !deployMode.equals("cluster")) {
            throw new LaunchException("--deploy-mode must be client or cluster, got '" + deployMode + "'");
        }
        if (deployMode.equals("cluster")) {
            // The driver runs on a worker: the jars must be named so that the worker can read them.
            List<String> absolute = new ArrayList<>();
            shipped.forEach(jar -> absolute.add(Path.of(jar).toAbsolutePath().toString()));
            flags.put(CommonConfig.JARS.key(), String.join(",", absolute));
        } else if (supervise) {
            throw new LaunchException("--supervise needs --deploy-mode cluster");
        }
        LaunchSettings settings = Launch.settings(
                options,
                flags,
                mainClass != null ? mainClass : appJar.getFileName().toString(),
                spec.commandLine().getErr());
        if (deployMode.equals("cluster")) {
            return ClusterSubmission.submit(
                    settings, appJar, mainClass, appArgs, driverCores, options.driverMemory, supervise, spec);
        }
        ApplicationRunner.run(appJar, extraJars, mainClass, appArgs, settings);
        return 0;
    }
}
