package dev.ember.cli;

import dev.ember.kernel.SqlStatements;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The prompt of {@code bin/ember sql} at a terminal: statements typed over as many lines as they need until a
 * {@code ;}, each result printed as a table with the time it took. Ctrl-C drops the statement being typed, or cancels
 * the jobs of the one running; Ctrl-D (end of input) leaves. Lines are kept in a history file.
 */
final class SqlShell {
    static final String PROMPT = "ember-sql> ";
    static final String CONTINUATION = "         > ";

    private final SqlRunner runner;
    private final Terminal terminal;
    private final Path historyFile;
    private final LongSupplier nanoTime;

    SqlShell(SqlRunner runner, Terminal terminal, Path historyFile, LongSupplier nanoTime) {
        this.runner = runner;
        this.terminal = terminal;
        this.historyFile = historyFile;
        this.nanoTime = nanoTime;
    }

    /** {@code ~/.ember/sql_history}. */
    static Path defaultHistoryFile() {
        return Path.of(System.getProperty("user.home"), ".ember", "sql_history");
    }

    /** Reads and runs statements until the end of input; returns the exit code, 0. */
    int run() {
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("ember-sql")
                // '!' is SQL's (a != b), not a history reference.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
        if (historyFile != null) {
            try {
                Files.createDirectories(historyFile.toAbsolutePath().getParent());
                builder.variable(LineReader.HISTORY_FILE, historyFile);
            } catch (IOException e) {
                terminal.writer().println("warning: no history: cannot create " + historyFile.getParent());
            }
        }
        LineReader reader = builder.build();
        PrintWriter out = terminal.writer();
        // While a statement runs, Ctrl-C cancels its jobs; while a line is read, the reader handles it.
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, signal -> runner.cancelRunning());
        StringBuilder pending = new StringBuilder();
        try {
            while (true) {
                String line;
                try {
                    line = reader.readLine(pending.length() == 0 ? PROMPT : CONTINUATION);
                } catch (UserInterruptException e) {
                    pending.setLength(0);
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                pending.append(line).append('\n');
                SqlStatements.Split split = SqlStatements.split(pending.toString());
                pending.setLength(0);
                if (split.hasRest()) {
                    pending.append(split.rest());
                }
                for (String statement : split.statements()) {
                    runStatement(statement, out);
                }
            }
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            try {
                reader.getHistory().save();
            } catch (IOException e) {
                // The history of this session is lost; the prompt worked.
            }
        }
        out.println();
        out.flush();
        return 0;
    }

    /** Runs one statement, printing its table (if it has columns) and the time it took, or its error. */
    void runStatement(String statement, PrintWriter out) {
        long start = nanoTime.getAsLong();
        try {
            SqlRunner.Result result = runner.execute(statement);
            runner.output(SqlOutput.Format.TABLE).write(result.columns(), result.rows(), out);
            out.println(timeTaken(nanoTime.getAsLong() - start, result));
        } catch (RuntimeException | LinkageError e) {
            out.flush();
            runner.report(e, out);
        }
        out.flush();
    }

    /** {@code Time taken: 0.123 seconds, Fetched 3 row(s)}; without the rows for a command. */
    static String timeTaken(long nanos, SqlRunner.Result result) {
        String seconds = String.format(Locale.ROOT, "%.3f", nanos / 1e9);
        return "Time taken: " + seconds + " seconds"
                + (result.columns().isEmpty()
                        ? ""
                        : ", Fetched " + result.rows().size() + " row(s)");
    }
}
