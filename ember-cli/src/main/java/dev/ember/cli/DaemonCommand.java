package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.util.ThreadUtils;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Mixin;

/**
 * What the commands that talk to a standalone cluster without starting an application ({@code ember master},
 * {@code ember worker}, {@code ember kill-driver}, {@code ember status}) share: settings from the defaults file, {@code --properties-file}
 * and {@code --conf}, and, for the daemons, running until the process is
 * told to stop (SIGTERM or Ctrl-C), when the daemon is closed.
 */
abstract class DaemonCommand implements LaunchOptions.Verbose {
    @Mixin
    SettingsOptions options = new SettingsOptions();

    @Override
    public boolean verbose() {
        return options.verbose;
    }

    /** The daemon's settings, checked, with {@code flags} (dedicated options) over everything else. */
    EmberConf settings(Map<String, String> flags, PrintWriter err) {
        LaunchSettings settings =
                LaunchSettings.from(options.conf, options.propertiesFile, flags, Installation.defaultsFile());
        settings.validate(err);
        if (options.verbose) {
            err.println("Ember settings:");
            settings.print(err);
        }
        err.flush();
        EmberConf result = settings.toConf();
        return result;
    }

    /** Blocks until the JVM is asked to exit, then closes {@code daemon} (from the shutdown hook). */
    static void runUntilStopped(AutoCloseable daemon) throws InterruptedException {
        runUntilStopped(daemon, new java.util.concurrent.CompletableFuture<>());
    }

    /**
     * Blocks until the JVM is asked to exit, when {@code daemon} is closed from the shutdown hook, or until the daemon
     * ends by itself ({@code ended} completes).
     */
    static void runUntilStopped(AutoCloseable daemon, java.util.concurrent.CompletionStage<?> ended)
            throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        ended.whenComplete((ignored, error) -> closed.countDown());
        Thread hook = ThreadUtils.newThread("ember-daemon-shutdown", false, () -> {
            try {
                daemon.close();
            } catch (Exception e) {
                System.err.println("Error stopping: " + e);
            } finally {
                closed.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(hook);
        // A daemon runs until it is stopped; wake up now and then only to wait again.
        while (!closed.await(1, TimeUnit.HOURS)) {
            // still running
        }
    }
}
