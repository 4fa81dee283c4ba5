package dev.ember.cli;

import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** What every launch does before the application starts. */
final class Launch {
    private Launch() {}

    /**
     * The settings of a launch: the defaults file, then {@code --properties-file}, {@code --conf}, then the
     * dedicated options ({@code --master}, {@code --name} and the command's own {@code extraFlags}); master
     * {@code local[*]} and {@code appName} when nothing sets them. Validated, and printed with --verbose.
     */
    static LaunchSettings settings(
            LaunchOptions options, Map<String, String> extraFlags, String appName, PrintWriter err) {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put(CommonConfig.MASTER.key(), options.master);
        flags.put(CommonConfig.APP_NAME.key(), options.name);
        flags.put(CommonConfig.LOG_LEVEL.key(), options.logLevel);
        flags.putAll(extraFlags);
        LaunchSettings settings = LaunchSettings.from(options, flags, Installation.defaultsFile())
                .withDefault(CommonConfig.MASTER.key(), "local[*]")
                .withDefault(CommonConfig.APP_NAME.key(), appName);
        prepare(settings, options, err);
        return settings;
    }

    private static void prepare(LaunchSettings settings, LaunchOptions options, PrintWriter err) {
        settings.validate(err);
        if (stderrIsTerminal(System.getenv(), System.console() != null)) {
            // An interactive terminal gets the progress bar unless the user decided otherwise.
            settings.withDefault(CoreConfig.SHOW_CONSOLE_PROGRESS.key(), "true");
        }
        if (options.driverMemory != null && System.getenv("EMBER_DRIVER_MEMORY_APPLIED") == null) {
            err.println("warning: --driver-memory takes effect only through bin/ember, which sizes the JVM before it"
                    + " starts; this JVM has " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB of heap");
        }
        if (options.settings.verbose) {
            err.println("Ember settings:");
            settings.print(err);
        }
        err.flush();
    }

    /**
     * Whether standard error, where the progress bar is drawn, is a terminal. bin/ember knows and says so in
     * {@code EMBER_STDERR_IS_TERMINAL}; a JVM started some other way can only ask whether it has a console.
     */
    static boolean stderrIsTerminal(Map<String, String> environment, boolean hasConsole) {
        String told = environment.get("EMBER_STDERR_IS_TERMINAL");
        return told != null ? Boolean.parseBoolean(told) : hasConsole;
    }
}
