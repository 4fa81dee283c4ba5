package dev.ember.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.internal.ContextInternals;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The SQL tab and {@code /sql} of a context that ran a grouping query and a failing one: each execution with its SQL
 * text, jobs and plan graph, and per-node row counts that match what the query did. Local mode and local-cluster.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SqlTabSuite {
    static final String QUERY = "SELECT id % 10 AS k, count(*) AS c FROM numbers WHERE id < 500 GROUP BY id % 10"
            + " ORDER BY k /* <b>grouped</b> */";
    static final String FAILING = "SELECT raise_error('no <b>way</b>') FROM numbers";

    private EmberContext ctx;
    private UiClient ui;
    private String app;

    abstract String master();

    @BeforeAll
    void runQueries() {
        ctx = new EmberContext(new EmberConf()
                .setMaster(master())
                .setAppName("sql ui")
                .set("ember.ui.port", "0")
                .set("ember.ui.host", "127.0.0.1"));
        ui = new UiClient(ctx.uiWebUrl().orElseThrow());
        app = ctx.applicationId();
        EmberSession spark = EmberSession.of(ctx);
        spark.range(0, 1000, 1).createOrReplaceTempView("numbers");
        List<Row> rows = spark.sql(QUERY).collectAsList();
        assertThat(rows).hasSize(10);
        assertThat(rows.get(3).getLong(1)).isEqualTo(50);
        assertThatThrownBy(() -> spark.sql(FAILING).collectAsList()).hasMessageContaining("no <b>way</b>");
        var small = spark.sql("SELECT id FROM numbers WHERE id < 100");
        small.cache();
        assertThat(small.count()).isEqualTo(100);
        spark.sql("CACHE TABLE tens AS SELECT id FROM numbers WHERE id % 10 = 0");
        assertThat(ContextInternals.listenerBus(ctx).waitUntilEmpty(UiClient.TIMEOUT))
                .isTrue();
    }

    @AfterAll
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    private JsonNode execution(String sql) {
        for (JsonNode execution : ui.json("/api/v1/applications/" + app + "/sql")) {
            if (execution.get("description").asText().equals(sql)) {
                return execution;
            }
        }
        throw new AssertionError("No execution of " + sql);
    }

    private static JsonNode metric(JsonNode node, String name) {
        for (JsonNode metric : node.get("metrics")) {
            if (metric.get("name").asText().equals(name)) {
                return metric;
            }
        }
        throw new AssertionError("No metric " + name + " in " + node);
    }

    @Test
    void aQueryShowsItsJobsPlanAndWhatEachNodeProduced() {
        JsonNode execution = execution(QUERY);
        assertThat(execution.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(execution.get("successJobIds").size()).isPositive();
        assertThat(execution.get("failedJobIds")).isEmpty();
        // Adaptive execution ran the query stage by stage: the UI shows the final plan above the initial one.
        assertThat(execution.get("planDescription").asText())
                .contains("== Physical Plan ==", "AdaptivePlan isFinalPlan=true", "== Final Plan ==")
                .contains("== Initial Plan ==", "Exchange rangepartitioning");
        JsonNode nodes = execution.get("nodes");
        assertThat(execution.get("edges")).hasSize(nodes.size() - 1);
        assertThat(nodes.get(0).get("nodeName").asText()).isEqualTo("AdaptivePlan");
        assertThat(nodes.get(0).get("metrics")).isEmpty();
        // The sort produced the ten groups; the filter kept 500 of the 1000 numbers the range made.
        // The ORDER BY's range exchange samples its input in a job of its own: that pass is not counted, so the
        // sort, the stage it reads and the final aggregation below it each produced the ten groups once.
        assertThat(nodes.get(2).get("nodeName").asText()).isEqualTo("QueryStage");
        assertThat(nodes.get(2).get("description").asText()).contains("Exchange rangepartitioning");
        for (int node = 1; node < 4; node++) {
            assertThat(metric(nodes.get(node), "number of output rows")
                            .get("raw")
                            .asLong())
                    .as(nodes.get(node).get("nodeName").asText())
                    .isEqualTo(10);
        }
        List<Long> filtered = new ArrayList<>();
        List<Long> ranged = new ArrayList<>();
        for (JsonNode node : nodes) {
            if (node.get("nodeName").asText().equals("AdaptivePlan")) {
                continue;
            }
            long rows = metric(node, "number of output rows").get("raw").asLong();
            if (node.get("nodeName").asText().equals("Filter")) {
                filtered.add(rows);
            } else if (node.get("nodeName").asText().equals("Range")) {
                ranged.add(rows);
            }
            assertThat(metric(node, "time").get("value").asText()).endsWith(" ms");
        }
        assertThat(filtered).containsExactly(500L);
        assertThat(ranged).containsExactly(1000L);
        for (JsonNode job : execution.get("successJobIds")) {
            assertThat(ui.json("/api/v1/applications/" + app + "/jobs/" + job.asInt())
                            .get("status")
                            .asText())
                    .isEqualTo("SUCCEEDED");
        }
    }

    @Test
    void aCachedTableIsInStorage() {
        JsonNode rdds = ui.json("/api/v1/applications/" + app + "/storage/rdd");
        assertThat(rdds).hasSize(2);
        List<String> names = new java.util.ArrayList<>();
        for (JsonNode rdd : rdds) {
            names.add(rdd.get("name").asText());
            assertThat(rdd.get("numCachedPartitions").asInt())
                    .isEqualTo(rdd.get("numPartitions").asInt());
        }
        // A Dataset's cache is named after its plan; CACHE TABLE's after the table, as Spark names it.
        assertThat(names).anyMatch(name -> name.startsWith("cached ")).contains("In-memory table tens");
        assertThat(ui.page("/storage/")).contains("cached ", "In-memory table tens");
    }

    @Test
    void aFailedQueryShowsItsError() {
        JsonNode execution = execution(FAILING);
        assertThat(execution.get("status").asText()).isEqualTo("FAILED");
        assertThat(execution.get("errorMessage").asText()).contains("no <b>way</b>");
        assertThat(execution.get("failedJobIds").size()).isPositive();
    }

    @Test
    void theSqlPagesListAndDrawTheQueries() {
        String list = ui.page("/SQL/");
        assertThat(list).contains("/* &lt;b&gt;grouped&lt;/b&gt; */").doesNotContain("<b>grouped</b>");
        JsonNode execution = execution(QUERY);
        String page = ui.page("/SQL/execution/?id=" + execution.get("id").asLong());
        assertThat(ApplicationUiSuite.count(page, "<g class=\"node "))
                .isEqualTo(execution.get("nodes").size());
        assertThat(ApplicationUiSuite.count(page, "<path class=\"edge\""))
                .isEqualTo(execution.get("edges").size());
        assertThat(page).contains("number of output rows: 500", "== Physical Plan ==");
        HttpResponse<String> missing = ui.get("/SQL/execution/?id=9999");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(ui.get("/api/v1/applications/" + app + "/sql/9999").statusCode())
                .isEqualTo(404);
        assertThat(ui.get("/api/v1/applications/" + app + "/sql/abc").statusCode())
                .isEqualTo(404);
    }
}
