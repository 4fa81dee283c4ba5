package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.deploy.DeployMessages;
import dev.ember.deploy.MasterClient;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ember status}: what a standalone master knows: its workers, applications and drivers. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description = "Prints the workers, applications and drivers of a standalone cluster, as its master sees them.")
final class StatusCommand extends DaemonCommand implements Callable<Integer> {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--master", paramLabel = "URL", required = true, description = "The master, ember://HOST:PORT.")
    String master;

    @Override
    public Integer call() {
        EmberConf conf = settings(Map.of(), spec.commandLine().getErr());
        DeployMessages.MasterState state;
        try (MasterClient client = MasterClient.connect(conf, master)) {
            state = client.state();
        }
        print(state, spec.commandLine().getOut());
        return 0;
    }

    /**
     * Prints {@code state} as tables; every text the master reports goes through {@link TerminalText#printable}, since
     * users and remote processes chose it.
     */
    static void print(DeployMessages.MasterState state, PrintWriter out) {
        out.println("Master " + TerminalText.printable(state.url()));
        out.println();
        out.printf(
                Locale.ROOT,
                "%-48s %-22s %-15s %11s %17s%n",
                "WORKER",
                "ADDRESS",
                "STATE",
                "CORES USED",
                "MEMORY USED (MB)");
        for (DeployMessages.WorkerSummary worker : state.workers()) {
            out.printf(
                    Locale.ROOT,
                    "%-48s %-22s %-15s %5d / %-3d %8d / %-6d%n",
                    TerminalText.printable(worker.workerId()),
                    TerminalText.printable(worker.hostPort()),
                    TerminalText.printable(worker.state()),
                    worker.coresUsed(),
                    worker.cores(),
                    worker.memoryUsedMb(),
                    worker.memoryMb());
        }
        out.println();
        out.printf(Locale.ROOT, "%-28s %-24s %-8s %6s  %s%n", "APPLICATION", "NAME", "STATE", "CORES", "EXECUTORS");
        for (DeployMessages.AppSummary app : state.apps()) {
            out.printf(
                    Locale.ROOT,
                    "%-28s %-24s %-8s %6d  %s%n",
                    TerminalText.printable(app.appId()),
                    TerminalText.printable(app.name()),
                    TerminalText.printable(app.state()),
                    app.coresGranted(),
                    app.executors());
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "%-30s %-10s %-10s %8s  %-48s %s%n",
                "DRIVER",
                "STATE",
                "SUPERVISED",
                "LAUNCHES",
                "WORKER",
                "MAIN CLASS");
        for (DeployMessages.DriverSummary driver : state.drivers()) {
            out.printf(
                    Locale.ROOT,
                    "%-30s %-10s %-10s %8d  %-48s %s%n",
                    TerminalText.printable(driver.driverId()),
                    TerminalText.printable(driver.state()),
                    driver.supervise() ? "yes" : "no",
                    driver.launches(),
                    TerminalText.printable(driver.workerId()),
                    TerminalText.printable(driver.mainClass()));
        }
        out.flush();
    }
}
