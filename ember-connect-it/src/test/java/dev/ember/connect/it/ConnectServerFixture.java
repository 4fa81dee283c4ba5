package dev.ember.connect.it;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.connect.ConnectConfig;
import dev.ember.connect.ConnectServer;
import dev.ember.sql.EmberSession;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * An Ember application in this JVM (local mode, two threads) with Connect servers over it on free loopback ports,
 * and real Spark Connect clients that talk to them over gRPC.
 */
final class ConnectServerFixture implements AutoCloseable {
    final EmberContext context;
    final EmberSession session;

    ConnectServerFixture() {
        this.context = new EmberContext(
                new EmberConf().setMaster("local[2]").setAppName("connect-it").set("ember.ui.enabled", "false"));
        this.session = EmberSession.of(context);
    }

    /** A server with the default settings and those of {@code settings}, on a free port. */
    ConnectServer server(Map<String, String> settings) {
        EmberConf conf = new EmberConf(false).set(ConnectConfig.PORT.key(), "0");
        settings.forEach(conf::set);
        return ConnectServer.start(session, conf);
    }

    static SparkSession client(ConnectServer server) {
        return client("sc://127.0.0.1:" + server.port());
    }

    static SparkSession client(String url) {
        return SparkSession.builder().remote(url).create();
    }

    /**
     * {@code spark.createDataFrame(rows, schema)}. Called reflectively: javac resolving the overloads would need the
     * client's RDD placeholder classes, which are not published.
     */
    @SuppressWarnings("unchecked")
    static Dataset<Row> createDataFrame(SparkSession spark, List<Row> rows, StructType schema) {
        try {
            MethodHandle create = MethodHandles.publicLookup()
                    .findVirtual(
                            SparkSession.class,
                            "createDataFrame",
                            MethodType.methodType(
                                    org.apache.spark.sql.connect.Dataset.class, List.class, StructType.class));
            return (Dataset<Row>) create.invoke(spark, rows, schema);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        context.stop();
    }
}
