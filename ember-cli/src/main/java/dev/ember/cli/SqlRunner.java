package dev.ember.cli;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.kernel.SqlStatements;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs the statements of {@code bin/ember sql} with a session, one at a time, each in a job group of its own so that
 * {@link #cancelRunning} (Ctrl-C at the prompt) can cancel the jobs of the statement that is running.
 */
final class SqlRunner {
    /** What a statement gave: its column names and all its rows (none for a command). */
    record Result(List<String> columns, List<Row> rows) {}

    private final EmberSession session;
    private final SqlOutput.Format format;
    private final boolean verbose;
    private final AtomicLong statements = new AtomicLong();
    private volatile String runningGroup;

    SqlRunner(EmberSession session, SqlOutput.Format format, boolean verbose) {
        this.session = session;
        this.format = format;
        this.verbose = verbose;
    }

    /** Runs one statement and collects its rows. */
    Result execute(String statement) {
        EmberContext context = session.emberContext();
        String group = "ember-sql-" + statements.incrementAndGet();
        context.setJobGroup(group, abbreviated(statement), true);
        runningGroup = group;
        try {
            Dataset<Row> dataset = session.sql(statement);
            List<String> columns = List.of(dataset.columns());
            List<Row> rows = columns.isEmpty() ? List.of() : dataset.collectAsList();
            return new Result(columns, rows);
        } finally {
            runningGroup = null;
            context.clearJobGroup();
        }
    }

    /** Cancels the jobs of the statement running now, if one is; safe to call from any thread. */
    void cancelRunning() {
        String group = runningGroup;
        if (group != null && !session.emberContext().isStopped()) {
            session.emberContext().cancelJobGroup(group);
        }
    }

    /** The output of results in {@code format}, with timestamps in the session's time zone as it is now. */
    SqlOutput output(SqlOutput.Format format) {
        String zone = session.conf().get("ember.sql.session.timeZone", "");
        return new SqlOutput(format, zone.isEmpty() ? ZoneId.systemDefault() : ZoneId.of(zone));
    }

    /**
     * Runs every statement of {@code script} in order, writing each result to {@code out} in the chosen format; stops
     * at the first that fails, with its error on {@code err}. Returns the exit code: 0, or 1 after a failure.
     */
    int runScript(String script, PrintWriter out, PrintWriter err) {
        for (String statement : SqlStatements.all(script)) {
            try {
                Result result = execute(statement);
                output(format).write(result.columns(), result.rows(), out);
            } catch (RuntimeException | LinkageError e) {
                out.flush();
                report(e, err);
                return 1;
            }
        }
        out.flush();
        return 0;
    }

    /** Prints a failed statement's error: its class and whole message (a parse error's caret too). */
    void report(Throwable error, PrintWriter err) {
        err.println("error: " + message(error));
        if (verbose) {
            error.printStackTrace(err);
        }
        err.flush();
    }

    /** The message of an error: an Ember error's starts with its class ({@code [PARSE_SYNTAX_ERROR] ...}). */
    static String message(Throwable error) {
        if (error instanceof EmberException) {
            return error.getMessage();
        }
        return error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }

    private static String abbreviated(String statement) {
        String line = statement.strip().replaceAll("\\s+", " ");
        return line.length() <= 100 ? line : line.substring(0, 97) + "...";
    }
}
