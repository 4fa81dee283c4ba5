package dev.ember.connect.it;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark Connect JVM client against Ember's Connect server: DataFrame and SQL programs as users write them. */
class SparkClientTest extends OneClientTestBase {

    @Test
    void rangeFilterSelectCollect() {
        Dataset<Row> result =
                spark.range(10).filter(col("id").gt(3)).select(col("id").plus(1).as("x"));
        List<Row> rows = result.collectAsList();
        assertThat(rows).extracting(row -> row.getLong(0)).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(result.columns()).containsExactly("x");
    }

    @Test
    void groupByAggregateOrderBy() {
        List<Row> rows = spark.range(100)
                .withColumn("k", col("id").mod(3))
                .groupBy("k")
                .agg(sum("id").as("total"), count(lit(1)).as("n"))
                .orderBy("k")
                .collectAsList();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).getLong(0)).isEqualTo(0L);
        assertThat(rows.get(0).getLong(1)).isEqualTo(1683L);
        assertThat(rows.get(0).getLong(2)).isEqualTo(34L);
        assertThat(rows.get(2).getLong(1)).isEqualTo(1650L);
        assertThat(rows.get(2).getLong(2)).isEqualTo(33L);
    }

    @Test
    void joinsByConditionAndByUsingColumns() {
        Dataset<Row> people = spark.sql("SELECT * FROM VALUES (1, 'ann'), (2, 'bob'), (3, 'cy') AS t(id, name)");
        Dataset<Row> orders = spark.sql("SELECT * FROM VALUES (1, 10.5), (1, 2.0), (3, 7.25) AS t(id, amount)");
        List<Row> inner = people.join(orders, people.col("id").equalTo(orders.col("id")))
                .select(people.col("name"), orders.col("amount"))
                .orderBy(col("amount"))
                .collectAsList();
        assertThat(inner).extracting(row -> row.getString(0)).containsExactly("ann", "cy", "ann");
        List<Row> left = people.join(orders, List.of("id").iterator().next(), "left")
                .groupBy("name")
                .agg(count(col("amount")).as("n"))
                .orderBy("name")
                .collectAsList();
        assertThat(left)
                .extracting(row -> row.getString(0) + "=" + row.getLong(1))
                .containsExactly("ann=2", "bob=0", "cy=1");
        List<Row> anti = people.join(orders, people.col("id").equalTo(orders.col("id")), "left_anti")
                .collectAsList();
        assertThat(anti).extracting(row -> row.getString(1)).containsExactly("bob");
    }

    @Test
    void sqlWithArgumentsAndLimitAndCount() {
        Dataset<Row> result = spark.sql(
                "SELECT id * :factor AS v FROM range(10) WHERE id >= :low ORDER BY v DESC",
                Map.<String, Object>of("factor", 3, "low", 4));
        assertThat(result.limit(2).collectAsList())
                .extracting(row -> row.getLong(0))
                .containsExactly(27L, 24L);
        assertThat(result.count()).isEqualTo(6L);
        assertThat(spark.sql("SELECT ? + ? AS s", new Object[] {40, 2}).first().getInt(0))
                .isEqualTo(42);
    }

    @Test
    void createDataFrameFromLocalRowsKeepsEveryType() {
        StructType schema = new StructType()
                .add("i", DataTypes.IntegerType)
                .add("l", DataTypes.LongType)
                .add("d", DataTypes.DoubleType)
                .add("s", DataTypes.StringType)
                .add("b", DataTypes.BooleanType)
                .add("day", DataTypes.DateType)
                .add("ts", DataTypes.TimestampType)
                .add("dec", DataTypes.createDecimalType(10, 2))
                .add("arr", DataTypes.createArrayType(DataTypes.IntegerType))
                .add("m", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
        Timestamp instant = Timestamp.valueOf("2024-02-29 13:45:10.123456");
        List<Row> input = List.of(
                RowFactory.create(
                        1,
                        10_000_000_000L,
                        2.5,
                        "ünïcode",
                        true,
                        Date.valueOf("2024-02-29"),
                        instant,
                        new BigDecimal("12345678.90"),
                        // Spark rows hold Scala collections.
                        scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(1, null, 3)),
                        scala.jdk.javaapi.CollectionConverters.asScala(Map.of("k", 7L))),
                RowFactory.create(null, null, null, null, null, null, null, null, null, null));
        Dataset<Row> frame = ConnectServerFixture.createDataFrame(spark, input, schema);
        assertThat(frame.schema()).isEqualTo(schema);
        List<Row> rows = frame.collectAsList();
        Row first = rows.get(0);
        assertThat(first.getInt(0)).isEqualTo(1);
        assertThat(first.getLong(1)).isEqualTo(10_000_000_000L);
        assertThat(first.getDouble(2)).isEqualTo(2.5);
        assertThat(first.getString(3)).isEqualTo("ünïcode");
        assertThat(first.getBoolean(4)).isTrue();
        assertThat(first.getDate(5)).isEqualTo(Date.valueOf("2024-02-29"));
        assertThat(first.getTimestamp(6)).isEqualTo(instant);
        assertThat(first.getDecimal(7)).isEqualByComparingTo("12345678.90");
        assertThat(first.getList(8)).containsExactly(1, null, 3);
        assertThat(first.getJavaMap(9)).containsEntry("k", 7L);
        for (int c = 0; c < schema.size(); c++) {
            assertThat(rows.get(1).isNullAt(c))
                    .as("column %s of the null row", c)
                    .isTrue();
        }
        // The server computes on the uploaded rows, not only echoes them.
        Row computed = frame.selectExpr("i + 1", "upper(s)", "dec * 2", "date_add(day, 1)", "size(arr)")
                .first();
        assertThat(computed.getInt(0)).isEqualTo(2);
        assertThat(computed.getString(1)).isEqualTo("ÜNÏCODE");
        assertThat(computed.getDecimal(2)).isEqualByComparingTo("24691357.80");
        assertThat(computed.getDate(3)).isEqualTo(Date.valueOf("2024-03-01"));
        assertThat(computed.getInt(4)).isEqualTo(3);
    }

    @Test
    void showSchemaAndPrintSchemaAsSparkPrintsThem() {
        Dataset<Row> frame = spark.sql("SELECT id, CAST(id AS STRING) AS name FROM range(3)");
        assertThat(frame.schema().fieldNames()).containsExactly("id", "name");
        assertThat(frame.schema().apply("id").dataType()).isEqualTo(DataTypes.LongType);
        String shown = stdout(() -> frame.show());
        assertThat(shown)
                .isEqualTo("+---+----+\n"
                        + "| id|name|\n"
                        + "+---+----+\n"
                        + "|  0|   0|\n"
                        + "|  1|   1|\n"
                        + "|  2|   2|\n"
                        + "+---+----+\n");
        String vertical = stdout(() -> frame.show(1, 0, true));
        assertThat(vertical).startsWith("-RECORD 0").contains(" id   | 0").contains("only showing top 1 row");
        String printed = stdout(frame::printSchema);
        assertThat(printed)
                .contains("root")
                .contains("|-- id: long (nullable = false)")
                .contains("|-- name: string");
    }

    @Test
    void tempViewsAreSeenBySqlAndTable() {
        spark.range(5).withColumn("sq", col("id").multiply(col("id"))).createOrReplaceTempView("squares");
        assertThat(spark.sql("SELECT sum(sq) FROM squares").first().getLong(0)).isEqualTo(30L);
        assertThat(spark.table("squares").filter("sq > 4").count()).isEqualTo(2L);
    }

    @Test
    void parquetWrittenAndReadBack(@TempDir Path dir) {
        String path = dir.resolve("numbers").toString();
        spark.range(1000)
                .selectExpr("id", "id % 7 AS bucket", "concat('n', id) AS label")
                .write()
                .mode("overwrite")
                .parquet(path);
        Dataset<Row> back = spark.read().parquet(path);
        assertThat(back.count()).isEqualTo(1000L);
        assertThat(back.filter(col("bucket").equalTo(3)).count()).isEqualTo(143L);
        assertThat(back.orderBy(col("id").desc()).first().getString(2)).isEqualTo("n999");
        assertThat(back.inputFiles()).isNotEmpty().allMatch(file -> file.contains("numbers"));
    }

    @Test
    void errorsArriveAsExceptionsWithTheServersMessage() {
        assertThatThrownBy(
                        () -> spark.sql("SELECT no_such_column FROM range(1)").collectAsList())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("UNRESOLVED_COLUMN")
                .hasMessageContaining("no_such_column");
        assertThatThrownBy(() -> spark.sql("SELEC 1").collectAsList())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("PARSE_SYNTAX_ERROR");
        assertThatThrownBy(() -> spark.table("missing_table").count())
                .isInstanceOf(AnalysisException.class)
                .hasMessageContaining("missing_table");
        // The session still works after errors.
        assertThat(spark.range(3).count()).isEqualTo(3L);
    }

    /** What {@code action} prints: the client prints through Scala's Console, which keeps its own stream. */
    private static String stdout(Runnable action) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(captured, true, StandardCharsets.UTF_8);
        scala.Console$.MODULE$.withOut(stream, () -> {
            action.run();
            return null;
        });
        stream.flush();
        return captured.toString(StandardCharsets.UTF_8);
    }
}
