package dev.ember.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.RDD;
import dev.ember.StorageLevel;
import dev.ember.internal.ContextInternals;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The application UI of a context that ran a job with a shuffle, a cached RDD and a failing job: the REST answers
 * checked against what ran, and the pages reached by following their links. Run in local mode and on local-cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApplicationUiSuite {
    static final String HOSTILE = "<script>alert('x')</script>";
    private static final int MAP_PARTITIONS = 4;
    private static final int REDUCE_PARTITIONS = 3;

    private EmberContext ctx;
    private UiClient ui;
    private String app;
    private int cachedRddId;
    /** Held, so the context's cleaner does not unpersist it while the tests look at it. */
    private RDD<Integer> cached;

    abstract String master();

    @BeforeAll
    void runJobs() {
        ctx = new EmberContext(new EmberConf()
                .setMaster(master())
                .setAppName("ui " + HOSTILE)
                .set("ember.ui.port", "0")
                .set("ember.ui.host", "127.0.0.1")
                .set("ember.test.apiToken", "hunter2"));
        String url = ctx.uiWebUrl().orElseThrow();
        assertThat(url).startsWith("http://127.0.0.1:");
        ui = new UiClient(url);
        app = ctx.applicationId();

        ctx.setJobGroup("group-1", "count words " + HOSTILE, false);
        PairRDD<Integer, Integer> pairs = ctx.parallelize(
                        IntStream.range(0, 10_000).boxed().toList(), MAP_PARTITIONS)
                .mapToPair(i -> Pair.of(i % 97, 1));
        assertThat(pairs.reduceByKey(Integer::sum, REDUCE_PARTITIONS).count()).isEqualTo(97);
        ctx.clearJobGroup();

        dev.ember.LongAccumulator seen = ctx.longAccumulator("seen " + HOSTILE);
        cached = ctx.parallelize(IntStream.range(0, 1000).boxed().toList(), 5)
                .map(i -> {
                    seen.add(1);
                    if (i % 200 == 0) {
                        // Each partition's first record leaves a line on its executor process's stderr.
                        System.err.println("partition marker " + i);
                    }
                    return i * 2;
                })
                .setName("doubled " + HOSTILE)
                .persist(StorageLevel.MEMORY_ONLY);
        assertThat(cached.count()).isEqualTo(1000);
        cachedRddId = cached.id();

        assertThatThrownBy(() -> ctx.parallelize(List.of(1, 2, 3), 1)
                        .map(i -> {
                            if (i == 2) {
                                throw new IllegalStateException("bad record " + HOSTILE);
                            }
                            return i;
                        })
                        .collect())
                .hasMessageContaining("bad record");
        assertThat(ContextInternals.listenerBus(ctx).waitUntilEmpty(UiClient.TIMEOUT))
                .isTrue();
    }

    @AfterAll
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    private String api(String path) {
        return "/api/v1/applications/" + app + path;
    }

    @Test
    void theApplicationIsListedWithItsNameAndAttempt() {
        JsonNode apps = ui.json("/api/v1/applications");
        assertThat(apps).hasSize(1);
        assertThat(apps.get(0).get("id").asText()).isEqualTo(app);
        assertThat(apps.get(0).get("name").asText()).isEqualTo("ui " + HOSTILE);
        JsonNode attempt = apps.get(0).get("attempts").get(0);
        assertThat(attempt.get("completed").asBoolean()).isFalse();
        assertThat(attempt.get("startTime").asText()).endsWith("GMT");
        assertThat(attempt.get("sparkUser").asText()).isEqualTo(System.getProperty("user.name"));
    }

    @Test
    void jobsShowWhatRanWithStatusGroupAndTaskCounts() {
        JsonNode jobs = ui.json(api("/jobs"));
        assertThat(jobs).hasSize(3);
        // Newest first: the failed job, the cached count, the shuffle.
        JsonNode shuffle = jobs.get(2);
        assertThat(shuffle.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(shuffle.get("jobGroup").asText()).isEqualTo("group-1");
        assertThat(shuffle.get("description").asText()).isEqualTo("count words " + HOSTILE);
        assertThat(shuffle.get("stageIds")).hasSize(2);
        assertThat(shuffle.get("numTasks").asInt()).isEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS);
        assertThat(shuffle.get("numCompletedTasks").asInt()).isEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS);
        assertThat(shuffle.get("numCompletedStages").asInt()).isEqualTo(2);
        JsonNode failed = jobs.get(0);
        assertThat(failed.get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.get("numFailedTasks").asInt()).isGreaterThanOrEqualTo(1);

        assertThat(ui.json(api("/jobs?status=failed"))).hasSize(1);
        assertThat(ui.json(api("/jobs?status=succeeded"))).hasSize(2);
        JsonNode one = ui.json(api("/jobs/" + shuffle.get("jobId").asInt()));
        assertThat(one.get("name").asText()).isEqualTo(shuffle.get("name").asText());
    }

    @Test
    void stagesCarryShuffleBytesTasksAndQuantiles() {
        JsonNode jobs = ui.json(api("/jobs?status=succeeded"));
        JsonNode shuffleJob = jobs.get(jobs.size() - 1);
        int mapStage = shuffleJob.get("stageIds").get(0).asInt();
        int reduceStage = shuffleJob.get("stageIds").get(1).asInt();
        JsonNode map = ui.json(api("/stages/" + mapStage + "/0"));
        assertThat(map.get("status").asText()).isEqualTo("COMPLETE");
        assertThat(map.get("numTasks").asInt()).isEqualTo(MAP_PARTITIONS);
        assertThat(map.get("numCompleteTasks").asInt()).isEqualTo(MAP_PARTITIONS);
        assertThat(map.get("shuffleWriteBytes").asLong()).isGreaterThan(0);
        assertThat(map.get("shuffleWriteRecords").asLong()).isEqualTo(MAP_PARTITIONS * 97L);
        JsonNode reduce = ui.json(api("/stages/" + reduceStage + "/0"));
        assertThat(reduce.get("shuffleReadBytes").asLong())
                .isEqualTo(map.get("shuffleWriteBytes").asLong());
        assertThat(reduce.get("shuffleReadRecords").asLong()).isEqualTo(MAP_PARTITIONS * 97L);

        JsonNode tasks = ui.json(api("/stages/" + mapStage + "/0/taskList?length=100&sortBy=-runtime"));
        assertThat(tasks).hasSize(MAP_PARTITIONS);
        List<Long> durations = new ArrayList<>();
        tasks.forEach(task -> {
            assertThat(task.get("status").asText()).isEqualTo("SUCCESS");
            assertThat(task.get("taskMetrics")
                            .get("shuffleWriteMetrics")
                            .get("bytesWritten")
                            .asLong())
                    .isGreaterThan(0);
            durations.add(task.get("duration").asLong());
        });
        assertThat(durations).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        JsonNode summary = ui.json(api("/stages/" + mapStage + "/0/taskSummary?quantiles=0,0.5,1"));
        assertThat(summary.get("quantiles")).hasSize(3);
        JsonNode written = summary.get("shuffleWriteMetrics").get("writeRecords");
        assertThat(written.get(0).asDouble()).isLessThanOrEqualTo(written.get(2).asDouble());
        assertThat(written.get(2).asDouble()).isEqualTo(97.0);

        JsonNode detailed = ui.json(api("/stages/" + mapStage + "/0?details=true"));
        assertThat(detailed.get("tasks")).hasSize(MAP_PARTITIONS);
        assertThat(detailed.get("executorSummary").size()).isGreaterThanOrEqualTo(1);
        assertThat(ui.json(api("/stages?status=complete")).size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void theFailedTaskShowsItsError() {
        JsonNode failedStages = ui.json(api("/stages?status=failed"));
        assertThat(failedStages).hasSize(1);
        int stage = failedStages.get(0).get("stageId").asInt();
        JsonNode tasks = ui.json(api("/stages/" + stage + "/0/taskList?status=failed"));
        assertThat(tasks.size()).isGreaterThanOrEqualTo(1);
        assertThat(tasks.get(0).get("errorMessage").asText()).contains("IllegalStateException", "bad record");
        String page = ui.page("/stages/stage/?id=" + stage + "&attempt=0");
        assertThat(page).contains("bad record &lt;script&gt;").doesNotContain(HOSTILE);
    }

    @Test
    void theCachedRddIsInStorageWithEveryPartition() {
        JsonNode rdds = ui.json(api("/storage/rdd"));
        assertThat(rdds).hasSize(1);
        JsonNode rdd = rdds.get(0);
        assertThat(rdd.get("id").asInt()).isEqualTo(cachedRddId);
        assertThat(rdd.get("name").asText()).isEqualTo("doubled " + HOSTILE);
        assertThat(rdd.get("numPartitions").asInt()).isEqualTo(5);
        assertThat(rdd.get("numCachedPartitions").asInt()).isEqualTo(5);
        assertThat(rdd.get("memoryUsed").asLong()).isGreaterThan(0);
        assertThat(rdd.get("storageLevel").asText()).isEqualTo("Memory Deserialized 1x Replicated");
        JsonNode details = ui.json(api("/storage/rdd/" + cachedRddId));
        assertThat(details.get("partitions")).hasSize(5);
        assertThat(details.get("dataDistribution").size()).isGreaterThanOrEqualTo(1);
        String page = ui.page("/storage/");
        assertThat(page).contains("doubled &lt;script&gt;").doesNotContain(HOSTILE);
        assertThat(ui.page("/storage/rdd/?id=" + cachedRddId)).contains("rdd_" + cachedRddId + "_4");
        // The count that cached it updated a named accumulator: its stage lists it with its value.
        JsonNode cachingJob = ui.json(api("/jobs?status=succeeded")).get(0);
        int stage = cachingJob.get("stageIds").get(0).asInt();
        JsonNode accumulators = ui.json(api("/stages/" + stage + "/0")).get("accumulatorUpdates");
        assertThat(accumulators).hasSize(1);
        assertThat(accumulators.get(0).get("name").asText()).isEqualTo("seen " + HOSTILE);
        assertThat(accumulators.get(0).get("value").asText()).isEqualTo("1000");
        assertThat(ui.page("/stages/stage/?id=" + stage + "&attempt=0"))
                .contains("seen &lt;script&gt;")
                .doesNotContain("seen " + HOSTILE);
    }

    @Test
    void executorsAccountForEveryTask() {
        JsonNode executors = ui.json(api("/executors"));
        int completed = 0;
        long shuffleWrite = 0;
        for (JsonNode executor : executors) {
            completed += executor.get("completedTasks").asInt();
            shuffleWrite += executor.get("totalShuffleWrite").asLong();
            assertThat(executor.get("isActive").asBoolean()).isTrue();
        }
        // The shuffle (4 + 3 tasks) and the cached count (5) succeeded; the failed job's tasks did not.
        assertThat(completed).isGreaterThanOrEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS + 5);
        assertThat(shuffleWrite).isGreaterThan(0);
        assertThat(executors.get(0).get("id").asText()).isEqualTo("driver");
        if (master().startsWith("local-cluster")) {
            // Executor processes report their JVMs when they register, before their first task's result.
            int reported = 0;
            for (JsonNode executor : executors) {
                if (!executor.get("id").asText().equals("driver")
                        && executor.get("completedTasks").asInt() > 0) {
                    assertThat(executor.get("peakMemoryMetrics")
                                    .get("JVMHeapMemory")
                                    .asLong())
                            .isPositive();
                    reported++;
                }
            }
            assertThat(reported).isPositive();
            assertThat(ui.get("/metrics/prometheus").body()).contains("ember_executor_jvm_heap_used_bytes{");
            // An executor process answers for its threads and its output, through the driver.
            String remote = null;
            for (JsonNode executor : executors) {
                // One that cached a partition ran that partition's first record.
                if (!executor.get("id").asText().equals("driver")
                        && executor.get("rddBlocks").asInt() > 0) {
                    remote = executor.get("id").asText();
                }
            }
            assertThat(remote).isNotNull();
            JsonNode threads = ui.json(api("/executors/" + remote + "/threads"));
            assertThat(threads.toString()).contains("CoarseGrainedExecutorBackend");
            String page = ui.page("/executors/");
            assertThat(page).contains("/executors/logs/?executorId=" + remote + "&amp;stream=stderr");
            String stderr = ui.page("/executors/logs/?executorId=" + remote + "&stream=stderr");
            assertThat(stderr).contains("partition marker ");
            assertThat(ui.page("/executors/threadDump/?executorId=" + remote)).contains("CoarseGrainedExecutorBackend");
            assertThat(ui.get("/executors/logs/?executorId=" + remote + "&stream=../../etc/passwd")
                            .statusCode())
                    .isEqualTo(404);
            assertThat(ui.get(api("/executors/no-such/threads")).statusCode()).isEqualTo(404);
        } else {
            assertThat(ui.page("/executors/")).doesNotContain("/executors/logs/");
        }
        String page = ui.page("/executors/");
        String table = page.substring(page.indexOf("id=\"executor-table\""));
        String header = table.substring(0, table.indexOf("</thead>"));
        int body = table.indexOf("<tbody><tr>");
        String firstRow = table.substring(body, table.indexOf("</tr>", body));
        assertThat(count(firstRow, "<td")).as("cells under their headers").isEqualTo(count(header, "<th>"));
    }

    @Test
    void theEnvironmentRedactsSecrets() {
        JsonNode env = ui.json(api("/environment"));
        List<String> properties = new ArrayList<>();
        env.get("sparkProperties")
                .forEach(pair ->
                        properties.add(pair.get(0).asText() + "=" + pair.get(1).asText()));
        assertThat(properties).contains("ember.app.name=ui " + HOSTILE, "ember.test.apiToken=*********(redacted)");
        assertThat(env.toString()).doesNotContain("hunter2");
        assertThat(env.get("runtime").get("javaVersion").asText()).isEqualTo(System.getProperty("java.version"));
        assertThat(ui.page("/environment/")).contains("*********(redacted)").doesNotContain("hunter2");
    }

    @Test
    void pagesLinkFromJobToStageToTasks() {
        String jobs = ui.page("/jobs/");
        assertThat(jobs).contains("count words &lt;script&gt;").doesNotContain(HOSTILE);
        assertThat(jobs).contains("id=\"timeline\"");
        JsonNode shuffle = ui.json(api("/jobs?status=succeeded")).get(1);
        String jobLink = "/jobs/job/?id=" + shuffle.get("jobId").asInt();
        assertThat(jobs).contains(jobLink);
        String job = ui.page(jobLink);
        assertThat(count(job, "<g class=\"stage ")).isEqualTo(2);
        assertThat(count(job, "<path class=\"edge\"")).isEqualTo(1);
        Matcher stageLink = Pattern.compile("href=\"(/stages/stage/\\?id=\\d+&amp;attempt=0)\"")
                .matcher(job);
        assertThat(stageLink.find()).isTrue();
        String stage = ui.page(stageLink.group(1).replace("&amp;", "&"));
        assertThat(stage).contains("id=\"task-table\"", "id=\"task-quantiles\"", "id=\"stage-dag\"");
        assertThat(count(stage, "<tr class=\"task success\">")).isEqualTo(MAP_PARTITIONS);
        assertThat(ui.page("/stages/")).contains("Completed Stages");
    }

    @Test
    void unknownIdsAnswer404WithAJsonError() {
        for (String path : List.of(
                "/api/v1/applications/no-such-app",
                api("/jobs/9999"),
                api("/stages/9999"),
                api("/stages/0/7"),
                api("/storage/rdd/9999"),
                api("/nothing"))) {
            HttpResponse<String> response = ui.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(UiClient.parse(response.body()).get("error").asText()).isNotEmpty();
        }
        HttpResponse<String> badStatus = ui.get(api("/jobs?status=sideways"));
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("status must be one of");
        assertThat(ui.get("/jobs/job/?id=9999").statusCode()).isEqualTo(404);
        assertThat(ui.get("/jobs/job/?id=abc").statusCode()).isEqualTo(400);
        assertThat(ui.get("/no/such/page").statusCode()).isEqualTo(404);
        // And it still serves.
        assertThat(ui.json("/api/v1/applications")).hasSize(1);
    }

    @Test
    void aPageRefreshesItsContentInPlace() {
        String fragment = ui.get("/jobs/?fragment=1").body();
        assertThat(fragment).doesNotContain("<html").contains("data-live=\"true\"", "Completed Jobs");
        String script = ui.get("/static/ember-ui.js").body();
        assertThat(script).contains("fragment");
        assertThat(ui.get("/static/ember-ui.css").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsAreServedAsPrometheusTextAndThroughJmx() throws Exception {
        HttpResponse<String> response = ui.get("/metrics/prometheus");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        String text = response.body();
        Pattern line =
                Pattern.compile("[a-z_]+(\\{[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\"(,[a-z_]+=\"(?:[^\"\\\\]|\\\\.)*\")*\\})?"
                        + " -?[0-9.eE+-]+");
        for (String row : text.split("\n")) {
            if (!row.startsWith("#")) {
                assertThat(row).matches(line);
            }
        }
        String app = "app_id=\"" + this.app + "\"";
        assertThat(text)
                .contains("# TYPE ember_jobs_total counter")
                .contains("ember_jobs_total{" + app + ",status=\"succeeded\"} 2")
                .contains("ember_jobs_total{" + app + ",status=\"failed\"} 1")
                .contains("ember_driver_jvm_heap_used_bytes{" + app + "}")
                .contains("ember_listener_bus_dropped_events_total{" + app + "} 0");
        long completed = 0;
        Matcher tasks = Pattern.compile("ember_executor_tasks_completed_total\\{[^}]*} (\\d+)")
                .matcher(text);
        while (tasks.find()) {
            completed += Long.parseLong(tasks.group(1));
        }
        assertThat(completed).isGreaterThanOrEqualTo(MAP_PARTITIONS + REDUCE_PARTITIONS + 5);
        for (String executor : executorIds()) {
            assertThat(text).contains("ember_executor_cores{" + app + ",executor_id=\"" + executor + "\"}");
        }

        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        List<Double> succeeded = new ArrayList<>();
        for (javax.management.ObjectName name :
                jmx.queryNames(new javax.management.ObjectName("dev.ember:type=Application,*"), null)) {
            try {
                succeeded.add((Double) jmx.getAttribute(name, "ember_jobs_total.status=succeeded"));
            } catch (javax.management.AttributeNotFoundException e) {
                // another context's bean with no jobs yet
            }
        }
        assertThat(succeeded).contains(2.0);
    }

    private List<String> executorIds() {
        List<String> ids = new ArrayList<>();
        ui.json(api("/executors"))
                .forEach(executor -> ids.add(executor.get("id").asText()));
        return ids;
    }

    static int count(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }
}
