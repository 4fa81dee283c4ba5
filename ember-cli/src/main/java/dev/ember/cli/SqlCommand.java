package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.sql.EmberSession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ember sql}: runs SQL statements from {@code -e}, from {@code -f FILE} or from standard input, printing each
 * result in the output format, and stopping at the first that fails (exit code 1); with none of these at a terminal,
 * a prompt ({@link SqlShell}).
 */
@Command(
        name = "sql",
        mixinStandardHelpOptions = true,
        description = {
            "Runs SQL statements separated by ';': given with -e, read from a file with -f, or from standard input.",
            "At a terminal without -e or -f it prompts for statements (Ctrl-D leaves, Ctrl-C cancels).",
            "Stops at the first statement that fails, with its error on standard error and exit code 1."
        })
final class SqlCommand implements Callable<Integer>, LaunchOptions.Verbose {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private LaunchOptions options;

    @Option(
            names = {"-e", "--execute"},
            paramLabel = "SQL",
            description = "Statements to run, separated by ';'.")
    String execute;

    @Option(
            names = {"-f", "--file"},
            paramLabel = "FILE",
            description = "A file of statements to run, separated by ';'.")
    Path file;

    @Option(
            names = "--output-format",
            paramLabel = "FORMAT",
            description = "How results are printed: table (default), csv, tsv or json (an object per line).")
    String outputFormat = "table";

    @Override
    public boolean verbose() {
        return options.settings.verbose;
    }

    @Override
    public Integer call() throws Exception {
        if (execute != null && file != null) {
            throw new ParameterException(spec.commandLine(), "-e and -f cannot be used together");
        }
        SqlOutput.Format format;
        try {
            format = SqlOutput.Format.parse(outputFormat);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--output-format: " + e.getMessage());
        }
        String script = execute;
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new LaunchException("SQL file " + file.toAbsolutePath() + " does not exist");
            }
            script = Files.readString(file, StandardCharsets.UTF_8);
        }
        boolean interactive = script == null && stdinIsTerminal();
        if (script == null && !interactive) {
            script = readAll(System.in);
        }
        PrintWriter err = spec.commandLine().getErr();
        LaunchSettings settings = Launch.settings(options, Map.of(), "ember-sql", err);
        try (AutoCloseable installed = settings.install();
                EmberContext context = new EmberContext(new EmberConf())) {
            SqlRunner runner = new SqlRunner(EmberSession.of(context), format, verbose());
            if (interactive) {
                try (Terminal terminal =
                        TerminalBuilder.builder().name("ember-sql").system(true).build()) {
                    return new SqlShell(runner, terminal, SqlShell.defaultHistoryFile(), System::nanoTime).run();
                }
            }
            return runner.runScript(script, spec.commandLine().getOut(), err);
        }
    }

    /** Whether standard input is a terminal, as {@code bin/ember} saw it; without it, whether there is a console. */
    static boolean stdinIsTerminal() {
        String told = System.getenv("EMBER_STDIN_IS_TERMINAL");
        return told != null ? told.equals("true") : System.console() != null;
    }

    /** Reads all of a stream as UTF-8. */
    static String readAll(java.io.InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
