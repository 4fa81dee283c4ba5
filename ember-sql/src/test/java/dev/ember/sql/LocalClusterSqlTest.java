package dev.ember.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The SQL conformance suite on a local cluster of two workers, each running an executor process: exchanges, broadcasts
 * and file scans cross process boundaries, and the rows must be those of local mode.
 */
class LocalClusterSqlTest extends SqlConformanceSuite {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("sql-local-cluster")
                .config("ember.sql.shuffle.partitions", "3")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    @Override
    EmberSession session() {
        return session;
    }
}
