package dev.ember.sql.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JDBC on a local cluster: executor processes open their own connections, reading ranges of a table in parallel and
 * writing their partitions' rows.
 */
class JdbcLocalClusterTest {
    private static PostgresServer postgres;
    private static EmberSession session;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        session = EmberSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("jdbc-local-cluster")
                .getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void executorsReadRangesAndWriteTheirPartitions() throws Exception {
        Dataset<Row> data = session.sql("SELECT id, id % 7 AS k, CAST(id AS STRING) AS s FROM range(0, 20000, 1, 6)");
        data.write().option("batchsize", "500").jdbc(postgres.url(), "spread", postgres.credentials());
        try (var connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT id), sum(id) FROM spread")) {
            rows.next();
            assertThat(rows.getLong(1)).isEqualTo(20000);
            assertThat(rows.getLong(2)).isEqualTo(20000);
            assertThat(rows.getLong(3)).isEqualTo(199990000L);
        }
        Dataset<Row> read = session.read().jdbc(postgres.url(), "spread", "id", 0, 20000, 5, postgres.credentials());
        assertThat(read.queryExecution().toBatches().getNumPartitions()).isEqualTo(5);
        assertThat(read.groupBy("k").count().orderBy("k").collectAsList().toString())
                .isEqualTo("[[0,2858], [1,2857], [2,2857], [3,2857], [4,2857], [5,2857], [6,2857]]");
        // The same rows as local mode would give, through an exchange and a join across processes.
        read.createOrReplaceTempView("spread");
        assertThat(session.sql("SELECT count(*) FROM spread a JOIN spread b ON a.id = b.id + 1 WHERE a.k = 3")
                        .first()
                        .getLong(0))
                .isEqualTo(2857);
    }
}
