package dev.ember.connect.it;

import dev.ember.connect.ConnectServer;
import java.util.Map;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A server with its default settings and one Spark client of it, for the tests of a class. */
abstract class OneClientTestBase {
    static ConnectServerFixture fixture;
    static ConnectServer server;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        fixture = new ConnectServerFixture();
        server = fixture.server(Map.of());
        spark = ConnectServerFixture.client(server);
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.close();
        }
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }
}
