package dev.ember.kernel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the kernel for a front end: {@code KernelMain CONNECTION_FILE}. It serves until a {@code shutdown_request}, or
 * until the front end that started it ({@code JPY_PARENT_PID}) exits.
 */
public final class KernelMain {
    private static final Logger LOG = LoggerFactory.getLogger(KernelMain.class);

    private KernelMain() {}

    @dev.ember.util.AllowedCall("the kernel process ends with its exit code")
    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("Usage: KernelMain CONNECTION_FILE");
            System.exit(2);
        }
        System.exit(run(Path.of(args[0])));
    }

    /** Serves the connection file's sockets until shut down; returns the exit code. */
    public static int run(Path connectionFile) throws InterruptedException {
        ConnectionInfo connection = ConnectionInfo.read(connectionFile);
        try (Kernel kernel = Kernel.start(
                connection,
                channels -> new JShellInterpreter(
                        List.of(
                                "-Ddev.ember.kernel.notebook=true",
                                "-Ddev.ember.kernel.bridge=" + channels.commBridge()),
                        channels.stdin(),
                        channels.cancelJobGroup()))) {
            watchParent(kernel);
            while (!kernel.awaitShutdown(Duration.ofHours(1))) {
                LOG.debug("Kernel still serving");
            }
            LOG.info("Kernel shutting down{}", kernel.restartRequested() ? " for a restart" : "");
        }
        return 0;
    }

    /** The front end that started the kernel says who it is; when it exits, so does the kernel. */
    private static void watchParent(Kernel kernel) {
        String parent = System.getenv("JPY_PARENT_PID");
        if (parent == null || parent.isBlank()) {
            return;
        }
        try {
            ProcessHandle.of(Long.parseLong(parent.trim()))
                    .ifPresent(handle -> handle.onExit().thenRun(() -> {
                        LOG.info("The front end (pid {}) exited; shutting down", parent);
                        kernel.requestShutdown(false);
                    }));
        } catch (NumberFormatException e) {
            LOG.warn("Ignoring JPY_PARENT_PID '{}': not a process id", parent);
        }
    }
}
