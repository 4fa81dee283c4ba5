package dev.ember.deploy;

import dev.ember.deploy.DeployMessages.ApplicationDescription;
import dev.ember.scheduler.cluster.CoarseGrainedExecutorBackend;
import dev.ember.util.FileUtils;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One executor process started by a worker: {@code java -cp ... CoarseGrainedExecutorBackend ...} in its own
 * directory ({@code WORK_DIR/APP_ID/EXECUTOR_ID}), with its output in {@code stdout} and {@code stderr} there, the
 * jars and added files it fetches in {@code jars/} and {@code files/}, and its shuffle files in {@code local/} (or
 * under the worker's {@code ember.local.dir}). The process's exit is reported to {@code onExit} with its code.
 */
final class ExecutorRunner extends ChildProcess {
    private final String appId;
    private final int executorId;
    private final int cores;
    private final int memoryMb;
    private final List<Path> localDirs;

    private ExecutorRunner(
            String appId,
            int executorId,
            int cores,
            int memoryMb,
            Path directory,
            List<Path> localDirs,
            Process process) {
        super(directory, process);
        this.appId = appId;
        this.executorId = executorId;
        this.cores = cores;
        this.memoryMb = memoryMb;
        this.localDirs = localDirs;
    }

    /** Starts the process; {@code localRoots} is the worker's {@code ember.local.dir} (empty: none set). */
    static ExecutorRunner start(
            Origin origin, List<String> localRoots, DeployMessages.LaunchExecutor launch, ExitListener onExit)
            throws IOException {
        ApplicationDescription description = launch.description();
        Path directory = origin.workDir().resolve(launch.appId()).resolve(Integer.toString(launch.executorId()));
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
        List<String> localDirNames = new ArrayList<>();
        for (Path local : localDirs) {
            Files.createDirectories(local);
            localDirNames.add(local.toString());
        }
        Map<String, String> properties = new LinkedHashMap<>(description.bootSettings());
        properties.putAll(origin.sslSettings());
        properties.put("ember.local.dir", String.join(",", localDirNames));
        List<String> command = javaCommand(launch.memoryMb(), description.javaOptions(), properties);
        List<String> classPath = new ArrayList<>(description.classPath());
        classPath.addAll(origin.classPath());
        addClassPath(command, classPath, CoarseGrainedExecutorBackend.class.getName());
        command.addAll(List.of(
                "--driver-url", description.driverUrl(),
                "--executor-id", Integer.toString(launch.executorId()),
                "--hostname", origin.host(),
                "--cores", Integer.toString(launch.cores()),
                "--app-id", launch.appId(),
                "--worker-url", origin.hostPort()));
        Process process = start(command, directory, origin.secretEnvironment(), onExit);
        return new ExecutorRunner(
                launch.appId(), launch.executorId(), launch.cores(), launch.memoryMb(), directory, localDirs, process);
    }

    String appId() {
        return appId;
    }

    int executorId() {
        return executorId;
    }

    /** Deletes the executor's shuffle and spill files and the jars and added files it fetched; once it exited. */
    void deleteLocalDirs() {
        for (Path local : localDirs) {
            FileUtils.deleteRecursively(local);
        }
        FileUtils.deleteRecursively(directory().resolve("jars"));
        FileUtils.deleteRecursively(directory().resolve("files"));
    }

    DeployMessages.ExecutorRef ref() {
        return new DeployMessages.ExecutorRef(appId, executorId, cores, memoryMb);
    }
}
