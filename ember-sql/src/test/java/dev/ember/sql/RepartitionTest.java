package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code repartition}, {@code repartitionByRange} and {@code coalesce}: exactly the partitions asked for (adaptive
 * execution, on here, never changes the count), rows spread as promised, and the number of files a write makes.
 */
class RepartitionTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local[2]")
                .appName("repartition")
                .config("ember.sql.shuffle.partitions", "5")
                .config("ember.sql.adaptive.enabled", "true")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    /** The rows of each partition, in partition order. */
    private static List<List<Row>> partitions(Dataset<Row> dataset) {
        List<List<Row>> partitions = new ArrayList<>();
        dataset.rdd().glom().collect().forEach(partitions::add);
        return partitions;
    }

    @Test
    void repartitionDealsRowsEvenlyOverExactlyThatManyPartitions() {
        List<List<Row>> parts = partitions(session.range(0, 1000, 1, 3).repartition(7));
        assertThat(parts).hasSize(7);
        assertThat(parts).allSatisfy(rows -> assertThat(rows.size()).isBetween(140, 146));
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(1000);
        Set<Long> ids = new HashSet<>();
        parts.forEach(rows -> rows.forEach(row -> ids.add(row.getLong(0))));
        assertThat(ids).hasSize(1000);
        // Tiny data, many partitions: the count is the user's, not adaptive execution's.
        assertThat(partitions(session.range(0, 10).repartition(40))).hasSize(40);
    }

    @Test
    void repartitionByColumnsKeepsEqualKeysTogether() {
        Dataset<Row> keyed = session.range(0, 600, 1, 4).selectExpr("id % 13 AS k", "id");
        List<List<Row>> parts = partitions(keyed.repartition(4, col("k")));
        assertThat(parts).hasSize(4);
        Set<Long> seen = new HashSet<>();
        for (List<Row> rows : parts) {
            Set<Long> keys = new HashSet<>();
            rows.forEach(row -> keys.add(row.getLong(0)));
            keys.forEach(key -> assertThat(seen).doesNotContain(key));
            seen.addAll(keys);
        }
        assertThat(seen).hasSize(13);
        // Without a count: the session's shuffle partitions.
        assertThat(partitions(keyed.repartition(col("k")))).hasSize(5);
        assertThat(keyed.repartition(4, col("k")).explainString(false)).contains("Repartition hashpartitioning([k#");
        assertThat(keyed.repartition(3).explainString(false)).contains("Repartition RoundRobinPartitioning(3)");
    }

    @Test
    void repartitionByRangeOrdersThePartitions() {
        List<List<Row>> parts = partitions(
                session.range(0, 2000, 1, 4).repartitionByRange(4, col("id").desc()));
        assertThat(parts).hasSize(4);
        for (int i = 0; i + 1 < parts.size(); i++) {
            long smallestHere =
                    parts.get(i).stream().mapToLong(row -> row.getLong(0)).min().orElseThrow();
            long largestNext = parts.get(i + 1).stream()
                    .mapToLong(row -> row.getLong(0))
                    .max()
                    .orElseThrow();
            assertThat(smallestHere).isGreaterThan(largestNext);
        }
    }

    @Test
    void coalesceMergesWithoutAShuffleAndWritesThatManyFiles(@TempDir Path dir) throws Exception {
        Dataset<Row> merged = session.range(0, 100, 1, 8).coalesce(3);
        assertThat(partitions(merged)).hasSize(3);
        assertThat(merged.explainString(false)).contains("Coalesce 3").doesNotContain("Exchange");
        assertThat(merged.count()).isEqualTo(100);

        session.range(0, 100, 1, 2)
                .repartition(6)
                .write()
                .parquet(dir.resolve("six").toString());
        try (Stream<Path> files = Files.list(dir.resolve("six"))) {
            assertThat(files.filter(file -> file.getFileName().toString().startsWith("part-")))
                    .hasSize(6);
        }
        assertThat(session.read().parquet(dir.resolve("six").toString()).count())
                .isEqualTo(100);
    }

    @Test
    void sqlHintsPartitionAsTheDatasetMethodsDo() {
        assertThat(partitions(session.sql("SELECT /*+ REPARTITION(4) */ * FROM range(100)")))
                .hasSize(4);
        assertThat(partitions(session.sql("SELECT /*+ COALESCE(1) */ * FROM range(0, 100, 1, 6)")))
                .hasSize(1);
        List<List<Row>> hashed =
                partitions(session.sql("SELECT /*+ REPARTITION(3, k) */ id % 7 AS k FROM range(0, 70, 1, 2)"));
        assertThat(hashed).hasSize(3);
        assertThat(hashed.stream().mapToInt(List::size).sum()).isEqualTo(70);
        List<List<Row>> ranged =
                partitions(session.sql("SELECT /*+ REPARTITION_BY_RANGE(2, id) */ id FROM range(0, 50, 1, 3)"));
        assertThat(ranged).hasSize(2);
        assertThat(ranged.get(0).stream().mapToLong(row -> row.getLong(0)).max().orElseThrow())
                .isLessThan(ranged.get(1).stream()
                        .mapToLong(row -> row.getLong(0))
                        .min()
                        .orElseThrow());
        assertThat(partitions(session.sql("SELECT /*+ REPARTITION(k) */ id % 3 AS k FROM range(10)")))
                .hasSize(5);
        assertThatThrownBy(() -> session.sql("SELECT /*+ COALESCE(a) */ 1 AS a").collectAsList())
                .hasMessageContaining("COALESCE hint");
        assertThatThrownBy(() -> session.sql("SELECT /*+ REPARTITION_BY_RANGE(3) */ 1 AS a")
                        .collectAsList())
                .hasMessageContaining("needs columns");
        // No count and no columns: round robin over the shuffle partitions.
        assertThat(partitions(session.sql("SELECT /*+ REPARTITION */ * FROM range(10)")))
                .hasSize(5);
        // Under ORDER BY the hint changes nothing; ordering by a column not selected still works.
        assertThat(session.sql("SELECT /*+ COALESCE(1) */ id FROM range(5) ORDER BY -id")
                        .collectAsList())
                .extracting(row -> row.getLong(0))
                .containsExactly(4L, 3L, 2L, 1L, 0L);
    }

    @Test
    void aShuffledJoinOfARepartitionedSideMeetsItsOwnExchange() {
        String previous = session.conf().get("ember.sql.autoBroadcastJoinThreshold");
        session.conf().set("ember.sql.autoBroadcastJoinThreshold", "-1");
        try {
            Dataset<Row> left = session.range(0, 3000, 1, 3).repartition(7, col("id"));
            Dataset<Row> right = session.range(0, 3000, 1, 2).selectExpr("id", "id * 2 AS twice");
            Dataset<Row> joined = left.join(right, "id");
            assertThat(joined.count()).isEqualTo(3000);
            assertThat(joined.selectExpr("sum(twice)").first().getLong(0)).isEqualTo(2L * (2999L * 3000L / 2));
        } finally {
            session.conf().set("ember.sql.autoBroadcastJoinThreshold", previous);
        }
    }

    @Test
    void countsBelowOneAreRefused() {
        Dataset<Row> range = session.range(10);
        assertThatThrownBy(() -> range.repartition(0))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("at least 1");
        assertThatThrownBy(() -> range.coalesce(0)).isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> range.repartition(-2, col("id"))).isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> range.repartitionByRange(2)).hasMessageContaining("at least one column");
    }
}
