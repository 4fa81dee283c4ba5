package dev.ember.connect.it;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.connect.ConnectServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Sessions as clients see them: isolated state, their own settings, interrupting, and resuming cut streams. */
class SessionsTest {
    private static ConnectServerFixture fixture;
    private static ConnectServer server;

    @BeforeAll
    static void start() {
        fixture = new ConnectServerFixture();
        server = fixture.server(Map.of());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void twoSessionsKeepTheirViewsAndSettingsApart() {
        try (SparkSession first = ConnectServerFixture.client(server);
                SparkSession second = ConnectServerFixture.client(server)) {
            first.range(3).createOrReplaceTempView("mine");
            second.range(7).createOrReplaceTempView("other");
            assertThat(first.table("mine").count()).isEqualTo(3L);
            assertThat(second.table("other").count()).isEqualTo(7L);
            assertThatThrownBy(() -> second.table("mine").count()).hasMessageContaining("mine");
            assertThatThrownBy(() -> first.table("other").count()).hasMessageContaining("other");

            first.conf().set("spark.sql.shuffle.partitions", "3");
            assertThat(first.conf().get("spark.sql.shuffle.partitions")).isEqualTo("3");
            assertThat(second.conf().get("spark.sql.shuffle.partitions")).isNotEqualTo("3");
            assertThat(first.conf().get("spark.sql.session.timeZone")).isNotEmpty();
            first.conf().set("spark.sql.session.timeZone", "Asia/Tokyo");
            assertThat(first.sql("SELECT CAST(TIMESTAMP '2024-01-01 00:00:00' AS STRING)")
                            .first()
                            .getString(0))
                    .isEqualTo("2024-01-01 00:00:00");
            assertThat(first.conf().get("spark.sql.session.timeZone")).isEqualTo("Asia/Tokyo");
            assertThat(second.conf().get("spark.sql.session.timeZone")).isNotEqualTo("Asia/Tokyo");
        }
    }

    @Test
    void interruptAllStopsARunningQuery() throws Exception {
        try (SparkSession spark = ConnectServerFixture.client(server)) {
            // Billions of rows: it runs until interrupted.
            CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> spark.range(0, 200_000)
                    .crossJoin(spark.range(0, 200_000).withColumnRenamed("id", "j"))
                    .filter(col("id").plus(col("j")).equalTo(-1))
                    .count());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> interrupted = List.of();
            while (interrupted.isEmpty() && System.nanoTime() < deadline && !running.isDone()) {
                interrupted = scala.jdk.javaapi.CollectionConverters.asJava(spark.interruptAll());
            }
            assertThat(interrupted).as("operations interrupted").hasSize(1);
            assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("OPERATION_CANCELED");
            // The session goes on.
            assertThat(spark.range(5).count()).isEqualTo(5L);
        }
    }

    @Test
    void interruptByTagStopsOnlyTaggedOperations() throws Exception {
        try (SparkSession spark = ConnectServerFixture.client(server)) {
            CompletableFuture<Long> tagged = CompletableFuture.supplyAsync(() -> {
                spark.addTag("slow");
                try {
                    return spark.range(0, 200_000)
                            .crossJoin(spark.range(0, 200_000).withColumnRenamed("id", "j"))
                            .filter(col("id").plus(col("j")).equalTo(-1))
                            .count();
                } finally {
                    spark.removeTag("slow");
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<String> interrupted = List.of();
            while (interrupted.isEmpty() && System.nanoTime() < deadline && !tagged.isDone()) {
                interrupted = scala.jdk.javaapi.CollectionConverters.asJava(spark.interruptTag("slow"));
            }
            assertThat(interrupted).hasSize(1);
            assertThatThrownBy(() -> tagged.get(60, TimeUnit.SECONDS)).hasMessageContaining("OPERATION_CANCELED");
            assertThat(spark.range(4).count()).isEqualTo(4L);
        }
    }

    @Test
    void aStreamEndedEarlyIsResumedAndEveryRowArrivesOnce() {
        // Each stream ends after two responses and batches hold about a thousand rows: the client reattaches
        // dozens of times for one result.
        try (ConnectServer short_ = fixture.server(Map.of(
                        "ember.connect.execute.reattachable.senderMaxStreamResponses", "2",
                        "ember.connect.grpc.arrow.maxBatchSize", "8k"));
                SparkSession spark = ConnectServerFixture.client(short_)) {
            List<Row> rows = spark.range(0, 50_000).toDF().collectAsList();
            assertThat(rows).hasSize(50_000);
            long[] ids = rows.stream().mapToLong(row -> row.getLong(0)).sorted().toArray();
            for (int i = 0; i < ids.length; i++) {
                assertThat(ids[i]).isEqualTo(i);
            }
        }
    }

    @Test
    void aStreamCutByTheNetworkIsResumedAndEveryRowArrivesOnce() throws Exception {
        try (ConnectServer small = fixture.server(Map.of("ember.connect.grpc.arrow.maxBatchSize", "16k"));
                CuttingProxy proxy = new CuttingProxy(small.port(), 256 * 1024);
                SparkSession spark = ConnectServerFixture.client("sc://127.0.0.1:" + proxy.port())) {
            assertThat(spark.range(3).count()).isEqualTo(3L);
            proxy.cutAfterNextBytes(200_000);
            List<Row> rows = spark.range(0, 200_000).toDF().collectAsList();
            assertThat(proxy.cuts()).as("connections cut").isGreaterThanOrEqualTo(1);
            assertThat(rows).hasSize(200_000);
            long[] ids = rows.stream().mapToLong(row -> row.getLong(0)).sorted().toArray();
            for (int i = 0; i < ids.length; i++) {
                assertThat(ids[i]).isEqualTo(i);
            }
        }
    }

    @Test
    void aResultLargerThanTheServersBufferArrivesWhileTheQueryWaitsForTheClient() {
        // The server holds at most a few kilobytes the client has not released: each next slice of partitions waits
        // for the client to catch up, and every row still arrives once, in order.
        try (ConnectServer tight = fixture.server(Map.of(
                        "ember.connect.execute.maxBufferedBytes", "1k",
                        "ember.connect.grpc.arrow.maxBatchSize", "8k"));
                SparkSession spark = ConnectServerFixture.client(tight)) {
            List<Row> rows = spark.range(0, 300_000, 1, 6).toDF().collectAsList();
            assertThat(rows).hasSize(300_000);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).getLong(0)).isEqualTo(i);
            }
        }
    }

    @Test
    void sparksClientTakesProgressReportsInItsStride() throws Exception {
        // Reports every 10 ms: a query of many stages and tasks gets several, between its schema and its rows.
        try (ConnectServer reporting = fixture.server(Map.of("ember.connect.progress.reportInterval", "10ms"));
                SparkSession spark = ConnectServerFixture.client(reporting)) {
            assertThat(progressReports(
                            reporting, "SELECT id % 7 AS k, count(*) FROM range(0, 4000000, 1, 16) GROUP BY 1"))
                    .as("progress reports the server sent for such a query")
                    .isPositive();
            List<Row> rows = spark.range(0, 400_000, 1, 16)
                    .groupBy(col("id").mod(7).as("k"))
                    .count()
                    .orderBy("k")
                    .collectAsList();
            assertThat(rows).hasSize(7);
            assertThat(rows.stream().mapToLong(row -> row.getLong(1)).sum()).isEqualTo(400_000L);
        }
    }

    /** The ExecutionProgress responses of {@code sql} run over raw gRPC. */
    private static long progressReports(ConnectServer target, String sql) throws InterruptedException {
        io.grpc.ManagedChannel channel = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder.forAddress(
                        "127.0.0.1", target.port())
                .usePlaintext()
                .build();
        try {
            var request = dev.ember.connect.proto.ExecutePlanRequest.newBuilder()
                    .setSessionId(java.util.UUID.randomUUID().toString())
                    .setUserContext(
                            dev.ember.connect.proto.UserContext.newBuilder().setUserId("watcher"))
                    .setPlan(dev.ember.connect.proto.Plan.newBuilder()
                            .setRoot(dev.ember.connect.proto.Relation.newBuilder()
                                    .setSql(dev.ember
                                            .connect
                                            .proto
                                            .SQL
                                            .newBuilder()
                                            .setQuery(sql))))
                    .build();
            long reports = 0;
            var responses = dev.ember.connect.proto.SparkConnectServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(60, TimeUnit.SECONDS)
                    .executePlan(request);
            while (responses.hasNext()) {
                if (responses.next().hasExecutionProgress()) {
                    reports++;
                }
            }
            return reports;
        } finally {
            channel.shutdownNow();
            channel.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void releasedSessionsAreGoneFromTheServer() throws Exception {
        int before = server.sessionCount();
        SparkSession spark = ConnectServerFixture.client(server);
        assertThat(spark.range(1).count()).isEqualTo(1L);
        assertThat(server.sessionCount()).isEqualTo(before + 1);
        // Closing the client releases its session before close returns.
        spark.close();
        assertThat(server.sessionCount()).isEqualTo(before);
    }
}
