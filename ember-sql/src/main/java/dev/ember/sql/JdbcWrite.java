package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.TaskContext;
import dev.ember.sql.sources.jdbc.JdbcDialect;
import dev.ember.sql.sources.jdbc.JdbcOptions;
import dev.ember.sql.sources.jdbc.JdbcValues;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.vector.ColumnBatch;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a Dataset's rows into a database table over JDBC: the driver checks the table and creates, truncates or drops
 * it as the save mode says; then each task inserts its rows with a batched {@code INSERT} in one transaction of its
 * own, committed when all its rows are in (a failed task rolls its rows back, and its retry inserts them again).
 */
final class JdbcWrite {
    private JdbcWrite() {}

    /** What each task needs; the options hold the credentials and are never printed. */
    private record Spec(JdbcOptions options, StructType schema, String insert, String timeZone)
            implements Serializable {}

    static void run(Dataset<Row> data, Map<String, String> given, String mode) {
        JdbcOptions options = JdbcOptions.forWrite(given);
        JdbcDialect dialect = options.dialect();
        StructType schema = data.schema();
        String table = options.table();
        try (Connection connection = options.connect();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(options.queryTimeoutSeconds());
            boolean exists = exists(connection, table);
            if (exists) {
                switch (mode) {
                    case "ignore":
                        return;
                    case "errorifexists":
                    case "error":
                        throw new EmberException(
                                ErrorClass.ALREADY_EXISTS,
                                "The table " + table + " exists already in " + options.redactedUrl()
                                        + "; use mode(\"append\") to add rows or mode(\"overwrite\") to replace them");
                    case "overwrite":
                        if (options.truncate()) {
                            statement.executeUpdate(dialect.truncate(table));
                        } else {
                            statement.executeUpdate("DROP TABLE " + table);
                            statement.executeUpdate(createTable(dialect, table, schema, options));
                        }
                        break;
                    default:
                        break;
                }
            } else {
                statement.executeUpdate(createTable(dialect, table, schema, options));
            }
        } catch (SQLException e) {
            throw new EmberException(
                    ErrorClass.OUTPUT_WRITE_FAILED,
                    "Cannot prepare the table " + table + " in " + options.redactedUrl() + ": "
                            + options.scrub(e.getMessage()),
                    options.scrubbed(e));
        }
        List<String> columns = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        for (StructField field : schema) {
            columns.add(dialect.quote(field.name()));
            marks.add("?");
        }
        String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", marks) + ")";
        Spec spec = new Spec(options, schema, insert, data.session().timeZone());
        QueryExecution query = data.queryExecution();
        SqlExecutions.run(query, data.session().emberContext(), () -> data.session()
                .emberContext()
                .runJob(query.toBatches(), (task, batches) -> insertPartition(spec, task, batches)));
    }

    private static boolean exists(Connection connection, String table) {
        // A query of no rows: it fails if the table does not exist, whatever the database's catalog looks like.
        try (Statement probe = connection.createStatement()) {
            probe.executeQuery("SELECT 1 FROM " + table + " WHERE 1=0").close();
            return true;
        } catch (SQLException e) {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // The probe's failure is the answer.
            }
            return false;
        }
    }

    /** {@code CREATE TABLE t (columns) options}, with {@code createTableColumnTypes} overriding some columns' types. */
    static String createTable(JdbcDialect dialect, String table, StructType schema, JdbcOptions options) {
        Map<String, String> overrides = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (options.createTableColumnTypes() != null) {
            // "name VARCHAR(64), comments VARCHAR(1024)": each type as the user wrote it, for the database to read.
            for (String column : splitTopLevel(options.createTableColumnTypes())) {
                String trimmed = column.trim();
                int space = trimmed.indexOf(' ');
                if (space <= 0) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "createTableColumnTypes: '" + trimmed + "' is not 'column TYPE'");
                }
                String name = trimmed.substring(0, space).replace("`", "").replace("\"", "");
                if (schema.indexOf(name).isEmpty()) {
                    throw new EmberException(
                            ErrorClass.INVALID_ARGUMENT,
                            "createTableColumnTypes names " + name + ", which the data does not have "
                                    + List.of(schema.fieldNames()));
                }
                overrides.put(name, trimmed.substring(space + 1).trim());
            }
        }
        List<String> columns = new ArrayList<>();
        for (StructField field : schema) {
            String type = overrides.containsKey(field.name())
                    ? overrides.get(field.name())
                    : dialect.columnType(field.dataType(), field.name());
            columns.add(dialect.quote(field.name()) + " " + type + (field.nullable() ? "" : " NOT NULL"));
        }
        String extra = options.createTableOptions().isBlank() ? "" : " " + options.createTableOptions();
        return "CREATE TABLE " + table + " (" + String.join(", ", columns) + ")" + extra;
    }

    /** The parts of a list separated by commas outside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static long insertPartition(Spec spec, TaskContext task, Iterator<ColumnBatch> batches)
            throws SQLException {
        JdbcOptions options = spec.options();
        JdbcDialect dialect = options.dialect();
        ZoneId zone = ZoneId.of(spec.timeZone());
        List<DataType> types = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (StructField field : spec.schema()) {
            types.add(field.dataType());
            names.add(field.name());
        }
        long written = 0;
        try (Connection connection = options.connect()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(spec.insert())) {
                insert.setQueryTimeout(options.queryTimeoutSeconds());
                int pending = 0;
                while (batches.hasNext()) {
                    ColumnBatch batch = batches.next();
                    for (int k = 0; k < batch.size(); k++) {
                        int row = batch.row(k);
                        for (int c = 0; c < types.size(); c++) {
                            var vector = batch.column(c);
                            Object value = vector.isNull(row) ? null : vector.getObject(row);
                            JdbcValues.bind(
                                    insert, connection, c + 1, value, types.get(c), dialect, zone, names.get(c));
                        }
                        insert.addBatch();
                        written++;
                        if (++pending == options.batchSize()) {
                            task.killTaskIfInterrupted();
                            insert.executeBatch();
                            pending = 0;
                        }
                    }
                }
                if (pending > 0) {
                    insert.executeBatch();
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                if (e instanceof SQLException sql) {
                    // A batch's own message is often "see getNextException": the cause is there.
                    SQLException next = sql.getNextException();
                    String message = sql.getMessage() + (next != null ? ": " + next.getMessage() : "");
                    throw new EmberException(
                            ErrorClass.OUTPUT_WRITE_FAILED,
                            "Cannot insert into " + options.table() + ": " + options.scrub(message),
                            options.scrubbed(sql));
                }
                throw e;
            }
        }
        return written;
    }
}
