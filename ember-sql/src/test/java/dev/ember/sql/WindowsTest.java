package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.dense_rank;
import static dev.ember.sql.functions.lag;
import static dev.ember.sql.functions.lead;
import static dev.ember.sql.functions.ntile;
import static dev.ember.sql.functions.rank;
import static dev.ember.sql.functions.row_number;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class WindowsTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder().master("local[2]").appName("windows").getOrCreate();
        session.conf().set("ember.sql.shuffle.partitions", 4);
        session.sql("SELECT * FROM VALUES ('a', 'x1', 10), ('a', 'x2', 20), ('a', 'x3', 20), ('a', 'x4', 30),"
                        + " ('b', 'y1', 5), ('b', 'y2', 5), ('c', 'z1', 40) AS t(dept, name, salary)")
                .createOrReplaceTempView("emp");
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    private static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    private static List<String> sql(String query) {
        return rows(session.sql(query));
    }

    @Test
    void rankingWithTies() {
        assertThat(sql("SELECT dept, name, row_number() OVER (PARTITION BY dept ORDER BY salary, name) AS rn,"
                        + " rank() OVER w AS rk, dense_rank() OVER w AS dr, percent_rank() OVER w AS pr,"
                        + " cume_dist() OVER w AS cd FROM emp WINDOW w AS (PARTITION BY dept ORDER BY salary)"
                        + " ORDER BY dept, name"))
                .containsExactly(
                        "[a,x1,1,1,1,0.0,0.25]",
                        "[a,x2,2,2,2,0.3333333333333333,0.75]",
                        "[a,x3,3,2,2,0.3333333333333333,0.75]",
                        "[a,x4,4,4,3,1.0,1.0]",
                        "[b,y1,1,1,1,0.0,1.0]",
                        "[b,y2,2,1,1,0.0,1.0]",
                        "[c,z1,1,1,1,0.0,1.0]");
    }

    @Test
    void ntileSplitsIntoBucketsLargestFirst() {
        assertThat(sql("SELECT id, ntile(3) OVER (ORDER BY id) FROM range(7) ORDER BY id"))
                .containsExactly("[0,1]", "[1,1]", "[2,1]", "[3,2]", "[4,2]", "[5,3]", "[6,3]");
        assertThat(sql("SELECT id, ntile(5) OVER (ORDER BY id) FROM range(3) ORDER BY id"))
                .containsExactly("[0,1]", "[1,2]", "[2,3]");
    }

    @Test
    void lagAndLeadWithOffsetsAndDefaults() {
        assertThat(sql("SELECT name, lag(salary) OVER w, lag(salary, 2, -1) OVER w, lead(salary, 1, 0) OVER w,"
                        + " lead(salary, 3) OVER w FROM emp WHERE dept = 'a' WINDOW w AS (ORDER BY salary, name)"
                        + " ORDER BY name"))
                .containsExactly("[x1,null,-1,20,30]", "[x2,10,-1,20,null]", "[x3,20,10,30,null]", "[x4,20,20,0,null]");
        // Offsets stay inside the partition.
        assertThat(sql("SELECT name, lag(name) OVER (PARTITION BY dept ORDER BY name) FROM emp"
                        + " WHERE dept <> 'a' ORDER BY name"))
                .containsExactly("[y1,null]", "[y2,y1]", "[z1,null]");
    }

    @Test
    void runningSumsRangePeersVersusRows() {
        assertThat(sql("SELECT name, sum(salary) OVER (PARTITION BY dept ORDER BY salary) AS range_sum,"
                        + " sum(salary) OVER (PARTITION BY dept ORDER BY salary, name"
                        + "   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rows_sum,"
                        + " count(*) OVER (PARTITION BY dept) AS n,"
                        + " concat_ws(',', collect_list(name) OVER (PARTITION BY dept ORDER BY name)) AS names"
                        + " FROM emp WHERE dept <> 'c' ORDER BY name"))
                .containsExactly(
                        "[x1,10,10,4,x1]",
                        "[x2,50,30,4,x1,x2]",
                        "[x3,50,50,4,x1,x2,x3]",
                        "[x4,80,80,4,x1,x2,x3,x4]",
                        "[y1,10,5,2,y1]",
                        "[y2,10,10,2,y1,y2]");
    }

    @Test
    void slidingFrames() {
        assertThat(sql("SELECT name,"
                        + " sum(salary) OVER (PARTITION BY dept ORDER BY salary, name"
                        + "   ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS around,"
                        + " sum(salary) OVER (PARTITION BY dept ORDER BY salary"
                        + "   RANGE BETWEEN 10 PRECEDING AND CURRENT ROW) AS within10,"
                        + " sum(salary) OVER (PARTITION BY dept ORDER BY salary"
                        + "   RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING) AS rest,"
                        + " max(salary) OVER (PARTITION BY dept ORDER BY salary, name"
                        + "   ROWS BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING) AS later,"
                        + " nth_value(name, 2) OVER (PARTITION BY dept ORDER BY salary, name) AS second"
                        + " FROM emp WHERE dept <> 'c' ORDER BY name"))
                .containsExactly(
                        "[x1,30,10,80,30,null]",
                        "[x2,50,50,70,30,x2]",
                        "[x3,70,50,70,null,x2]",
                        "[x4,50,70,30,null,x2]",
                        "[y1,10,10,10,null,null]",
                        "[y2,10,10,10,null,y2]");
        // Descending order: PRECEDING means larger keys.
        assertThat(sql("SELECT name, sum(salary) OVER (PARTITION BY dept ORDER BY salary DESC"
                        + " RANGE BETWEEN 10 PRECEDING AND 5 FOLLOWING) FROM emp WHERE dept = 'a' ORDER BY name"))
                .containsExactly("[x1,50]", "[x2,70]", "[x3,70]", "[x4,30]");
    }

    @Test
    void partitionsSpreadOverShufflePartitions() {
        String ranked = "SELECT id % 7 AS k, id, row_number() OVER (PARTITION BY id % 7 ORDER BY id DESC) AS rn,"
                + " sum(id) OVER (PARTITION BY id % 7) AS total FROM range(0, 1000, 1, 3)";
        assertThat(sql("SELECT k, count(*), min(rn), max(rn), sum(rn) FROM (" + ranked + ") GROUP BY k ORDER BY k"))
                .containsExactly(
                        "[0,143,1,143,10296]",
                        "[1,143,1,143,10296]",
                        "[2,143,1,143,10296]",
                        "[3,143,1,143,10296]",
                        "[4,143,1,143,10296]",
                        "[5,143,1,143,10296]",
                        "[6,142,1,142,10153]");
        assertThat(sql("SELECT k, id, total FROM (" + ranked + ") WHERE rn = 1 ORDER BY k"))
                .containsExactly(
                        "[0,994,71071]",
                        "[1,995,71214]",
                        "[2,996,71357]",
                        "[3,997,71500]",
                        "[4,998,71643]",
                        "[5,999,71786]",
                        "[6,993,70929]");
    }

    @Test
    void windowsOverAggregates() {
        assertThat(sql("SELECT dept, sum(salary) AS total, rank() OVER (ORDER BY sum(salary) DESC) AS r,"
                        + " sum(sum(salary)) OVER () AS grand,"
                        + " sum(salary) - lag(sum(salary), 1, 0) OVER (ORDER BY dept) AS delta"
                        + " FROM emp GROUP BY dept ORDER BY dept"))
                .containsExactly("[a,80,1,130,80]", "[b,10,3,130,-70]", "[c,40,2,130,30]");
        assertThat(sql("SELECT count(*), row_number() OVER (ORDER BY count(*)) FROM emp"))
                .containsExactly("[7,1]");
    }

    @Test
    void dataFrameWindows() {
        Dataset<Row> emp = session.table("emp");
        WindowSpec byDept = Window.partitionBy("dept").orderBy(col("salary").desc(), col("name"));
        Dataset<Row> result = emp.where(col("dept").equalTo("a"))
                .select(
                        col("name"),
                        row_number().over(byDept).as("rn"),
                        rank().over(byDept).as("rk"),
                        dense_rank().over(byDept).as("dr"),
                        lag(col("salary"), 1).over(byDept).as("prev"),
                        lead(col("salary"), 1).over(byDept).as("next"),
                        ntile(2).over(byDept).as("half"),
                        sum("salary")
                                .over(byDept.rowsBetween(-1, Window.currentRow))
                                .as("pair"),
                        sum("salary")
                                .over(Window.partitionBy("dept")
                                        .orderBy("salary")
                                        .rangeBetween(Window.unboundedPreceding, Window.unboundedFollowing))
                                .as("all"))
                .orderBy("name");
        assertThat(rows(result))
                .containsExactly(
                        "[x1,4,4,4,20,null,2,30,80]",
                        "[x2,2,2,2,30,20,1,50,80]",
                        "[x3,3,3,3,20,10,2,40,80]",
                        "[x4,1,1,1,null,20,1,30,80]");
    }

    @Test
    void invalidWindows() {
        assertThatThrownBy(() -> session.sql("SELECT rank() FROM emp").collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("OVER");
        assertThatThrownBy(() -> session.sql("SELECT rank() OVER (PARTITION BY dept) FROM emp")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("ORDER BY");
        assertThatThrownBy(() -> session.sql("SELECT sum(salary) OVER (ORDER BY dept, name"
                                + " RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("exactly one ORDER BY key");
        assertThatThrownBy(() -> session.sql("SELECT sum(salary) OVER (ORDER BY name"
                                + " RANGE BETWEEN 1 PRECEDING AND CURRENT ROW) FROM emp")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("numeric, date or timestamp");
        assertThatThrownBy(() -> session.sql("SELECT sum(salary) OVER (ORDER BY salary"
                                + " ROWS BETWEEN 1.5 PRECEDING AND CURRENT ROW) FROM emp")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("integer");
        assertThatThrownBy(() -> session.sql("SELECT name FROM emp WHERE rank() OVER (ORDER BY salary) = 1")
                        .collectAsList())
                .isInstanceOf(EmberException.class);
    }
}
