package dev.ember.connect.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.connect.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ember connect} as its users start it: the launcher in a process of its own, on a local cluster of two
 * executor processes, with its UI; the Spark client's queries and the Ember client's RDD jobs run across processes,
 * and the UI's SQL tab shows the queries with their session.
 */
class LauncherLocalClusterTest {
    private static final Pattern STARTED =
            Pattern.compile("Spark Connect server at sc://([0-9.]+):(\\d+) \\(application UI: (\\S+)\\)");

    @Test
    void theLauncherServesClientsFromALocalCluster(@TempDir Path dir) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g",
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED",
                "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "dev.ember.cli.EmberLauncher",
                "connect",
                "--port",
                "0",
                "--master",
                "local-cluster[2,1,1024]",
                "--conf",
                "ember.ui.port=0"));
        Path log = dir.resolve("connect.log");
        Process server = new ProcessBuilder(command)
                .redirectErrorStream(false)
                .redirectError(log.toFile())
                .start();
        try {
            Matcher started = awaitStart(server);
            String url = "sc://" + started.group(1) + ":" + started.group(2);
            String ui = started.group(3);
            try (SparkSession spark = ConnectServerFixture.client(url)) {
                List<Row> groups = spark.range(1000)
                        .groupBy(col("id").mod(10).as("k"))
                        .agg(count(lit(1)).as("n"))
                        .orderBy("k")
                        .collectAsList();
                assertThat(groups).hasSize(10).allMatch(row -> row.getLong(1) == 100L);
                StructType schema =
                        new StructType().add("k", DataTypes.LongType).add("name", DataTypes.StringType);
                Dataset<Row> names = ConnectServerFixture.createDataFrame(
                        spark, List.of(RowFactory.create(3L, "three"), RowFactory.create(7L, "seven")), schema);
                List<Row> joined =
                        spark.range(10).toDF("k").join(names, "k").orderBy("k").collectAsList();
                assertThat(joined).extracting(row -> row.getString(1)).containsExactly("three", "seven");
                assertThat(spark.sql("SELECT count(*) FROM range(5000) WHERE id % 7 = 0")
                                .first()
                                .getLong(0))
                        .isEqualTo(715L);

                // A Java UDF from a jar the client uploads: the executor processes load it through the session's scope.
                spark.addArtifact(GeneratedJobs.jar(dir.resolve("udf"), "Repeat", JavaUdfTest.SOURCE)
                        .toString());
                spark.udf().registerJava("repeat_it", "gen.Repeat", DataTypes.StringType);
                assertThat(spark.range(0, 6, 1, 3)
                                .selectExpr("repeat_it('z', cast(id AS int)) AS s")
                                .collectAsList())
                        .extracting(row -> row.getString(0))
                        .containsExactly("", "z", "zz", "zzz", "zzzz", "zzzzz");

                // Ember's own client: an RDD job of a class compiled just now, which only the session's jar brings to
                // the executor processes, with a shuffle of the client's own key class between them.
                try (java.net.URLClassLoader generated = GeneratedJobs.compile(dir.resolve("gen"), "cluster");
                        dev.ember.connect.client.EmberConnect ember =
                                dev.ember.connect.client.EmberConnect.connect(url)) {
                    assertThat(GeneratedJobs.run(generated, ember, List.of("x y", "y z z", "z")))
                            .containsExactly("x=1@cluster", "y=2@cluster", "z=3@cluster");
                    assertThat(ember.range(0, 100_000, 1, 4).map(x -> x % 7).reduce(Long::sum))
                            .isEqualTo(java.util.stream.LongStream.range(0, 100_000)
                                    .map(x -> x % 7)
                                    .sum());
                }

                String executions = sqlExecutions(ui);
                assertThat(executions)
                        .contains("Connect session " + spark.sessionId())
                        .contains("SELECT count(*) FROM range(5000)");
            }
        } finally {
            server.destroy();
            if (!server.waitFor(60, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        assertThat(server.exitValue()).as(Files.readString(log)).isIn(0, 143);
    }

    /** The launcher's first line names the server's address and UI; waits for it at most two minutes. */
    private static Matcher awaitStart(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Matcher> first = CompletableFuture.supplyAsync(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher matcher = STARTED.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
                throw new IllegalStateException("The launcher ended without starting the server");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return first.get(120, TimeUnit.SECONDS);
    }

    /** The UI's SQL executions of its one application, as its REST API lists them. */
    private static String sqlExecutions(String ui) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String apps = get(http, ui + "/api/v1/applications");
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(apps);
        assertThat(id.find()).as(apps).isTrue();
        return get(http, ui + "/api/v1/applications/" + id.group(1) + "/sql");
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
