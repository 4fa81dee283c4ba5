package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Parameterized statements, summary statistics, vertical show and map access by field name. */
class ParametersAndSummaryTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session =
                EmberSession.builder().master("local[2]").appName("parameters").getOrCreate();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void namedArgumentsReplaceTheirMarkersEvenInSubqueries() {
        Dataset<Row> result = session.sql(
                "SELECT id FROM range(10) WHERE id > :low AND id IN (SELECT id FROM range(:high)) ORDER BY id",
                Map.of("low", 5, "high", 8));
        assertThat(rows(result)).containsExactly("[6]", "[7]");
        assertThat(rows(session.sql("SELECT :name AS greeting", Map.of("name", functions.lit("hi")))))
                .containsExactly("[hi]");
    }

    @Test
    void positionalArgumentsReplaceMarksInOrder() {
        assertThat(rows(session.sql("SELECT ? * ? AS product, ? AS label", new Object[] {6, 7, "x"})))
                .containsExactly("[42,x]");
    }

    @Test
    void missingOrMismatchedArgumentsSayWhich() {
        assertThatThrownBy(() -> session.sql("SELECT :a + :b", Map.of("a", 1)))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining(":b");
        assertThatThrownBy(() -> session.sql("SELECT ? + ?", new Object[] {1}))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("marker number 2");
        assertThatThrownBy(() -> session.sql("SELECT :a", new Object[] {1}))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("named");
        assertThatThrownBy(() -> session.sql("SELECT :a", Map.of("a", functions.col("x"))))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("constant");
    }

    @Test
    void summaryComputesTheStatisticsAskedFor() {
        Dataset<Row> numbers = session.sql("SELECT id AS n, CAST(id AS STRING) AS s FROM range(1, 101)");
        List<Row> summary = numbers.summary().collectAsList();
        assertThat(summary)
                .extracting(row -> row.getString(0))
                .containsExactly("count", "mean", "stddev", "min", "25%", "50%", "75%", "max");
        assertThat(summary.get(0).getString(1)).isEqualTo("100");
        assertThat(summary.get(1).getString(1)).isEqualTo("50.5");
        assertThat(Double.parseDouble(summary.get(5).getString(1))).isBetween(49.0, 51.0);
        assertThat(summary.get(5).getString(2)).as("no percentile of strings").isNull();
        List<Row> chosen = numbers.summary("count_distinct", "max").collectAsList();
        assertThat(chosen)
                .extracting(row -> row.getString(0) + "=" + row.getString(1))
                .containsExactly("count_distinct=100", "max=100");
        assertThatThrownBy(() -> numbers.summary("median-ish"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("median-ish");
    }

    @Test
    void verticalShowPrintsABlockPerRowAsSparkDoes() {
        Dataset<Row> data = session.sql("SELECT id, concat('row', id) AS name FROM range(3)");
        assertThat(PlanAccess.showString(data, 2, 20, true))
                .isEqualTo("-RECORD 0--\n"
                        + " id   | 0   \n"
                        + " name | row0\n"
                        + "-RECORD 1--\n"
                        + " id   | 1   \n"
                        + " name | row1\n"
                        + "only showing top 2 rows\n");
        assertThat(PlanAccess.showString(data.filter("id < 0"), 20, 20, true)).isEqualTo("(0 rows)\n");
    }
}
