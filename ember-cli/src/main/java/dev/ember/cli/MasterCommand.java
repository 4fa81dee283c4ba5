package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.deploy.DeployConfig;
import dev.ember.deploy.Master;
import dev.ember.network.rpc.RpcAddress;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ember master}: runs a standalone cluster's master until stopped. */
@Command(
        name = "master",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the master of a standalone cluster. Workers register with it (ember worker ember://HOST:PORT)"
                    + " and applications run on it with --master ember://HOST:PORT. Stops on SIGTERM or Ctrl-C."
        })
final class MasterCommand extends DaemonCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "HOST",
            description = "Address to listen on and advertise (default: this host's address).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default 7077; 0: any).")
    int port = 7077;

    @Option(
            names = "--webui-port",
            paramLabel = "PORT",
            description = "Port of the master's web page (default 8080, or ember.master.ui.port; 0: any; -1: none).")
    Integer webUiPort;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new LaunchException("--port must be from 0 to 65535, got " + port);
        }
        if (webUiPort != null && (webUiPort < -1 || webUiPort > 65535)) {
            throw new LaunchException("--webui-port must be from -1 to 65535, got " + webUiPort);
        }
        EmberConf conf = settings(
                webUiPort == null ? Map.of() : Map.of(DeployConfig.MASTER_UI_PORT.key(), webUiPort.toString()),
                spec.commandLine().getErr());
        Master master = Master.start(conf, host != null ? host : RpcAddress.localHost(), port);
        master.webUiUrl().ifPresent(url -> spec.commandLine().getOut().println("Master web UI at " + url));
        spec.commandLine().getOut().println("Master started at " + master.url());
        spec.commandLine().getOut().flush();
        runUntilStopped(master);
        return 0;
    }
}
