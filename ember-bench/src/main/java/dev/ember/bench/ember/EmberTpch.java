package dev.ember.bench.ember;

import dev.ember.EmberContext;
import dev.ember.bench.workload.Answer;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.Tpch;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * TPC-H queries with Ember's SQL, as a user runs them: one session with its default settings, each table a
 * temporary view over its Parquet directory, the query's text through {@code session.sql}, the rows collected.
 */
final class EmberTpch {
    private final EmberSession session;
    private String registeredData;

    EmberTpch(EmberContext context) {
        this.session = EmberSession.of(context);
        // Dates only, but the answer must not depend on the machine's zone.
        session.conf().set("ember.sql.session.timeZone", "UTC");
    }

    Result run(Params params) {
        String data = params.get("data");
        if (!data.equals(registeredData)) {
            for (String table : Tpch.TABLES) {
                // A directory of a few queries' tables holds only those.
                if (Files.isDirectory(Path.of(data, table))) {
                    session.read().parquet(Path.of(data, table).toString()).createOrReplaceTempView(table);
                }
            }
            registeredData = data;
        }
        Answer answer = Answer.of(rows(session.sql(Tpch.query(params.getInt("query")))));
        return new Result().put("rows", (long) answer.size()).put("answer", answer.encode());
    }

    /** The rows of a query, collected, as arrays of their values. */
    static List<Object[]> rows(Dataset<Row> query) {
        List<Object[]> rows = new ArrayList<>();
        for (Row row : query.collectAsList()) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
            }
            rows.add(values);
        }
        return rows;
    }
}
