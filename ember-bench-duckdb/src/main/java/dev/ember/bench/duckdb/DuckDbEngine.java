package dev.ember.bench.duckdb;

import dev.ember.bench.workload.Answer;
import dev.ember.bench.workload.Engine;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.Tpch;
import dev.ember.bench.workload.Workload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB in process, through its JDBC driver: an in-memory database whose tables are views over the Parquet
 * directories (the files are read by every query, as Ember and Spark read them), with as many threads as the
 * other engines have cores. It runs only the TPC-H workload.
 */
public final class DuckDbEngine implements Engine {
    private Connection connection;
    private String registeredData;

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String version() {
        if (connection == null) {
            return "unknown";
        }
        try (Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT version()")) {
            return result.next() ? result.getString(1) : "unknown";
        } catch (SQLException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    @Override
    public void open(Params settings) {
        try {
            connection = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET threads TO " + settings.getInt("cores"));
                statement.execute("SET TimeZone = 'UTC'");
                statement.execute("SET temp_directory = '" + quote(settings.get("localDir")) + "'");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open DuckDB: " + e.getMessage(), e);
        }
    }

    @Override
    public Result run(Workload workload, Params params) {
        if (connection == null) {
            throw new IllegalStateException("the engine is not open");
        }
        if (workload != Workload.TPCH) {
            throw new UnsupportedOperationException(
                    "the DuckDB runner runs only the TPC-H workload, not " + workload.id());
        }
        try {
            return tpch(params);
        } catch (SQLException e) {
            throw new IllegalStateException("DuckDB failed TPC-H Q" + params.get("query") + ": " + e.getMessage(), e);
        }
    }

    private Result tpch(Params params) throws SQLException {
        String data = params.get("data");
        try (Statement statement = connection.createStatement()) {
            if (!data.equals(registeredData)) {
                for (String table : Tpch.TABLES) {
                    // A directory of a few queries' tables holds only those.
                    if (!Files.isDirectory(Path.of(data, table))) {
                        continue;
                    }
                    String files = Path.of(data, table, "*.parquet").toString();
                    statement.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT * FROM read_parquet('"
                            + quote(files) + "')");
                }
                registeredData = data;
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(Tpch.query(params.getInt("query")))) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    Object[] values = new Object[columns];
                    for (int i = 0; i < columns; i++) {
                        values[i] = result.getObject(i + 1);
                    }
                    rows.add(values);
                }
            }
            Answer answer = Answer.of(rows);
            return new Result().put("rows", (long) answer.size()).put("answer", answer.encode());
        }
    }

    private static String quote(String text) {
        return text.replace("'", "''");
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing at exit: nothing to keep.
            }
            connection = null;
        }
    }
}
