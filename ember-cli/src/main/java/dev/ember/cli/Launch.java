package dev.ember.cli;

import dev.ember.config.CoreConfig;
import java.io.PrintWriter;

/** What every launch does before the application starts. */
final class Launch {
    private Launch() {}

    static void prepare(LaunchSettings settings, LaunchOptions options, PrintWriter err) {
        settings.validate(err);
        if (System.console() != null) {
            // An interactive terminal gets the progress bar unless the user decided otherwise.
            settings.withDefault(CoreConfig.SHOW_CONSOLE_PROGRESS.key(), "true");
        }
        if (options.driverMemory != null && System.getenv("EMBER_DRIVER_MEMORY_APPLIED") == null) {
            err.println("warning: --driver-memory takes effect only through bin/ember, which sizes the JVM before it"
                    + " starts; this JVM has " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB of heap");
        }
        if (options.verbose) {
            err.println("Ember settings:");
            settings.print(err);
        }
        err.flush();
    }
}
