package dev.ember.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The SQL conformance suite in local mode. */
class LocalSqlTest extends SqlConformanceSuite {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local[2]")
                .appName("sql-local")
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
