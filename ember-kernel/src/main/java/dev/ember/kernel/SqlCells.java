package dev.ember.kernel;

import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * SQL in notebooks: the {@code spark} binding (an {@link EmberSession} over {@code ctx}), and {@code %%sql} cells,
 * whose statements run in the interpreter's JVM through {@link #run}. The kernel finds this class as a
 * {@link Bindings.Provider}.
 */
public final class SqlCells implements Bindings.Provider {
    /** The cell magic whose line starts a SQL cell. */
    static final String MAGIC = "%%sql";

    @Override
    public List<Bindings.Binding> bindings() {
        return List.of(
                new Bindings.Binding("spark", "dev.ember.sql.EmberSession", "dev.ember.sql.EmberSession.of(ctx)"));
    }

    /**
     * The SQL of a {@code %%sql} cell (what follows its first line, which is {@code %%sql}; empty lines before it
     * are allowed), or null when {@code code} is not such a cell. Lines before the SQL become empty lines, so the
     * SQL keeps the cell's line numbers.
     */
    static String sqlOf(String code) {
        String[] lines = code.split("\n", -1);
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            if (trimmed.isEmpty()) {
                sql.append('\n');
                continue;
            }
            if (!trimmed.equals(MAGIC)) {
                return null;
            }
            sql.append('\n');
            for (int j = i + 1; j < lines.length; j++) {
                sql.append(lines[j]).append('\n');
            }
            return sql.toString();
        }
        return null;
    }

    /** The code a {@code %%sql} cell runs in the interpreter: a call of {@link #run} with the SQL in Base64. */
    static String callFor(String sql) {
        return "dev.ember.kernel.SqlCells.run(spark, \""
                + Base64.getEncoder().encodeToString(sql.getBytes(StandardCharsets.UTF_8)) + "\")";
    }

    /**
     * Runs the statements of {@code base64Sql} (UTF-8 text, in Base64) one after the other with {@code session};
     * returns the last one's result, or null when it has no columns (a command) or there was no statement. A failing
     * statement throws, and the ones after it do not run.
     */
    public static Dataset<Row> run(EmberSession session, String base64Sql) {
        String sql = new String(Base64.getDecoder().decode(base64Sql), StandardCharsets.UTF_8);
        Dataset<Row> last = null;
        for (String statement : SqlStatements.all(sql)) {
            last = session.sql(statement);
        }
        return last == null || last.columns().length == 0 ? null : last;
    }
}
