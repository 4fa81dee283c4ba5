package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SqlQueriesTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session =
                EmberSession.builder().master("local[2]").appName("sql-queries").getOrCreate();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    @Test
    void rangeFilterProjectAggregate() {
        Dataset<Row> numbers = session.range(0, 100);
        assertThat(numbers.count()).isEqualTo(100);
        Dataset<Row> grouped = numbers.withColumn("bucket", col("id").mod(3))
                .groupBy("bucket")
                .agg(sum("id").as("total"), functions.count("*").as("n"))
                .orderBy("bucket");
        assertThat(rows(grouped)).containsExactly("[0,1683,34]", "[1,1617,33]", "[2,1650,33]");
    }

    @Test
    void sqlText() {
        session.range(0, 10).createOrReplaceTempView("t");
        assertThat(rows(session.sql("SELECT id * 2 AS twice FROM t WHERE id > 6 ORDER BY id DESC")))
                .containsExactly("[18]", "[16]", "[14]");
        assertThat(rows(session.sql("SELECT count(*), sum(id), avg(id) FROM t")))
                .containsExactly("[10,45,4.5]");
        assertThat(rows(session.sql(
                        "SELECT a.id, b.id FROM t a JOIN t b ON a.id = b.id + 5 WHERE a.id < 8 ORDER BY 1")))
                .containsExactly("[5,0]", "[6,1]", "[7,2]");
    }
}
