package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.connect.ConnectConfig;
import dev.ember.connect.ConnectServer;
import dev.ember.sql.EmberSession;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ember connect}: a Spark Connect server over an Ember application, until stopped. */
@Command(
        name = "connect",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a Spark Connect server: Spark Connect clients (the JVM client, PySpark, Go, Rust) connect with"
                    + " sc://host:port and run DataFrame and SQL code on this application's engine, each client in a"
                    + " session of its own.",
            "The application runs on --master (default local[*]). A token (EMBER_CONNECT_TOKEN, or"
                    + " ember.connect.authenticate.token) makes every client send it. Stops on SIGTERM or Ctrl-C."
        })
final class ConnectCommand implements Callable<Integer>, LaunchOptions.Verbose {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private LaunchOptions options;

    @Option(
            names = "--port",
            paramLabel = "PORT",
            description = "Port (default 15002, or ember.connect.grpc.binding.port).")
    Integer port;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to listen on (default 127.0.0.1; 0.0.0.0 for every interface).")
    String host;

    @Override
    public boolean verbose() {
        return options.settings.verbose;
    }

    @Override
    public Integer call() throws Exception {
        if (port != null && (port < 0 || port > 65535)) {
            throw new LaunchException("--port must be from 0 to 65535, got " + port);
        }
        Map<String, String> flags = new HashMap<>();
        if (port != null) {
            flags.put(ConnectConfig.PORT.key(), port.toString());
        }
        if (host != null) {
            flags.put(ConnectConfig.ADDRESS.key(), host);
        }
        String token = System.getenv("EMBER_CONNECT_TOKEN");
        if (token != null && !token.isEmpty()) {
            flags.put(ConnectConfig.TOKEN.key(), token);
        }
        PrintWriter err = spec.commandLine().getErr();
        LaunchSettings settings = Launch.settings(options, flags, "ember-connect", err);
        try (AutoCloseable installed = settings.install();
                EmberContext context = new EmberContext(new EmberConf())) {
            EmberSession session = EmberSession.of(context);
            ConnectServer server = ConnectServer.start(session, context.conf());
            spec.commandLine()
                    .getOut()
                    .println("Spark Connect server at sc://" + context.conf().get(ConnectConfig.ADDRESS) + ":"
                            + server.port() + " (application UI: "
                            + context.uiWebUrl().orElse("off") + ")");
            spec.commandLine().getOut().flush();
            DaemonCommand.runUntilStopped(server);
        }
        return 0;
    }
}
