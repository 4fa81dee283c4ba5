package dev.ember.connect.it;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.storage.StorageLevel;
import org.junit.jupiter.api.Test;

/** The DataFrame operations beyond the basics, each checked against values computed by hand. */
class DataFrameOperationsTest extends OneClientTestBase {

    private static Dataset<Row> sales() {
        return spark.sql("SELECT * FROM VALUES ('east', 'a', 10), ('east', 'b', 20), ('west', 'a', 5),"
                + " ('west', 'a', 7), ('north', 'c', NULL) AS t(region, product, amount)");
    }

    @Test
    void windowFunctionsCastsAndConditionals() {
        List<Row> rows = sales().filter(col("amount").isNotNull())
                .withColumn(
                        "rank",
                        row_number()
                                .over(Window.partitionBy("region")
                                        .orderBy(col("amount").desc())))
                .withColumn(
                        "running",
                        sum("amount").over(Window.partitionBy("region").orderBy("amount")))
                .withColumn("size", when(col("amount").geq(10), lit("big")).otherwise(lit("small")))
                .withColumn("text", col("amount").cast("string"))
                .orderBy("region", "rank")
                .collectAsList();
        assertThat(rows)
                .extracting(row -> row.getString(0) + ":" + row.getInt(3) + ":" + row.getLong(4) + ":"
                        + row.getString(5) + ":" + row.getString(6))
                .containsExactly("east:1:30:big:20", "east:2:10:big:10", "west:1:12:small:7", "west:2:5:small:5");
    }

    @Test
    void rollupCubeAndPivot() {
        List<Row> rollup = sales().rollup("region")
                .agg(sum("amount").as("total"))
                .orderBy(col("region").asc_nulls_last())
                .collectAsList();
        assertThat(rollup)
                .extracting(row -> row.get(0) + "=" + row.get(1))
                .containsExactly("east=30", "north=null", "west=12", "null=42");
        assertThat(sales().cube("region", "product").count().count()).isEqualTo(11L);
        List<Row> pivoted = sales().groupBy("region")
                .pivot("product", List.of("a", "b"))
                .agg(sum("amount"))
                .orderBy("region")
                .collectAsList();
        assertThat(pivoted)
                .extracting(row -> row.get(0) + ":" + row.get(1) + ":" + row.get(2))
                .containsExactly("east:10:20", "north:null:null", "west:12:null");
    }

    @Test
    void setOperationsDistinctAndDeduplication() {
        Dataset<Row> a = spark.range(0, 6).toDF("n");
        Dataset<Row> b = spark.range(4, 9).toDF("n");
        assertThat(a.union(b).count()).isEqualTo(11L);
        assertThat(a.union(b).distinct().count()).isEqualTo(9L);
        assertThat(a.intersect(b).orderBy("n").collectAsList())
                .extracting(row -> row.getLong(0))
                .containsExactly(4L, 5L);
        assertThat(a.except(b).count()).isEqualTo(4L);
        assertThat(a.unionByName(b.select(col("n"))).count()).isEqualTo(11L);
        assertThat(sales().dropDuplicates("region").count()).isEqualTo(3L);
        assertThat(sales().select("region").distinct().count()).isEqualTo(3L);
    }

    @Test
    void columnEditsAndNaFunctions() {
        Dataset<Row> edited = sales().withColumnRenamed("amount", "qty")
                .withColumn("double", col("qty").multiply(2))
                .drop("product");
        assertThat(edited.columns()).containsExactly("region", "qty", "double");
        assertThat(sales().na().fill(0L).filter(col("amount").equalTo(0)).count())
                .isEqualTo(1L);
        assertThat(sales().na().drop().count()).isEqualTo(4L);
        assertThat(sales().na()
                        .replace("region", Map.of("east", "orient"))
                        .filter("region = 'orient'")
                        .count())
                .isEqualTo(2L);
        assertThat(sales().toDF("r", "p", "a").columns()).containsExactly("r", "p", "a");
    }

    @Test
    void describeSummaryTailOffsetAndSample() {
        List<Row> described = spark.range(1, 5).describe("id").collectAsList();
        assertThat(described)
                .extracting(row -> row.getString(0) + "=" + row.getString(1))
                .containsExactly("count=4", "mean=2.5", "stddev=1.2909944487358056", "min=1", "max=4");
        List<Row> summary = spark.range(1, 101).summary("min", "50%", "max").collectAsList();
        assertThat(summary).extracting(row -> row.getString(0)).containsExactly("min", "50%", "max");
        assertThat(Long.parseLong(summary.get(1).getString(1))).isBetween(49L, 51L);
        assertThat(((Row[]) spark.range(10).toDF().tail(3)))
                .extracting(row -> row.getLong(0))
                .containsExactly(7L, 8L, 9L);
        assertThat(spark.range(10).toDF().orderBy("id").offset(8).collectAsList())
                .extracting(row -> row.getLong(0))
                .containsExactly(8L, 9L);
        long sampled = spark.range(10_000).sample(0.1, 42).count();
        assertThat(sampled).isBetween(800L, 1200L);
        assertThat(spark.range(10_000).sample(0.1, 42).count()).isEqualTo(sampled);
    }

    @Test
    void unpivotLambdasAndExpressionStrings() {
        Dataset<Row> wide = spark.sql("SELECT 1 AS id, 10 AS q1, 20 AS q2");
        List<Row> long_ = wide.unpivot(new Column[] {col("id")}, new Column[] {col("q1"), col("q2")}, "quarter", "v")
                .orderBy("quarter")
                .collectAsList();
        assertThat(long_)
                .extracting(row -> row.getInt(0) + ":" + row.getString(1) + ":" + row.getInt(2))
                .containsExactly("1:q1:10", "1:q2:20");
        Row lambdas = spark.sql("SELECT array(1, 2, 3) AS xs")
                .select(transform(col("xs"), x -> x.plus(1)).as("ys"), expr("aggregate(xs, 0, (a, x) -> a + x)"))
                .first();
        assertThat(lambdas.getList(0)).containsExactly(2, 3, 4);
        assertThat(lambdas.getInt(1)).isEqualTo(6);
        assertThat(spark.range(5)
                        .selectExpr("id * 2 AS d", "id % 2 = 0 AS even")
                        .filter("even")
                        .count())
                .isEqualTo(3L);
        assertThat(sales().groupBy("region").agg(avg("amount"), max("product")).count())
                .isEqualTo(3L);
    }

    @Test
    void explainPersistAndSemantics() {
        Dataset<Row> frame = spark.range(100)
                .filter(col("id").gt(10))
                .groupBy(col("id").mod(3))
                .count();
        String explained = captureExplain(frame);
        assertThat(explained).contains("Physical Plan");
        Dataset<Row> cached = spark.range(1000).selectExpr("id", "id * id AS sq");
        cached.persist(StorageLevel.MEMORY_ONLY());
        assertThat(cached.storageLevel()).isEqualTo(StorageLevel.MEMORY_ONLY());
        assertThat(cached.count()).isEqualTo(1000L);
        assertThat(cached.filter("sq > 100").count()).isEqualTo(989L);
        cached.unpersist();
        assertThat(cached.storageLevel()).isEqualTo(StorageLevel.NONE());
        assertThat(spark.range(10).sameSemantics(spark.range(10))).isTrue();
        assertThat(spark.range(10).sameSemantics(spark.range(11))).isFalse();
        assertThat(spark.version()).startsWith("4.0");
    }

    @Test
    void unsupportedOperationsSayWhichAndTheSessionGoesOn() {
        assertThatThrownBy(() -> spark.range(10).stat().corr("id", "id"))
                .hasMessageContaining("does not support")
                .hasMessageContaining("corr");
        assertThat(spark.range(2).count()).isEqualTo(2L);
    }

    @Test
    void longChainsOfCallsAndNestedValues() {
        Dataset<Row> frame = spark.range(10).toDF();
        for (int i = 0; i < 150; i++) {
            frame = frame.withColumn("c" + i, col("id").plus(i));
        }
        Row last = frame.orderBy(col("id").desc()).first();
        assertThat(last.getLong(150)).isEqualTo(9L + 149);
        Row nested = spark.sql("SELECT named_struct('a', 1, 'b', 'x') AS s, map('k', 5) AS m, array(7, 8) AS xs")
                .select(col("s").getField("b"), col("m").getItem("k"), col("xs").getItem(1), col("s.a"))
                .first();
        assertThat(nested.getString(0)).isEqualTo("x");
        assertThat(nested.getInt(1)).isEqualTo(5);
        assertThat(nested.getInt(2)).isEqualTo(8);
        assertThat(nested.getInt(3)).isEqualTo(1);
        Row replaced = spark.sql("SELECT 1 AS a, 2 AS b")
                .withColumns(Map.of("a", col("b").plus(10), "c", col("a")))
                .first();
        assertThat(replaced.getInt(0)).as("a replaced in place").isEqualTo(12);
        assertThat(replaced.getInt(2)).as("c computed from the old a").isEqualTo(1);
    }

    @Test
    void writeToAppendsByColumnName(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        spark.sql("CREATE TABLE ledger (a INT, b STRING) USING parquet LOCATION '" + dir.resolve("ledger") + "'");
        try {
            spark.sql("SELECT 'first' AS b, 1 AS a").writeTo("ledger").append();
            Row row = spark.table("ledger").first();
            assertThat(row.getInt(0)).isEqualTo(1);
            assertThat(row.getString(1)).isEqualTo("first");
        } finally {
            spark.sql("DROP TABLE ledger");
        }
    }

    @Test
    void repartitionAndCoalesceDecideHowManyFilesAWriteMakes(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Dataset<Row> numbers = spark.range(0, 100, 1, 2).toDF();
        numbers.repartition(4).write().parquet(dir.resolve("four").toString());
        numbers.repartition(3, col("id")).write().parquet(dir.resolve("three").toString());
        numbers.repartitionByRange(2, col("id"))
                .write()
                .parquet(dir.resolve("two").toString());
        numbers.repartition(6).coalesce(1).write().parquet(dir.resolve("one").toString());
        assertThat(partFiles(dir.resolve("four"))).isEqualTo(4);
        assertThat(partFiles(dir.resolve("three"))).isEqualTo(3);
        assertThat(partFiles(dir.resolve("two"))).isEqualTo(2);
        assertThat(partFiles(dir.resolve("one"))).isEqualTo(1);
        assertThat(spark.read().parquet(dir.resolve("three").toString()).count())
                .isEqualTo(100L);
        assertThat(captureExplain(numbers.repartition(5, col("id")))).contains("Repartition hashpartitioning");
    }

    private static long partFiles(java.nio.file.Path dir) throws java.io.IOException {
        try (var files = java.nio.file.Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith("part-"))
                    .count();
        }
    }

    private static String captureExplain(Dataset<Row> frame) {
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stream = new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8);
        scala.Console$.MODULE$.withOut(stream, () -> {
            frame.explain(true);
            return null;
        });
        return captured.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
