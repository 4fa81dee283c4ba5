package dev.ember.deploy;

import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.scheduler.cluster.CoarseGrainedExecutorBackend;
import dev.ember.util.FileUtils;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One executor process started by a worker: {@code java -cp ... CoarseGrainedExecutorBackend ...} in its own
 * directory ({@code WORK_DIR/APP_ID/EXECUTOR_ID}), with its output in {@code stdout} and {@code stderr} there and
 * its shuffle files in {@code local/} (or under the worker's {@code ember.local.dir}). The process's exit is reported
 * to {@code onExit} with its code.
 */
final class ExecutorRunner {
    private static final List<String> ADD_OPENS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");

    private final String appId;
    private final int executorId;
    private final int cores;
    private final int memoryMb;
    private final Path directory;
    private final List<Path> localDirs;
    private final Process process;
    private volatile boolean killed;

    private ExecutorRunner(
            String appId,
            int executorId,
            int cores,
            int memoryMb,
            Path directory,
            List<Path> localDirs,
            Process process) {
        this.localDirs = localDirs;
        this.appId = appId;
        this.executorId = executorId;
        this.cores = cores;
        this.memoryMb = memoryMb;
        this.directory = directory;
        this.process = process;
    }

    /**
     * Starts the process.
     *
     * @param workerClassPath the worker's own class path, which executors share
     * @param secretEnvironment environment variables with the worker's secrets (see {@link ExecutorSecrets})
     * @param sslSettings the worker's TLS settings without passwords
     */
    static ExecutorRunner start(
            Path workDir,
            List<String> localRoots,
            String workerHost,
            String workerHostPort,
            List<String> workerClassPath,
            Map<String, String> secretEnvironment,
            Map<String, String> sslSettings,
            DeployMessages.LaunchExecutor launch,
            Consumer<Integer> onExit)
            throws IOException {
        ApplicationDescription description = launch.description();
        Path directory = workDir.resolve(launch.appId()).resolve(Integer.toString(launch.executorId()));
        Files.createDirectories(directory);
        // Shuffle files and spills go where the worker says (its ember.local.dir, else the executor's directory), so
        // that the worker can delete them once the executor is gone, however it ended.
        List<Path> localDirs = new ArrayList<>();
        if (localRoots.isEmpty()) {
            localDirs.add(directory.resolve("local"));
        } else {
            for (String root : localRoots) {
                localDirs.add(Path.of(root).resolve("ember-" + launch.appId() + "-" + launch.executorId()));
            }
        }
        for (Path local : localDirs) {
            Files.createDirectories(local);
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + launch.memoryMb() + "m");
        command.add("-XX:+ExitOnOutOfMemoryError");
        // As the launcher does for drivers: Kryo may then serialize user objects holding JDK-internal classes.
        command.addAll(ADD_OPENS);
        String logging = System.getProperty("java.util.logging.config.file");
        if (logging != null) {
            command.add("-Djava.util.logging.config.file=" + logging);
        }
        command.addAll(description.javaOptions());
        for (Map.Entry<String, String> setting : description.bootSettings().entrySet()) {
            command.add("-D" + setting.getKey() + "=" + setting.getValue());
        }
        for (Map.Entry<String, String> setting : sslSettings.entrySet()) {
            command.add("-D" + setting.getKey() + "=" + setting.getValue());
        }
        List<String> localDirNames = new ArrayList<>();
        localDirs.forEach(local -> localDirNames.add(local.toString()));
        command.add("-Dember.local.dir=" + String.join(",", localDirNames));
        List<String> classPath = new ArrayList<>(description.classPath());
        classPath.addAll(workerClassPath);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classPath));
        command.add(CoarseGrainedExecutorBackend.class.getName());
        command.addAll(List.of(
                "--driver-url", description.driverUrl(),
                "--executor-id", Integer.toString(launch.executorId()),
                "--hostname", workerHost,
                "--cores", Integer.toString(launch.cores()),
                "--app-id", launch.appId(),
                "--worker-url", workerHostPort));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectOutput(directory.resolve("stdout").toFile())
                .redirectError(directory.resolve("stderr").toFile());
        // Only this worker's secrets: none inherited from whoever started the worker.
        builder.environment()
                .keySet()
                .removeIf(name -> name.equals(CoarseGrainedExecutorBackend.SECRET_ENV)
                        || name.startsWith(CoarseGrainedExecutorBackend.CONF_ENV_PREFIX));
        builder.environment().putAll(secretEnvironment);
        Process process = builder.start();
        ExecutorRunner runner = new ExecutorRunner(
                launch.appId(), launch.executorId(), launch.cores(), launch.memoryMb(), directory, localDirs, process);
        process.onExit().thenAccept(exited -> onExit.accept(exited.exitValue()));
        return runner;
    }

    String appId() {
        return appId;
    }

    int executorId() {
        return executorId;
    }

    int cores() {
        return cores;
    }

    int memoryMb() {
        return memoryMb;
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

    /** Deletes the executor's shuffle and spill files and fetched jars; called once it exited. */
    void deleteLocalDirs() {
        for (Path local : localDirs) {
            FileUtils.deleteRecursively(local);
        }
        FileUtils.deleteRecursively(directory.resolve("jars"));
    }

    /** Waits at most {@code millis} for the process to exit; whether it did. */
    boolean awaitExit(long millis) {
        try {
            return process.waitFor(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    DeployMessages.ExecutorRef ref() {
        return new DeployMessages.ExecutorRef(appId, executorId, cores, memoryMb);
    }
}
