package dev.ember.sql;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Typed Datasets in local mode. */
class LocalTypedDatasetTest extends TypedDatasetSuite {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local[2]")
                .appName("typed-local")
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
