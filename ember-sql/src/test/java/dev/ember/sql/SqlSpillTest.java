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
 * With little execution memory, a sort holds what it can, spills sorted runs to disk, and merges them: the rows come
 * back in order, and the tasks report the bytes they spilled.
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
                .set("ember.sql.shuffle.partitions", "2"));
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
}
