package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EventCollector;
import dev.ember.events.EmberListenerEvent;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With little execution memory, the operators that hold rows spill: a sort writes sorted runs and merges them, a final
 * aggregation writes the rows of the groups it cannot hold into parts and aggregates them a part at a time, and a
 * shuffled hash join splits both sides into parts and joins them part by part. The rows are what they are in memory,
 * and the tasks report the bytes they spilled.
 */
class SqlSpillTest {
    private static EmberContext context;
    private static EmberSession session;
    private static final EventCollector events = new EventCollector();

    @BeforeAll
    static void start() {
        context = new EmberContext(new EmberConf(false)
                .setMaster("local[2]")
                .setAppName("sql-spill")
                .set("ember.testing.memory", "6m")
                .set("ember.sql.shuffle.partitions", "2")
                .set("ember.sql.autoBroadcastJoinThreshold", "-1"));
        context.addListener(events);
        session = EmberSession.of(context);
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    @Test
    void aSortLargerThanItsMemorySpillsAndStillComesBackInOrder() {
        events.clear(context);
        Dataset<Row> shuffled = session.range(0, 400_000, 1, 2)
                .select(
                        col("id").multiply(7919).mod(400_000).as("k"),
                        functions
                                .concat(functions.lit("row-"), col("id").cast("string"))
                                .as("label"));
        List<Row> sorted = shuffled.orderBy(col("k").desc()).collectAsList();
        assertThat(sorted).hasSize(400_000);
        for (int i = 0; i < sorted.size(); i++) {
            assertThat(sorted.get(i).getLong(0)).isEqualTo(399_999 - i);
        }
        long spilled = events.events(context, EmberListenerEvent.TaskEnd.class).stream()
                .filter(end -> end.metrics() != null)
                .mapToLong(end -> end.metrics().diskBytesSpilled())
                .sum();
        assertThat(spilled).as("bytes spilled by the sort").isPositive();
    }

    @Test
    void aPartialAggregationRefusedMemoryEmitsItsGroupsAndTheFinalOneStillMergesThemRight() {
        Dataset<Row> grouped = session.range(0, 400_000, 1, 2)
                .select(col("id").mod(150_000).as("k"), col("id"))
                .groupBy("k")
                .agg(functions.count("*").as("n"), functions.sum("id").as("total"));
        Row totals = grouped.agg(functions.count("*"), functions.sum("n"), functions.sum("total"), functions.max("n"))
                .first();
        assertThat(totals.getLong(0)).isEqualTo(150_000);
        assertThat(totals.getLong(1)).isEqualTo(400_000);
        assertThat(totals.getLong(2)).isEqualTo(399_999L * 400_000 / 2);
        assertThat(totals.getLong(3)).isEqualTo(3);
    }

    @Test
    void aFinalAggregationRefusedMemorySpillsGroupsIntoPartsAndAggregatesEachWhole() {
        events.clear(context);
        // 200,000 groups of 2 rows each, with a DISTINCT aggregate, which needs every row of a group in one place.
        Dataset<Row> grouped = session.range(0, 400_000, 1, 2)
                .select(col("id").mod(200_000).as("k"), col("id").mod(3).as("m"), col("id"))
                .groupBy("k")
                .agg(
                        functions.count("*").as("n"),
                        functions.sum("id").as("total"),
                        functions.countDistinct(col("m")).as("ms"),
                        functions.max("id").as("top"));
        List<Row> rows = grouped.collectAsList();
        assertThat(rows).hasSize(200_000);
        java.util.Set<Long> keys = new java.util.HashSet<>();
        for (Row row : rows) {
            long k = row.getLong(0);
            assertThat(keys.add(k)).as("key %d appears once", k).isTrue();
            assertThat(row.getLong(1)).as("count of %d", k).isEqualTo(2);
            assertThat(row.getLong(2)).as("sum of %d", k).isEqualTo(2 * k + 200_000);
            long distinctMods = (k % 3) == ((k + 200_000) % 3) ? 1 : 2;
            assertThat(row.getLong(3)).as("distinct m of %d", k).isEqualTo(distinctMods);
            assertThat(row.getLong(4)).as("max of %d", k).isEqualTo(k + 200_000);
        }
        assertThat(spilledBytes()).as("bytes spilled by the aggregation").isPositive();
    }

    @Test
    void aShuffledJoinWhoseBuildSideDoesNotFitJoinsPartByPartWithTheSameRowsForEveryJoinType() {
        Dataset<Row> left = session.range(0, 300_000, 1, 2)
                .select(
                        functions
                                .when(col("id").mod(1000).equalTo(0), functions.lit(null))
                                .otherwise(col("id"))
                                .as("lk"),
                        functions
                                .concat(functions.lit("left-"), col("id").cast("string"))
                                .as("lv"));
        Dataset<Row> right = session.range(100_000, 400_000, 1, 2)
                .select(col("id").as("rk"), col("id").multiply(2).as("rv"));
        events.clear(context);
        Row inner = left.join(right, col("lk").equalTo(col("rk")))
                .agg(functions.count("*"), functions.sum("rv"), functions.sum("lk"))
                .first();
        // Keys 100,000..299,999 match, less the 200 multiples of 1000 made null on the left.
        long matched = 200_000 - 200;
        long sumKeys = (100_000L + 299_999) * 200_000 / 2 - 1000L * (100 + 299) * 200 / 2;
        assertThat(inner.getLong(0)).isEqualTo(matched);
        assertThat(inner.getLong(1)).isEqualTo(2 * sumKeys);
        assertThat(inner.getLong(2)).isEqualTo(sumKeys);
        assertThat(spilledBytes()).as("bytes spilled by the join").isPositive();

        Row full = left.join(right, col("lk").equalTo(col("rk")), "full_outer")
                .agg(
                        functions.count("*"),
                        functions.count("lv"),
                        functions.count("rk"),
                        functions.sum(functions
                                .when(col("lk").isNull().and(col("lv").isNotNull()), 1)
                                .otherwise(0)))
                .first();
        // 300,000 left rows; right rows without a match: 400,000 - 300,000 = 100,000 above, plus the 200 nulled keys.
        assertThat(full.getLong(0)).isEqualTo(300_000 + 100_000 + 200);
        assertThat(full.getLong(1)).isEqualTo(300_000);
        assertThat(full.getLong(2)).isEqualTo(300_000);
        assertThat(full.getLong(3)).as("left rows with a null key, kept").isEqualTo(300);

        assertThat(left.join(right, col("lk").equalTo(col("rk")), "left_semi").count())
                .isEqualTo(matched);
        assertThat(left.join(right, col("lk").equalTo(col("rk")), "left_anti").count())
                .isEqualTo(300_000 - matched);

        // The same join sort-merged: its sorts spill, and it holds one key's rows at a time.
        events.clear(context);
        Row merged = left.join(right.hint("merge"), col("lk").equalTo(col("rk")), "full_outer")
                .agg(functions.count("*"), functions.count("lv"), functions.count("rk"), functions.sum("rv"))
                .first();
        assertThat(merged.getLong(0)).isEqualTo(300_000 + 100_000 + 200);
        assertThat(merged.getLong(1)).isEqualTo(300_000);
        assertThat(merged.getLong(2)).isEqualTo(300_000);
        assertThat(merged.getLong(3)).isEqualTo(2 * ((100_000L + 399_999) * 300_000 / 2));
        assertThat(spilledBytes())
                .as("bytes spilled by the sort-merge join's sorts")
                .isPositive();
    }

    @Test
    void theValuesDistinctAggregatesHaveSeenCountAgainstTheMemoryAndLaterGroupsSpill() {
        // 2,000 groups of 150 distinct values each, coming group after group: the groups alone fit, their values do
        // not.
        events.clear(context);
        List<Row> counts = session.sql("SELECT g, count(DISTINCT v) AS n, sum(v) AS s FROM"
                        + " (SELECT id DIV 150 AS g, id AS v FROM range(300000)) GROUP BY g")
                .collectAsList();
        assertThat(counts).hasSize(2_000);
        assertThat(counts).allSatisfy(row -> assertThat(row.getLong(1)).isEqualTo(150));
        assertThat(counts.stream().mapToLong(row -> row.getLong(2)).sum()).isEqualTo(300_000L * 299_999 / 2);
        assertThat(spilledBytes()).as("bytes spilled by the aggregation").isPositive();
    }

    @Test
    void distinctAggregatesOverTwoHotGroupsDeduplicateInPlainAggregationsThatSpill() {
        // Two groups of 300,000 distinct values each: no group's values are held whole, the (group, value) pairs are.
        events.clear(context);
        Dataset<Row> distinct = session.sql("SELECT g, count(DISTINCT v) AS n, sum(DISTINCT v) AS s FROM"
                + " (SELECT id % 2 AS g, id AS v FROM range(600000)) GROUP BY g ORDER BY g");
        String plan = distinct.explainString(false);
        assertThat(plan.split("HashAggregate\\(", -1)).as(plan).hasSize(5);
        assertThat(plan).contains("functions=[]");
        List<Row> rows = distinct.collectAsList();
        assertThat(rows).extracting(row -> row.getLong(1)).containsExactly(300_000L, 300_000L);
        assertThat(rows).extracting(row -> row.getLong(2)).containsExactly(89_999_700_000L, 90_000_000_000L);
        assertThat(spilledBytes()).as("bytes spilled while deduplicating").isPositive();
        // With another aggregate beside them, DISTINCT aggregates run in one step after an exchange.
        String mixed = session.sql("SELECT g, count(DISTINCT v), max(v) FROM (SELECT id % 2 AS g, id AS v FROM"
                        + " range(10)) GROUP BY g")
                .explainString(false);
        assertThat(mixed).contains("HashAggregate(complete");
    }

    @Test
    void aSortMergeJoinKeyWhoseRightRowsDoNotFitIsPairedFromDiskWithAndWithoutACondition() {
        // 150,000 right rows share key 7 with 20 left rows: more than the memory holds for one key.
        Dataset<Row> left = session.range(0, 20).selectExpr("7L AS lk", "id AS lv");
        Dataset<Row> right =
                session.range(0, 200_000).selectExpr("CASE WHEN id < 150000 THEN 7L ELSE id END AS rk", "id AS rv");
        assertThat(left.join(right.hint("merge"), col("lk").equalTo(col("rk"))).count())
                .isEqualTo(20L * 150_000);
        // rv % 20 > lv: for lv = 0..19, (19 - lv) of the 20 residues, 7,500 rows each.
        Column condition = col("lk").equalTo(col("rk")).and(functions.expr("rv % 20 > lv"));
        assertThat(left.join(right.hint("merge"), condition).count()).isEqualTo(7_500L * 190);
        assertThat(left.join(right.hint("merge"), condition, "right_outer").count())
                .as("pairs, then right rows of residue 0 and of other keys")
                .isEqualTo(7_500L * 190 + 7_500 + 50_000);
    }

    private static long spilledBytes() {
        return events.events(context, EmberListenerEvent.TaskEnd.class).stream()
                .filter(end -> end.metrics() != null)
                .mapToLong(end -> end.metrics().diskBytesSpilled())
                .sum();
    }
}
