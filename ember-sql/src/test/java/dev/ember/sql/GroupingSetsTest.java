package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.grouping;
import static dev.ember.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GroupingSetsTest {
    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local[2]")
                .appName("grouping-sets")
                .getOrCreate();
        session.conf().set("ember.sql.shuffle.partitions", 3);
        session.sql("SELECT * FROM VALUES ('e', 'p1', 10), ('e', 'p2', 20), ('w', 'p1', 30), ('w', NULL, 5)"
                        + " AS t(region, product, amount)")
                .createOrReplaceTempView("sales");
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
    void rollupTellsRealNullsFromRolledUpOnes() {
        assertThat(sql("SELECT region, product, sum(amount), count(product), grouping(region), grouping(product),"
                        + " grouping_id() AS gid FROM sales GROUP BY ROLLUP(region, product)"
                        + " ORDER BY gid, region, product"))
                .containsExactly(
                        "[e,p1,10,1,0,0,0]",
                        "[e,p2,20,1,0,0,0]",
                        "[w,null,5,0,0,0,0]",
                        "[w,p1,30,1,0,0,0]",
                        "[e,null,30,2,0,1,1]",
                        "[w,null,35,1,0,1,1]",
                        "[null,null,65,3,1,1,3]");
    }

    @Test
    void cubeWithGroupingIdsOfChosenColumns() {
        assertThat(sql("SELECT region, product, sum(amount) AS s, grouping_id(region, product) AS g,"
                        + " grouping_id(product, region) AS h FROM sales GROUP BY CUBE(region, product)"
                        + " ORDER BY g, region, product"))
                .containsExactly(
                        "[e,p1,10,0,0]",
                        "[e,p2,20,0,0]",
                        "[w,null,5,0,0]",
                        "[w,p1,30,0,0]",
                        "[e,null,30,1,2]",
                        "[w,null,35,1,2]",
                        "[null,null,5,2,1]",
                        "[null,p1,40,2,1]",
                        "[null,p2,20,2,1]",
                        "[null,null,65,3,3]");
    }

    @Test
    void groupingSets() {
        assertThat(sql("SELECT region, product, count(*) AS n, grouping(product) AS gp FROM sales"
                        + " GROUP BY GROUPING SETS ((region), (product), ()) ORDER BY gp, region, product"))
                .containsExactly(
                        "[null,null,1,0]",
                        "[null,p1,2,0]",
                        "[null,p2,1,0]",
                        "[null,null,4,1]",
                        "[e,null,2,1]",
                        "[w,null,2,1]");
        // A key computed from columns, and a set mixing a plain key with a rollup.
        assertThat(sql("SELECT upper(region) AS r, amount > 10 AS big, sum(amount) FROM sales"
                        + " GROUP BY upper(region), ROLLUP(amount > 10) ORDER BY r, big"))
                .containsExactly(
                        "[E,null,30]", "[E,false,10]", "[E,true,20]", "[W,null,35]", "[W,false,5]", "[W,true,30]");
    }

    @Test
    void dataFrameRollupAndCube() {
        Dataset<Row> sales = session.table("sales");
        assertThat(rows(sales.rollup("region")
                        .agg(sum("amount").as("s"), grouping(col("region")).as("g"))
                        .orderBy("g", "region")))
                .containsExactly("[e,30,0]", "[w,35,0]", "[null,65,1]");
        assertThat(sales.cube(col("region"), col("product")).count().count()).isEqualTo(10);
        assertThat(rows(sales.cube("region").count().orderBy("region"))).containsExactly("[null,4]", "[e,2]", "[w,2]");
    }

    @Test
    void groupingOutsideGroupingSetsFails() {
        assertThatThrownBy(() -> session.sql("SELECT region, grouping(region) FROM sales GROUP BY region")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("ROLLUP, CUBE or GROUPING SETS");
        assertThatThrownBy(() -> session.sql("SELECT grouping(amount) FROM sales GROUP BY ROLLUP(region)")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("not one of the grouping expressions");
    }
}
