package dev.ember.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that start a context: where to run and with what configuration. */
final class LaunchOptions {
    /** Commands whose failures print a stack trace with {@code --verbose}. */
    interface Verbose {
        boolean verbose();
    }

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Where to run: local, local[N], local[*] (default), ember://HOST:PORT, local-cluster[W,C,M].")
    String master;

    @Option(names = "--name", paramLabel = "NAME", description = "Application name.")
    String name;

    @Mixin
    SettingsOptions settings = new SettingsOptions();

    @Option(
            names = "--log-level",
            paramLabel = "LEVEL",
            description =
                    "Log level of the driver and the executors: ALL, TRACE, DEBUG, INFO, WARN, ERROR, FATAL or OFF"
                            + " (sets ember.log.level).")
    String logLevel;

    @Option(
            names = "--driver-memory",
            paramLabel = "SIZE",
            description = "Heap of the driver JVM, such as 2g (applied by bin/ember when it starts the JVM).")
    String driverMemory;
}
