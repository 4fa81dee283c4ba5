package dev.ember.deploy;

import dev.ember.deploy.DeployMessages.DriverDescription;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A driver started by a worker (cluster deploy mode): {@code java -cp ... DriverWrapper ...} in
 * {@code WORK_DIR/DRIVER_ID}, the application's settings as system properties, advertising the worker's host.
 */
final class DriverRunner extends ChildProcess {
    private final String driverId;

    private DriverRunner(String driverId, Path directory, Process process) {
        super(directory, process);
        this.driverId = driverId;
    }

    static DriverRunner start(Origin origin, DeployMessages.LaunchDriver launch, ExitListener onExit)
            throws IOException {
        DriverDescription description = launch.description();
        Path directory = origin.workDir().resolve(launch.driverId());
        Files.createDirectories(directory);
        Map<String, String> properties = new LinkedHashMap<>(description.settings());
        properties.putAll(origin.sslSettings());
        // Executors reach the driver on this worker's address unless the application said otherwise.
        properties.putIfAbsent("ember.driver.host", origin.host());
        List<String> command = javaCommand(description.memoryMb(), List.of(), properties);
        addClassPath(command, origin.classPath(), DriverWrapper.class.getName());
        List<String> arguments =
                new ArrayList<>(List.of("--worker-url", origin.hostPort(), "--class", description.mainClass()));
        if (description.jar() != null) {
            arguments.addAll(List.of("--jar", description.jar()));
        }
        arguments.add("--");
        arguments.addAll(description.args());
        command.addAll(arguments);
        Process process = start(command, directory, origin.secretEnvironment(), onExit);
        return new DriverRunner(launch.driverId(), directory, process);
    }

    String driverId() {
        return driverId;
    }
}
