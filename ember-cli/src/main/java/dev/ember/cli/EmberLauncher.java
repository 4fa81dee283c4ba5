package dev.ember.cli;

import dev.ember.util.AllowedCall;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ember}: the command-line entry point.
 *
 * <pre>
 *   ember submit [options] app.jar [app arguments]
 *   ember run-example [options] NAME [arguments]
 *   ember shell [options]
 *   ember sql [options] [-e SQL | -f FILE]
 *   ember master [--host HOST] [--port PORT]
 *   ember worker ember://HOST:PORT [--cores N] [--memory SIZE] [--work-dir DIR]
 *   ember kill-driver --master ember://HOST:PORT DRIVER_ID
 *   ember status --master ember://HOST:PORT
 * </pre>
 *
 * Errors print one line saying what was wrong and exit non-zero (1 for a failed application, 2 for a bad command
 * line); {@code --verbose} adds the stack trace.
 */
@Command(
        name = "ember",
        mixinStandardHelpOptions = true,
        versionProvider = EmberLauncher.Version.class,
        description = "Run Ember applications, examples, the interactive shell, SQL, and standalone cluster daemons.",
        subcommands = {
            SubmitCommand.class,
            RunExampleCommand.class,
            ShellCommand.class,
            SqlCommand.class,
            MasterCommand.class,
            WorkerCommand.class,
            HistoryCommand.class,
            KillDriverCommand.class,
            StatusCommand.class,
            KernelCommand.class,
            ConnectCommand.class,
            CommandLine.HelpCommand.class
        })
public final class EmberLauncher implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    /** Runs {@code ember} with {@code args}; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new EmberLauncher());
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        for (String name : new String[] {"submit", "run-example"}) {
            // Everything after the application (or example name) belongs to it, options included.
            commandLine.getSubcommands().get(name).setStopAtPositional(true);
        }
        commandLine.setParameterExceptionHandler((error, arguments) -> {
            PrintWriter writer = error.getCommandLine().getErr();
            writer.println("error: " + error.getMessage());
            writer.println("Run '" + error.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return 2;
        });
        commandLine.setExecutionExceptionHandler((error, executed, parsed) -> {
            boolean verbose =
                    executed.getCommand() instanceof LaunchOptions.Verbose verboseCommand && verboseCommand.verbose();
            Errors.report(error, verbose, executed.getErr());
            return 1;
        });
        return commandLine.execute(args);
    }

    @AllowedCall("the launcher's main method ends the JVM with the command's exit code")
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.err.flush();
        System.exit(code);
    }

    /** The version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = EmberLauncher.class.getPackage().getImplementationVersion();
            return new String[] {
                "Ember " + (version == null ? "(development build)" : version),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
