package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.ui.UiConfig;
import dev.ember.ui.history.HistoryServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ember history}: serves the event logs of finished and running applications until stopped. */
@Command(
        name = "history",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the history server: the application UI's pages and REST API for every application that wrote an"
                    + " event log (ember.eventLog.enabled=true) into the log directory, finished or still running."
                    + " Stops on SIGTERM or Ctrl-C."
        })
final class HistoryCommand extends DaemonCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to listen on, and only it (default 0.0.0.0: every interface).")
    String host = "0.0.0.0";

    @Option(names = "--port", paramLabel = "PORT", description = "Port (default 18080, or ember.history.ui.port).")
    Integer port;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "The event log directory (default: ember.history.fs.logDirectory, else ember.eventLog.dir).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            throw new LaunchException("--port must be from 0 to 65535, got " + port);
        }
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put(UiConfig.HISTORY_PORT.key(), port.toString());
        }
        if (dir != null) {
            flags.put(UiConfig.HISTORY_DIR.key(), dir.toString());
        }
        EmberConf conf = settings(flags, spec.commandLine().getErr());
        Path logs = Path.of(conf.getOptional(UiConfig.HISTORY_DIR).orElse(conf.get(UiConfig.EVENT_LOG_DIR)));
        HistoryServer server = HistoryServer.start(conf, logs, host, conf.get(UiConfig.HISTORY_PORT));
        spec.commandLine().getOut().println("History server at " + server.url() + " for " + logs);
        spec.commandLine().getOut().flush();
        runUntilStopped(server);
        return 0;
    }
}
