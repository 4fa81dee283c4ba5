package dev.ember.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Where settings come from, for every command: {@code --conf}, {@code --properties-file}, and {@code --verbose}. */
final class SettingsOptions {
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

    @Option(names = "--verbose", description = "Print stack traces of errors and the effective configuration.")
    boolean verbose;
}
