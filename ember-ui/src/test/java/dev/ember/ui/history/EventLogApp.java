package dev.ember.ui.history;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.StorageLevel;
import dev.ember.internal.ContextInternals;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.IntStream;

/**
 * An application run in its own process by the history tests: a shuffle, a cached RDD and a failing job, with the
 * event log on. Saves what its live UI's REST API answered for jobs and stages, then stops (or, asked to crash,
 * halts without stopping the context, leaving its log in progress).
 *
 * <p>Arguments: the log directory, {@code finish} or {@code crash}, the file for the live answers, whether to
 * compress, the largest log file.
 */
public final class EventLogApp {
    private EventLogApp() {}

    public static void main(String[] args) throws Exception {
        Path logDir = Path.of(args[0]);
        boolean crash = args[1].equals("crash");
        Path answers = Path.of(args[2]);
        EmberContext ctx = new EmberContext(new EmberConf()
                .setMaster("local[2]")
                .setAppName("logged <b>app</b>")
                .set("ember.ui.port", "0")
                .set("ember.ui.host", "127.0.0.1")
                .set("ember.eventLog.enabled", "true")
                .set("ember.eventLog.dir", logDir.toString())
                .set("ember.eventLog.compress", args[3])
                .set("ember.eventLog.rolling.maxFileSize", args[4])
                .set("ember.test.password", "hunter2"));
        ctx.setLocalProperty("my.access.token", "hunter2");
        ctx.setJobDescription("the shuffle");
        long groups = ctx.parallelize(IntStream.range(0, 5000).boxed().toList(), 4)
                .mapToPair(i -> Pair.of(i % 31, 1))
                .reduceByKey(Integer::sum, 3)
                .count();
        ctx.setJobDescription(null);
        ctx.parallelize(IntStream.range(0, 100).boxed().toList(), 3)
                .persist(StorageLevel.MEMORY_ONLY)
                .count();
        try {
            ctx.parallelize(java.util.List.of(1, 2), 1)
                    .map(i -> {
                        throw new IllegalStateException("boom");
                    })
                    .collect();
        } catch (RuntimeException expected) {
            // The failed job is part of what the log must show.
        }
        dev.ember.sql.EmberSession spark = dev.ember.sql.EmberSession.of(ctx);
        spark.range(0, 200, 1).createOrReplaceTempView("numbers");
        long sqlRows = spark.sql("SELECT id % 7 AS k, count(*) FROM numbers GROUP BY id % 7")
                .collectAsList()
                .size();
        if (groups != 31 || sqlRows != 7 || !ContextInternals.listenerBus(ctx).waitUntilEmpty(Duration.ofSeconds(30))) {
            throw new IllegalStateException("the application did not run as expected");
        }
        String url = ctx.uiWebUrl().orElseThrow() + "/api/v1/applications/" + ctx.applicationId();
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        StringBuilder saved = new StringBuilder();
        for (String path : new String[] {"/jobs", "/stages", "/storage/rdd", "/sql"}) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(url + path))
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            saved.append(response.body().replace('\n', ' ')).append('\n');
        }
        Files.writeString(answers, ctx.applicationId() + "\n" + saved);
        if (crash) {
            Runtime.getRuntime().halt(3);
        }
        ctx.stop();
    }
}
