package dev.ember.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
            description = "Where to run: local, local[N], local[*] (default local[*]).")
    String master;

    @Option(names = "--name", paramLabel = "NAME", description = "Application name.")
    String name;

    @Option(
            names = "--conf",
            paramLabel = "KEY=VALUE",
            description = "A configuration setting, such as --conf ember.task.maxFailures=2. Repeatable.")
    List<String> conf = new ArrayList<>();

    @Option(
            names = "--properties-file",
            paramLabel = "FILE",
            description = "Settings file (default: conf/ember-defaults.conf of the installation, if present).")
    Path propertiesFile;

    @Option(
            names = "--driver-memory",
            paramLabel = "SIZE",
            description = "Heap of the driver JVM, such as 2g (applied by bin/ember when it starts the JVM).")
    String driverMemory;

    @Option(names = "--verbose", description = "Print stack traces of errors and the effective configuration.")
    boolean verbose;
}
