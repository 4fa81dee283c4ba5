package dev.ember.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.EmberConf;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event logs written by other processes (an application that stops, one that crashes), read by the history server:
 * the same jobs, stages and cached RDDs its live UI showed; a crashed driver's log marked incomplete; a damaged
 * line skipped and reported while the rest loads; old logs deleted.
 */
class HistoryServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path logs;

    @TempDir
    Path work;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    /** Runs {@link EventLogApp} in a new JVM; its app id and the live answers it saved. */
    private List<String> runApp(String mode, boolean compress, String maxFileSize) throws Exception {
        Path answers = work.resolve("answers-" + mode + "-" + System.nanoTime());
        Process process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        "-Xmx512m",
                        EventLogApp.class.getName(),
                        logs.toString(),
                        mode,
                        answers.toString(),
                        Boolean.toString(compress),
                        maxFileSize)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("app-" + mode + ".log").toFile())
                .start();
        assertThat(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS))
                .as("the application finished")
                .isTrue();
        assertThat(process.exitValue())
                .as(Files.readString(work.resolve("app-" + mode + ".log")))
                .isEqualTo(mode.equals("crash") ? 3 : 0);
        return Files.readAllLines(answers);
    }

    private HistoryServer history(EmberConf conf) {
        return HistoryServer.start(conf.set("ember.history.fs.update.interval", "1h"), logs, "127.0.0.1", 0);
    }

    private HttpResponse<String> get(HistoryServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path))
                        .timeout(Duration.ofSeconds(30))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(HistoryServer server, String path) throws Exception {
        HttpResponse<String> response = get(server, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** {@code answer} without what differs between a live view and a replay: times still running, durations. */
    private static JsonNode stable(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        for (JsonNode item : copy) {
            ((ObjectNode) item).remove(List.of("dataDistribution", "partitions"));
        }
        return copy;
    }

    @Test
    void aFinishedApplicationShowsWhatItsLiveUiShowed() throws Exception {
        List<String> live = runApp("finish", true, "128m");
        String appId = live.get(0);
        try (HistoryServer server = history(new EmberConf(false))) {
            JsonNode apps = json(server, "/api/v1/applications");
            assertThat(apps).hasSize(1);
            assertThat(apps.get(0).get("id").asText()).isEqualTo(appId);
            assertThat(apps.get(0).get("attempts").get(0).get("completed").asBoolean())
                    .isTrue();
            String api = "/api/v1/applications/" + appId;
            assertThat(json(server, api + "/jobs")).isEqualTo(JSON.readTree(live.get(1)));
            assertThat(json(server, api + "/stages")).isEqualTo(JSON.readTree(live.get(2)));
            assertThat(stable(json(server, api + "/storage/rdd"))).isEqualTo(stable(JSON.readTree(live.get(3))));
            JsonNode sql = json(server, api + "/sql");
            assertThat(sql).isEqualTo(JSON.readTree(live.get(4)));
            // The adaptive plan's root (node 0) above the final aggregation, which made the seven groups; the
            // graph is the final plan's, replayed from the log.
            assertThat(sql.get(0).get("nodes").get(0).get("nodeName").asText()).isEqualTo("AdaptivePlan");
            assertThat(sql.get(0)
                            .get("nodes")
                            .get(1)
                            .get("metrics")
                            .get(0)
                            .get("raw")
                            .asLong())
                    .isEqualTo(7);

            JsonNode env = json(server, api + "/environment");
            assertThat(env.toString()).doesNotContain("hunter2").contains("*********(redacted)");
            HttpResponse<String> index = get(server, "/");
            assertThat(index.body())
                    .contains("logged &lt;b&gt;app&lt;/b&gt;", "/history/" + appId + "/jobs/")
                    .doesNotContain("<b>app</b>");
            HttpResponse<String> jobs = get(server, "/history/" + appId + "/jobs/");
            assertThat(jobs.statusCode()).isEqualTo(200);
            assertThat(jobs.body()).contains("the shuffle", "data-live=\"false\"");
            int shuffleJob = 0;
            String job = get(server, "/history/" + appId + "/jobs/job/?id=" + shuffleJob)
                    .body();
            assertThat(job).contains("<g class=\"stage complete\"", "href=\"/history/" + appId + "/stages/stage/");
            assertThat(get(server, "/history/no-such-app/jobs/").statusCode()).isEqualTo(404);
            assertThat(get(server, "/api/v1/applications/no-such-app/jobs").statusCode())
                    .isEqualTo(404);
        }
        // No secret reached the log: settings, system properties and jobs' local properties are redacted.
        for (Path file : EventLogReader.eventFiles(onlyLogDirectory())) {
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
                String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(text).contains("my.access.token").doesNotContain("hunter2");
            }
        }
        // Its directory holds the finished marker and one compressed file.
        try (Stream<Path> files = Files.list(onlyLogDirectory())) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted().toList())
                    .containsExactly("appstatus_" + appId, "events_1_" + appId + ".jsonl.gz");
        }
    }

    @Test
    void aCrashedDriversLogOpensAsIncompleteAndRolledFilesReadInOrder() throws Exception {
        List<String> live = runApp("crash", false, "4k");
        String appId = live.get(0);
        List<Path> files = EventLogReader.eventFiles(onlyLogDirectory());
        assertThat(files.size()).as("rolled by size").isGreaterThan(2);
        try (HistoryServer server = history(new EmberConf(false))) {
            JsonNode app = json(server, "/api/v1/applications/" + appId);
            assertThat(app.get("attempts").get(0).get("completed").asBoolean()).isFalse();
            JsonNode jobs = json(server, "/api/v1/applications/" + appId + "/jobs");
            // Everything up to the last job's end was flushed before the crash.
            assertThat(jobs).isEqualTo(JSON.readTree(live.get(1)));
            assertThat(get(server, "/").body()).contains("Incomplete applications (1)");
        }
    }

    @Test
    void aDamagedLineIsSkippedAndReportedAndTheRestLoads() throws Exception {
        List<String> live = runApp("finish", false, "128m");
        String appId = live.get(0);
        Path file = EventLogReader.eventFiles(onlyLogDirectory()).get(0);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int damaged = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"Event\":\"TaskStart\"")) {
                damaged = i;
                break;
            }
        }
        assertThat(damaged).isPositive();
        lines.set(damaged, lines.get(damaged).substring(0, lines.get(damaged).length() / 2));
        assertThat(damaged).isGreaterThan(3);
        lines.add(3, "{\"Event\":\"TaskEnd\",\"stageId\":\"not a number\"}");
        String damagedLine = "line " + (damaged + 2);
        Files.write(file, lines);
        try (HistoryServer server = history(new EmberConf(false))) {
            HistoryServer.Entry entry = server.entry(appId).orElseThrow();
            assertThat(entry.replay().skipped()).isEqualTo(2);
            assertThat(entry.replay().problems()).anySatisfy(p -> assertThat(p).contains(damagedLine));
            JsonNode jobs = json(server, "/api/v1/applications/" + appId + "/jobs");
            assertThat(jobs).isEqualTo(JSON.readTree(live.get(1)));
            assertThat(get(server, "/").body()).contains("2 unreadable line(s) skipped");
        }
    }

    @Test
    void theCleanerDeletesOldLogsAndTheServerKeepsServing() throws Exception {
        runApp("finish", true, "128m");
        Path dir = onlyLogDirectory();
        FileTime old = FileTime.from(Instant.now().minus(Duration.ofDays(30)));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.setLastModifiedTime(file, old);
            }
        }
        Files.setLastModifiedTime(dir, old);
        try (HistoryServer server = history(new EmberConf(false).set("ember.history.fs.cleaner.maxAge", "7d"))) {
            assertThat(Files.exists(dir)).isFalse();
            ArrayNode apps = (ArrayNode) json(server, "/api/v1/applications");
            assertThat(apps).isEmpty();
        }
    }

    private Path onlyLogDirectory() throws IOException {
        try (Stream<Path> dirs = Files.list(logs)) {
            List<Path> all = dirs.toList();
            assertThat(all).hasSize(1);
            assertThat(all.get(0).getFileName().toString()).startsWith("eventlog_v2_");
            return all.get(0);
        }
    }
}
