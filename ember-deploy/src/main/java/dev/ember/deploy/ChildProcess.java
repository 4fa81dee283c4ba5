package dev.ember.deploy;

import dev.ember.network.NetworkConfig;
import dev.ember.scheduler.cluster.CoarseGrainedExecutorBackend;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM a worker started (an executor or a driver), running in its own directory with its output in {@code stdout}
 * and {@code stderr} there; its exit is reported with its code.
 */
class ChildProcess {
    private static final List<String> ADD_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    /**
     * What a worker gives every process it starts: where they run, its address, its class path, and its secrets
     * (environment variables, see {@link ExecutorSecrets}) and TLS settings without passwords.
     */
    record Origin(
            Path workDir,
            String host,
            String hostPort,
            List<String> classPath,
            Map<String, String> secretEnvironment,
            Map<String, String> sslSettings) {}

    /** Told when a process exited: which one (its process id) and with what code. */
    @FunctionalInterface
    interface ExitListener {
        void exited(long pid, int exitCode);
    }

    private final Path directory;
    private final Process process;
    private volatile boolean killed;

    ChildProcess(Path directory, Process process) {
        this.directory = directory;
        this.process = process;
    }

    /**
     * The start of a JVM command line: the JVM, its heap, the options Ember's launcher also uses, the worker's
     * logging configuration, {@code javaOptions}, and {@code properties} as system properties.
     */
    static List<String> javaCommand(int memoryMb, List<String> javaOptions, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + memoryMb + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // Kryo may then serialize user objects holding JDK-internal classes.
        command.addAll(ADD_OPENS);
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(javaOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        return command;
    }

    /** Adds {@code -cp} with {@code classPath} and the main class. */
    static void addClassPath(List<String> command, List<String> classPath, String mainClass) {
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(mainClass);
    }

    /**
     * Starts {@code command} in {@code directory} with this worker's secrets (and none inherited) in its environment;
     * {@code onExit} hears when it exits.
     */
    static Process start(
            List<String> command, Path directory, Map<String, String> secretEnvironment, ExitListener onExit)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("stdout").toFile())
                .redirectError(directory.resolve("stderr").toFile());
        builder.environment()
                .keySet()
                .removeIf(name -> name.equals(NetworkConfig.SECRET_ENV)
                        || name.startsWith(CoarseGrainedExecutorBackend.CONF_ENV_PREFIX));
        builder.environment().putAll(secretEnvironment);
        Process process = builder.start();
        process.onExit().thenAccept(exited -> onExit.exited(exited.pid(), exited.exitValue()));
        return process;
    }

    Path directory() {
        return directory;
    }

    long pid() {
        return process.pid();
    }

    boolean wasKilled() {
        return killed;
    }

    /** Asks the process to exit (SIGTERM); the worker forces it after a grace period. */
    void kill() {
        killed = true;
        process.destroy();
    }

    void killForcibly() {
        killed = true;
        process.destroyForcibly();
    }

    /** Waits at most {@code millis} for the process to exit; whether it did. */
    boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }
}
