package dev.ember.bench.spark;

import dev.ember.bench.workload.Answer;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.Tpch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * TPC-H queries with Spark SQL, tuned as the reference measurement ran it: 4 shuffle partitions (for two
 * cores, instead of 200), adaptive execution on (Spark 4's default), each table a temporary view over its Parquet
 * directory.
 */
final class SparkTpch {
    private final SparkSession session;
    private String registeredData;

    /** A session on the runner's running context, which the builder finds. */
    SparkTpch() {
        this.session = SparkSession.builder().getOrCreate();
        session.conf().set("spark.sql.shuffle.partitions", "4");
        session.conf().set("spark.sql.session.timeZone", "UTC");
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
        String sql = Tpch.query(params.getInt("query"));
        List<Object[]> rows = new ArrayList<>();
        for (Row row : session.sql(sql).collectAsList()) {
            Object[] values = new Object[row.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = row.get(i);
            }
            rows.add(values);
        }
        Answer answer = Answer.of(rows);
        return new Result().put("rows", (long) answer.size()).put("answer", answer.encode());
    }
}
