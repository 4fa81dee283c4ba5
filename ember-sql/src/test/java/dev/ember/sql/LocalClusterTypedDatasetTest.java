package dev.ember.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Typed Datasets on a local cluster of two executor processes. */
class LocalClusterTypedDatasetTest extends TypedDatasetSuite {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("typed-local-cluster")
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
