package dev.ember.sql;

import static dev.ember.sql.functions.col;
import static dev.ember.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.execution.SqlEvents;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQL and DataFrame queries whose answers are known, run by each deployment mode's subclass (local, local-cluster):
 * the same rows must come back wherever the query runs.
 */
abstract class SqlConformanceSuite {
    @TempDir
    Path temp;

    /** The session of the mode under test, with a few shuffle partitions so that exchanges really spread rows. */
    abstract EmberSession session();

    static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    static List<String> sortedRows(Dataset<Row> dataset) {
        return rows(dataset).stream().sorted().toList();
    }

    private Dataset<Row> people() {
        StructType schema = new StructType()
                .add("id", DataTypes.IntegerType)
                .add("name", DataTypes.StringType)
                .add("dept", DataTypes.StringType)
                .add("salary", DataTypes.createDecimalType(10, 2));
        return session()
                .createDataFrame(
                        List.of(
                                RowFactory.create(1, "ann", "eng", new BigDecimal("120.50")),
                                RowFactory.create(2, "bob", "eng", new BigDecimal("99.50")),
                                RowFactory.create(3, "cid", "ops", new BigDecimal("80.00")),
                                RowFactory.create(4, "dee", null, new BigDecimal("70.25")),
                                RowFactory.create(5, "eve", "ops", null)),
                        schema);
    }

    private Dataset<Row> departments() {
        StructType schema = new StructType().add("dept", DataTypes.StringType).add("floor", DataTypes.IntegerType);
        return session()
                .createDataFrame(
                        List.of(RowFactory.create("eng", 3), RowFactory.create("ops", 1), RowFactory.create("hr", 2)),
                        schema);
    }

    @Test
    void aggregatesWithDecimalsAndNullsFollowSparkSemantics() {
        people().createOrReplaceTempView("people");
        Dataset<Row> result = session()
                .sql("SELECT dept, count(*) AS n, sum(salary) AS total, avg(salary) AS mean,"
                        + " count(DISTINCT name) AS names, max(salary) FILTER (WHERE id > 1) AS top"
                        + " FROM people GROUP BY dept HAVING count(*) >= 1 ORDER BY dept NULLS FIRST");
        assertThat(result.schema().simpleString())
                .isEqualTo("struct<dept:string,n:bigint,total:decimal(20,2),mean:decimal(14,6),names:bigint,"
                        + "top:decimal(10,2)>");
        assertThat(rows(result))
                .containsExactly(
                        "[null,1,70.25,70.250000,1,70.25]",
                        "[eng,2,220.00,110.000000,2,99.50]",
                        "[ops,2,80.00,80.000000,2,80.00]");
    }

    @Test
    void everyJoinKindGivesTheRowsItShould() {
        people().createOrReplaceTempView("p");
        departments().createOrReplaceTempView("d");
        assertThat(sortedRows(session().sql("SELECT p.id, d.floor FROM p JOIN d ON p.dept = d.dept")))
                .containsExactly("[1,3]", "[2,3]", "[3,1]", "[5,1]");
        assertThat(sortedRows(session().sql("SELECT p.id, d.floor FROM p LEFT JOIN d ON p.dept = d.dept")))
                .containsExactly("[1,3]", "[2,3]", "[3,1]", "[4,null]", "[5,1]");
        assertThat(sortedRows(session().sql("SELECT p.id, d.dept FROM p RIGHT JOIN d ON p.dept = d.dept")))
                .containsExactly("[1,eng]", "[2,eng]", "[3,ops]", "[5,ops]", "[null,hr]");
        assertThat(sortedRows(session().sql("SELECT p.id, d.dept FROM p FULL JOIN d ON p.dept = d.dept")))
                .containsExactly("[1,eng]", "[2,eng]", "[3,ops]", "[4,null]", "[5,ops]", "[null,hr]");
        assertThat(sortedRows(session().sql("SELECT d.dept FROM d LEFT SEMI JOIN p ON p.dept = d.dept")))
                .containsExactly("[eng]", "[ops]");
        assertThat(sortedRows(session().sql("SELECT d.dept FROM d LEFT ANTI JOIN p ON p.dept = d.dept")))
                .containsExactly("[hr]");
        assertThat(session().sql("SELECT * FROM p CROSS JOIN d").count()).isEqualTo(15);
        assertThat(sortedRows(session().sql("SELECT dept, id, floor FROM p JOIN d USING (dept) WHERE floor > 1")))
                .containsExactly("[eng,1,3]", "[eng,2,3]");
        assertThat(sortedRows(session().sql("SELECT p.id, d.dept FROM p JOIN d ON p.id < d.floor AND d.dept <> 'hr'")))
                .containsExactly("[1,eng]", "[2,eng]");
    }

    @Test
    void dataFrameJoinsOfADatasetWithItselfKeepTheSidesApart() {
        Dataset<Row> people = people();
        Dataset<Row> managers = people.filter(col("id").leq(2)).select(col("id").as("mid"), col("dept"));
        Dataset<Row> joined = people.join(managers, people.col("dept").equalTo(managers.col("dept")), "inner")
                .filter(people.col("id").notEqual(managers.col("mid")))
                .select(people.col("name"), managers.col("mid"));
        assertThat(sortedRows(joined)).containsExactly("[ann,2]", "[bob,1]");
    }

    @Test
    void setOperationsCountDuplicatesAndNulls() {
        Dataset<Row> left = session().sql("SELECT * FROM VALUES (1), (1), (2), (NULL), (NULL) AS t(x)");
        Dataset<Row> right = session().sql("SELECT * FROM VALUES (1), (NULL), (3) AS t(x)");
        assertThat(sortedRows(left.union(right))).hasSize(8);
        assertThat(sortedRows(left.intersect(right))).containsExactly("[1]", "[null]");
        assertThat(sortedRows(left.intersectAll(right))).containsExactly("[1]", "[null]");
        assertThat(sortedRows(left.except(right))).containsExactly("[2]");
        assertThat(sortedRows(left.exceptAll(right))).containsExactly("[1]", "[2]", "[null]");
        assertThat(sortedRows(session().sql("SELECT x FROM VALUES (1), (1), (2) AS t(x) UNION SELECT 2")))
                .containsExactly("[1]", "[2]");
    }

    @Test
    void orderingLimitsAndOffsetsPlaceNullsAsAsked() {
        people().createOrReplaceTempView("people");
        assertThat(rows(session().sql("SELECT dept FROM people ORDER BY dept DESC NULLS FIRST, id")))
                .containsExactly("[null]", "[ops]", "[ops]", "[eng]", "[eng]");
        assertThat(rows(session().sql("SELECT id FROM people ORDER BY salary DESC LIMIT 2")))
                .containsExactly("[1]", "[2]");
        assertThat(rows(session().sql("SELECT id FROM people ORDER BY id LIMIT 2 OFFSET 1")))
                .containsExactly("[2]", "[3]");
        assertThat(rows(session().sql("SELECT id FROM people ORDER BY salary NULLS FIRST LIMIT 1")))
                .containsExactly("[5]");
    }

    @Test
    void aGlobalSortRunsInRangesOverSeveralTasksAndStillComesBackInOrder() {
        // Keys with duplicates, nulls and a descending second key: the range bounds are sampled, so only the order of
        // the whole result is asserted, and that the sort's partitions were more than one.
        Dataset<Row> data = session()
                .range(0, 20_000, 1, 3)
                .selectExpr(
                        "CASE WHEN id % 97 = 0 THEN NULL ELSE (id * 7919) % 5000 END AS k",
                        "id", "CAST(id AS STRING) AS label");
        Dataset<Row> sorted = data.orderBy(col("k").asc_nulls_last(), col("id").desc());
        // Adaptive execution would read these few small ranges as one partition.
        session().conf().set("ember.sql.adaptive.coalescePartitions.enabled", "false");
        List<Row> rows;
        try {
            assertThat(sorted.explainString(false)).contains("rangepartitioning");
            assertThat(sorted.toRdd().getNumPartitions()).isGreaterThan(1);
            rows = sorted.collectAsList();
        } finally {
            session().conf().unset("ember.sql.adaptive.coalescePartitions.enabled");
        }
        assertThat(rows).hasSize(20_000);
        for (int i = 1; i < rows.size(); i++) {
            Row before = rows.get(i - 1);
            Row after = rows.get(i);
            if (after.isNullAt(0)) {
                assertThat(before.isNullAt(0) ? before.getLong(1) > after.getLong(1) : true)
                        .as("row %d: nulls last, then id descending", i)
                        .isTrue();
            } else {
                assertThat(before.isNullAt(0))
                        .as("row %d: a null key before a value", i)
                        .isFalse();
                int byKey = Long.compare(before.getLong(0), after.getLong(0));
                assertThat(byKey < 0 || (byKey == 0 && before.getLong(1) > after.getLong(1)))
                        .as("row %d after %s: %s", i, before, after)
                        .isTrue();
            }
        }
        assertThat(rows(session().sql("SELECT x FROM VALUES (3), (1), (2) AS t(x) ORDER BY x DESC")))
                .containsExactly("[3]", "[2]", "[1]");
        assertThat(session().range(0, 0).orderBy(col("id")).collectAsList()).isEmpty();
    }

    @Test
    void filesWrittenPartitionedReadBackThroughSqlViews() throws IOException {
        Dataset<Row> data = session()
                .range(0, 1000)
                .select(
                        col("id"),
                        col("id").mod(3).as("part"),
                        functions.concat(lit("n"), col("id").cast("string")).as("label"),
                        col("id")
                                .cast("decimal(12,2)")
                                .divide(lit(4))
                                .cast("decimal(12,2)")
                                .as("amount"));
        for (String format : List.of("parquet", "csv", "json")) {
            Path out = temp.resolve(format);
            data.write()
                    .format(format)
                    .option("header", "true")
                    .partitionBy("part")
                    .save(out.toString());
            assertThat(out.resolve("_SUCCESS")).exists();
            try (Stream<Path> files = Files.list(out)) {
                // _commit.lock serializes commits to the directory; readers skip it as every _ name.
                assertThat(files.map(path -> path.getFileName().toString())
                                .sorted()
                                .toList())
                        .containsExactly("_SUCCESS", "_commit.lock", "part=0", "part=1", "part=2");
            }
            String schema = format.equals("parquet") ? "" : "(id BIGINT, label STRING, amount DECIMAL(12,2), part INT)";
            session()
                    .sql("CREATE OR REPLACE TEMPORARY VIEW files_" + format + " " + schema + " USING " + format
                            + " OPTIONS (path '" + out + "', header 'true')");
            assertThat(rows(session()
                            .sql("SELECT part, count(*), sum(id), sum(amount) FROM files_" + format
                                    + " WHERE id >= 10 GROUP BY part ORDER BY part")))
                    .as(format)
                    .containsExactly("[0,330,166815,41703.75]", "[1,330,166155,41538.75]", "[2,330,166485,41621.25]");
            assertThat(rows(session().sql("SELECT label FROM files_" + format + " WHERE id = 17")))
                    .as(format)
                    .containsExactly("[n17]");
        }
    }

    @Test
    void aFailedWriteModeLeavesTheDestinationAlone() {
        Path out = temp.resolve("kept");
        session().range(0, 10).write().parquet(out.toString());
        assertThatThrownBy(() -> session().range(0, 5).write().parquet(out.toString()))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.OUTPUT_PATH_EXISTS));
        assertThat(session().read().parquet(out.toString()).count()).isEqualTo(10);
        session().range(0, 5).write().mode("overwrite").parquet(out.toString());
        assertThat(session().read().parquet(out.toString()).count()).isEqualTo(5);
        session().range(0, 5).write().mode("append").parquet(out.toString());
        assertThat(session().read().parquet(out.toString()).count()).isEqualTo(10);
    }

    @Test
    void malformedCsvRowsAreKeptInPermissiveModeAndFailFastSaysWhere() throws IOException {
        Path file = temp.resolve("bad.csv");
        Files.writeString(file, "a,b\n1,2\nx,3\n4\n", StandardCharsets.UTF_8);
        Dataset<Row> permissive = session()
                .read()
                .option("header", "true")
                .schema("a INT, b INT, _corrupt_record STRING")
                .csv(file.toString());
        assertThat(rows(permissive.orderBy(col("b").asc_nulls_last())))
                .containsExactly("[1,2,null]", "[null,3,x,3]", "[4,null,4]");
        assertThatThrownBy(() -> session()
                        .read()
                        .option("header", "true")
                        .option("mode", "FAILFAST")
                        .schema("a INT, b INT")
                        .csv(file.toString())
                        .collectAsList())
                .hasMessageContaining("bad.csv")
                .hasMessageContaining("line 3");
    }

    @Test
    void aCachedDatasetGivesTheSameRowsAndIsUsedByLaterQueries() {
        Dataset<Row> squares = session()
                .range(0, 100)
                .select(col("id"), col("id").multiply(col("id")).as("sq"));
        squares.cache();
        assertThat(squares.filter(col("id").equalTo(9)).collectAsList().get(0).getLong(1))
                .isEqualTo(81);
        assertThat(squares.agg(functions.sum("sq")).first().getLong(0)).isEqualTo(328350);
        assertThat(squares.filter(col("id").lt(3)).explainString(false)).contains("InMemoryScan");
        squares.unpersist();
        assertThat(squares.filter(col("id").lt(3)).explainString(false)).doesNotContain("InMemoryScan");
    }

    @Test
    void errorsSayWhatIsWrongAndWhere() {
        people().createOrReplaceTempView("people");
        assertThatThrownBy(() -> session().sql("SELECT nmae FROM people"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_COLUMN))
                .hasMessageContaining("nmae")
                .hasMessageContaining("did you mean")
                .hasMessageContaining("name");
        assertThatThrownBy(() -> session().sql("SELECT id FROM peple"))
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND))
                .hasMessageContaining("people");
        assertThatThrownBy(() -> session().sql("SELECT id FORM people"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR))
                .hasMessageContaining("line 1")
                .hasMessageContaining("^");
        assertThatThrownBy(() -> session().sql("SELECT uper(name) FROM people"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.UNRESOLVED_ROUTINE))
                .hasMessageContaining("upper");
        assertThatThrownBy(() -> session()
                        .sql("SELECT id FROM people WHERE name + 1 > 2")
                        .collectAsList())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("ann");
        assertThatThrownBy(() -> session().sql("SELECT 1 / 0").collectAsList())
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.DIVIDE_BY_ZERO));
        assertThatThrownBy(() -> session().sql("SELECT dept, name FROM people GROUP BY dept"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.INVALID_SQL))
                .hasMessageContaining("name");
    }

    @Test
    void explainShowsEveryStageAndTheExchanges() {
        people().createOrReplaceTempView("people");
        String plan = session()
                .sql("SELECT dept, sum(salary) FROM people WHERE id > 1 GROUP BY dept")
                .explainString(true);
        assertThat(plan)
                .contains(
                        "== Parsed Logical Plan ==",
                        "== Analyzed Logical Plan ==",
                        "== Optimized Logical Plan ==",
                        "== Physical Plan ==")
                .contains("HashAggregate(partial")
                .contains("Exchange hashpartitioning")
                .contains("HashAggregate(final");
        List<String> explained = new ArrayList<>();
        for (Row row : session().sql("EXPLAIN SELECT count(*) FROM people").collectAsList()) {
            explained.add(row.getString(0));
        }
        assertThat(explained.get(0)).contains("== Physical Plan ==");
    }

    @Test
    void dataFrameOperationsMatchTheirSqlMeaning() {
        Dataset<Row> people = people();
        assertThat(rows(people.groupBy("dept").count().orderBy(col("dept").asc_nulls_last())))
                .containsExactly("[eng,2]", "[ops,2]", "[null,1]");
        assertThat(rows(people.na()
                        .fill("none", "dept")
                        .select("dept")
                        .distinct()
                        .orderBy("dept")))
                .containsExactly("[eng]", "[none]", "[ops]");
        assertThat(people.na().drop().count()).isEqualTo(3);
        assertThat(rows(people.selectExpr("id * 10 AS tens").where("tens > 30").orderBy("tens")))
                .containsExactly("[40]", "[50]");
        assertThat(people.withColumnRenamed("name", "who").columns()).containsExactly("id", "who", "dept", "salary");
        assertThat(people.drop("salary", "dept").columns()).containsExactly("id", "name");
        assertThat(rows(people.dropDuplicates("dept")
                        .select("dept")
                        .orderBy(col("dept").asc_nulls_first())))
                .containsExactly("[null]", "[eng]", "[ops]");
        assertThat(rows(people.describe("salary").select("summary", "salary")))
                .containsExactly(
                        "[count,4]", "[mean,92.562500]", "[stddev,22.243327651230604]", "[min,70.25]", "[max,120.50]");
        Dataset<Row> extra = session().sql("SELECT 'x' AS name, 9 AS id");
        assertThat(rows(people.select("id", "name")
                        .unionByName(extra)
                        .orderBy(col("id").desc())
                        .limit(1)))
                .containsExactly("[9,x]");
    }

    @Test
    void aBroadcastHintBroadcastsTheNamedSideWhateverItsSize() {
        people().createOrReplaceTempView("p");
        departments().createOrReplaceTempView("d");
        session().conf().set("ember.sql.autoBroadcastJoinThreshold", "-1");
        try {
            String unhinted = session()
                    .sql("SELECT p.id FROM p JOIN d ON p.dept = d.dept")
                    .explainString(false);
            assertThat(unhinted).contains("ShuffledHashJoin").doesNotContain("BroadcastHashJoin");
            Dataset<Row> hinted =
                    session().sql("SELECT /*+ BROADCAST(d) */ p.id, d.floor FROM p JOIN d ON p.dept = d.dept");
            assertThat(hinted.explainString(false))
                    .contains("BroadcastHashJoin")
                    .contains("build right");
            assertThat(sortedRows(hinted)).containsExactly("[1,3]", "[2,3]", "[3,1]", "[5,1]");
            assertThat(session().sql("SELECT id FROM p WHERE id > 1").explainString(false))
                    .contains("Filter (id#")
                    .contains(" > 1)")
                    .doesNotContain("Comparison[");
        } finally {
            session().conf().unset("ember.sql.autoBroadcastJoinThreshold");
        }
    }

    @Test
    void aWindowOverTheLeftKeyOfAnOuterJoinSeesOneNullPartition() {
        // Unmatched right rows are null-padded on the left in every partition: a window partitioned by the left key
        // must exchange again rather than trust the join's left partitioning.
        session().range(0, 100, 1, 4).selectExpr("id % 10 AS k").createOrReplaceTempView("ol");
        session().range(0, 100, 1, 4).selectExpr("id % 20 + 5 AS k").createOrReplaceTempView("orr");
        session().conf().set("ember.sql.autoBroadcastJoinThreshold", "-1");
        try {
            for (String kind : List.of("RIGHT JOIN", "FULL JOIN")) {
                for (String hint : List.of("", "/*+ MERGE(orr) */")) {
                    List<Row> rows = session()
                            .sql("SELECT " + hint + " ol.k, count(*) OVER (PARTITION BY ol.k) AS c FROM ol " + kind
                                    + " orr ON ol.k = orr.k")
                            .collectAsList();
                    List<Long> nullCounts = rows.stream()
                            .filter(row -> row.isNullAt(0))
                            .map(row -> row.getLong(1))
                            .distinct()
                            .toList();
                    long nullRows = rows.stream().filter(row -> row.isNullAt(0)).count();
                    assertThat(nullRows).as(kind + " " + hint).isPositive();
                    assertThat(nullCounts).as(kind + " " + hint).containsExactly(nullRows);
                }
            }
        } finally {
            session().conf().unset("ember.sql.autoBroadcastJoinThreshold");
        }
    }

    @Test
    void aSortMergeJoinGivesTheRowsOfTheHashJoinForEveryJoinKind() {
        // Duplicate keys on both sides, null keys on both sides, keys on one side only, and an extra condition.
        session()
                .range(0, 3000, 1, 3)
                .selectExpr("CASE WHEN id % 50 = 0 THEN NULL ELSE id % 37 END AS k", "id AS a")
                .createOrReplaceTempView("l");
        session()
                .range(0, 800, 1, 2)
                .selectExpr("CASE WHEN id % 40 = 0 THEN NULL ELSE id % 53 END AS k", "id AS b")
                .createOrReplaceTempView("r");
        session().conf().set("ember.sql.autoBroadcastJoinThreshold", "-1");
        try {
            for (String kind :
                    List.of("JOIN", "LEFT JOIN", "RIGHT JOIN", "FULL JOIN", "LEFT SEMI JOIN", "LEFT ANTI JOIN")) {
                String columns = kind.contains("SEMI") || kind.contains("ANTI") ? "l.k, l.a" : "l.k, l.a, r.k, r.b";
                for (String on : List.of("l.k = r.k", "l.k = r.k AND (l.a + r.b) % 3 <> 0")) {
                    String query = " " + columns + " FROM l " + kind + " r ON " + on;
                    Dataset<Row> merged = session().sql("SELECT /*+ MERGE(r) */" + query);
                    Dataset<Row> hashed = session().sql("SELECT" + query);
                    assertThat(merged.explainString(false)).as(kind).contains("SortMergeJoin");
                    assertThat(hashed.explainString(false)).as(kind).contains("ShuffledHashJoin");
                    List<String> expected = sortedRows(hashed);
                    assertThat(expected).as(kind + " ON " + on).isNotEmpty();
                    assertThat(sortedRows(merged)).as(kind + " ON " + on).isEqualTo(expected);
                    // The smaller side on the left: a shuffled join builds it, outer or not.
                    String swappedColumns = kind.contains("SEMI") || kind.contains("ANTI") ? "r.k, r.b" : columns;
                    String swapped = " " + swappedColumns + " FROM r " + kind + " l ON " + on;
                    Dataset<Row> built = session().sql("SELECT" + swapped);
                    Dataset<Row> reference = session().sql("SELECT /*+ MERGE(l) */" + swapped);
                    if (!kind.contains("SEMI") && !kind.contains("ANTI")) {
                        assertThat(built.explainString(false)).as(kind).contains("build left");
                    }
                    assertThat(sortedRows(built))
                            .as("r " + kind + " l ON " + on)
                            .isEqualTo(sortedRows(reference));
                }
            }
            session().conf().set("ember.sql.join.preferSortMergeJoin", "true");
            Dataset<Row> preferred = people().join(departments(), "dept");
            assertThat(preferred.explainString(false)).contains("SortMergeJoin");
            assertThat(sortedRows(preferred.select("id", "floor"))).containsExactly("[1,3]", "[2,3]", "[3,1]", "[5,1]");
            assertThat(people().join(departments().hint("broadcast"), "dept").explainString(false))
                    .as("a broadcast hint wins over the preference")
                    .contains("BroadcastHashJoin");
        } finally {
            session().conf().unset("ember.sql.autoBroadcastJoinThreshold");
            session().conf().unset("ember.sql.join.preferSortMergeJoin");
        }
        assertThat(people().hint("merge").join(departments(), "dept").explainString(false))
                .contains("SortMergeJoin");
        assertThatThrownBy(() -> people().hint("shuffle_hash"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("broadcast and merge");
    }

    @Test
    void higherOrderFunctionsRunTheirLambdasInTheTasksFromSqlAndTheJavaApi() {
        Dataset<Row> data = session().range(0, 4, 1, 2).selectExpr("id", "sequence(0, id) AS xs");
        assertThat(rows(data.select(
                                col("id"),
                                functions.transform(col("xs"), x -> x.multiply(col("id"))),
                                functions.filter(col("xs"), (x, i) -> i.geq(1)),
                                functions.aggregate(col("xs"), lit(0L), (acc, x) -> acc.plus(x)),
                                functions.exists(col("xs"), x -> x.equalTo(2)))
                        .orderBy("id")))
                .containsExactly(
                        "[0,[0],[],0,false]",
                        "[1,[0, 1],[1],1,false]",
                        "[2,[0, 2, 4],[1, 2],3,true]",
                        "[3,[0, 3, 6, 9],[1, 2, 3],6,true]");
        data.createOrReplaceTempView("seqs");
        assertThat(rows(session()
                        .sql("SELECT id, zip_with(xs, transform(xs, x -> x * x), (a, b) -> a + b) AS z,"
                                + " map_filter(map_from_arrays(xs, xs), (k, v) -> k > id - 2) AS m FROM seqs"
                                + " WHERE forall(xs, x -> x < 3) ORDER BY id")))
                .containsExactly("[0,[0],{0=0}]", "[1,[0, 2],{0=0, 1=1}]", "[2,[0, 2, 6],{1=1, 2=2}]");
        assertThatThrownBy(() -> session().sql("SELECT filter(xs, x -> x) FROM seqs"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("must return BOOLEAN");
    }

    @Test
    void pivotMakesAColumnPerValueFromTheApiAndFromSql() {
        Dataset<Row> sales = session()
                .sql("SELECT * FROM VALUES ('east', 2023, 3), ('east', 2024, 5), ('west', 2023, 2), ('west', 2023, 4),"
                        + " ('north', 2024, 1) AS s(region, year, qty)");
        Dataset<Row> named =
                sales.groupBy("region").pivot("year", List.of(2023, 2024)).agg(functions.sum("qty"));
        assertThat(named.columns()).containsExactly("region", "2023", "2024");
        assertThat(sortedRows(named)).containsExactly("[east,3,5]", "[north,null,1]", "[west,6,null]");
        // Without values: they are found by a query first, in order.
        Dataset<Row> found = sales.groupBy("year")
                .pivot("region")
                .agg(functions.max("qty").as("top"), functions.count("*").as("n"));
        assertThat(found.columns())
                .containsExactly("year", "east_top", "east_n", "north_top", "north_n", "west_top", "west_n");
        assertThat(sortedRows(found)).containsExactly("[2023,3,1,null,null,4,2]", "[2024,5,1,1,1,null,null]");
        sales.createOrReplaceTempView("pivot_sales");
        assertThat(rows(session()
                        .sql("SELECT * FROM pivot_sales PIVOT (sum(qty) FOR region IN ('east' AS e, 'west'))"
                                + " ORDER BY year")))
                .containsExactly("[2023,3,6]", "[2024,5,null]");
    }

    @Test
    void aTopKOverManyRowsKeepsTheFirstRowsAcrossItsCuts() {
        // 60,000 rows in two partitions: each task cuts its rows to the limit many times over.
        Dataset<Row> keyed = session().range(0, 60_000, 1, 2).selectExpr("(id * 7919) % 60000 AS k", "id");
        assertThat(rows(keyed.orderBy(col("k").desc()).limit(3).select("k")))
                .containsExactly("[59999]", "[59998]", "[59997]");
        List<Row> thousand = keyed.orderBy(col("k")).limit(5000).collectAsList();
        assertThat(thousand).hasSize(5000);
        for (int i = 0; i < thousand.size(); i++) {
            assertThat(thousand.get(i).getLong(0)).isEqualTo(i);
        }
    }

    @Test
    void subqueriesInExpressionsLateralAliasesIntervalsAndReorderedJoinsAcrossTasks() {
        Dataset<Row> fact = session().range(0, 3_000, 1, 3).selectExpr("id", "id % 7 AS d1", "id % 5 AS d2");
        fact.createOrReplaceTempView("conf_fact");
        session()
                .sql("SELECT * FROM VALUES (0, 'a'), (1, 'b'), (2, 'c'), (3, 'd') AS t(k, name)")
                .createOrReplaceTempView("conf_dim1");
        session().sql("SELECT * FROM VALUES (0), (1), (NULL) AS t(k)").createOrReplaceTempView("conf_dim2");
        // IN with its unknown in a select list, an EXISTS under NOT in an OR, an inequality-correlated count.
        assertThat(sortedRows(session()
                        .sql("SELECT d2, d2 IN (SELECT k FROM conf_dim2) AS listed, count(*) AS n FROM conf_fact"
                                + " GROUP BY d2")))
                .containsExactly("[0,true,600]", "[1,true,600]", "[2,null,600]", "[3,null,600]", "[4,null,600]");
        assertThat(session()
                        .sql("SELECT count(*) FROM conf_fact f WHERE f.id < 10 OR NOT EXISTS"
                                + " (SELECT 1 FROM conf_dim1 d WHERE d.k = f.d1)")
                        .first()
                        .getLong(0))
                .isEqualTo(java.util.stream.LongStream.range(0, 3_000)
                        .filter(id -> id < 10 || id % 7 > 3)
                        .count());
        assertThat(rows(session()
                        .sql("SELECT k, (SELECT count(*) FROM conf_dim1 i WHERE i.k < o.k) AS below FROM conf_dim1 o"
                                + " ORDER BY k")))
                .containsExactly("[0,0]", "[1,1]", "[2,2]", "[3,3]");
        // A lateral alias in an aggregation, an interval day keeping a date a date.
        assertThat(rows(session()
                        .sql("SELECT d1, count(*) AS n, n * 2 AS twice, DATE '2024-03-01' - INTERVAL '1' DAY AS day"
                                + " FROM conf_fact WHERE d1 = 0 GROUP BY d1")))
                .containsExactly("[0,429,858,2024-02-29]");
        // Three relations written smallest first are joined largest first; the rows are the same.
        Dataset<Row> joined = session()
                .sql("SELECT count(*), sum(f.id) FROM conf_dim1 a, conf_fact f, conf_dim2 b"
                        + " WHERE a.k = f.d1 AND b.k = f.d2");
        Row totals = joined.first();
        long expected = 0;
        long sum = 0;
        for (long id = 0; id < 3_000; id++) {
            if (id % 7 < 4 && id % 5 < 2) {
                expected++;
                sum += id;
            }
        }
        assertThat(totals.getLong(0)).isEqualTo(expected);
        assertThat(totals.getLong(1)).isEqualTo(sum);
    }

    /** Runs {@code body} with the settings {@code keyValues} (key, value, key, value...) and unsets them after. */
    private void withSettings(Runnable body, String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            session().conf().set(keyValues[i], keyValues[i + 1]);
        }
        try {
            body.run();
        } finally {
            for (int i = 0; i < keyValues.length; i += 2) {
                session().conf().unset(keyValues[i]);
            }
        }
    }

    @Test
    void adaptiveExecutionCoalescesSmallShufflePartitionsAndShowsTheFinalPlan() {
        withSettings(
                () -> {
                    Dataset<Row> grouped = session()
                            .range(0, 20_000)
                            .groupBy(col("id").mod(lit(7)).as("k"))
                            .count()
                            .orderBy(col("k"));
                    String before = grouped.explainString(false);
                    assertThat(before).contains("AdaptivePlan isFinalPlan=false", "== Initial Plan ==");
                    List<String> expected = new ArrayList<>();
                    for (int k = 0; k < 7; k++) {
                        expected.add("[" + k + "," + (20_000 / 7 + (k < 20_000 % 7 ? 1 : 0)) + "]");
                    }
                    assertThat(rows(grouped)).isEqualTo(expected);
                    String after = grouped.explainString(false);
                    // Twenty reduce partitions of a few hundred bytes are read as one, in the aggregation and the sort.
                    assertThat(after)
                            .contains("AdaptivePlan isFinalPlan=true", "== Final Plan ==", "ShuffleQueryStage")
                            .contains("read 20 partitions as 1 (coalesced)");
                },
                "ember.sql.shuffle.partitions",
                "20");
    }

    @Test
    void adaptiveExecutionBroadcastsAJoinSideThatTurnedOutSmallAndPropagatesEmptyInputs() {
        withSettings(
                () -> {
                    // Estimated at the size of its input (1.6 MB), the filtered side is shuffled at first. It runs
                    // with the aggregation below the other side; then the other side's exchange, which has not run
                    // yet, is dropped and the 50 rows are broadcast instead.
                    Dataset<Row> small =
                            session().range(0, 100_000).filter(col("id").lt(50));
                    Dataset<Row> big = session()
                            .range(0, 100_000)
                            .groupBy(col("id").mod(lit(1000)).as("k"))
                            .agg(functions.max(col("id")).as("m"));
                    Dataset<Row> joined = small.join(
                                    big, small.col("id").equalTo(big.col("m").minus(lit(99_000))))
                            .select(small.col("id"), big.col("k"));
                    String before = joined.explainString(false);
                    assertThat(before).contains("ShuffledHashJoin").doesNotContain("Broadcast");
                    List<String> expected = new ArrayList<>();
                    for (int id = 0; id < 50; id++) {
                        expected.add("[" + id + "," + id + "]");
                    }
                    assertThat(sortedRows(joined))
                            .isEqualTo(expected.stream().sorted().toList());
                    String after = joined.explainString(false);
                    String finalPlan = after.substring(0, after.indexOf("== Initial Plan =="));
                    assertThat(finalPlan).contains("BroadcastHashJoin").doesNotContain("ShuffledHashJoin");
                    // Three exchanges planned (both join sides and the aggregation); two ran.
                    assertThat(finalPlan.split("ShuffleQueryStage", -1)).hasSize(3);

                    // A side with no rows at all makes the inner join empty; a global count still answers 0.
                    Dataset<Row> none = session()
                            .range(0, 100_000)
                            .filter(col("id").lt(0))
                            .join(session().range(0, 100_000), "id");
                    Dataset<Row> counted = none.agg(functions.count(lit(1)));
                    assertThat(rows(counted)).containsExactly("[0]");
                    String empty = counted.explainString(false);
                    assertThat(empty.substring(0, empty.indexOf("== Initial Plan ==")))
                            .contains("LocalTableScan")
                            .doesNotContain("HashJoin");
                },
                "ember.sql.autoBroadcastJoinThreshold",
                "100000");
    }

    @Test
    void adaptiveExecutionBuildsTheSideThatTurnedOutSmallerAndExchangesAJoinsOutputOnlyWhenItMust() {
        withSettings(
                () -> {
                    // (a join b) semi join c, anti join d, all on the same key: the semi and anti joins read the
                    // inner join's output as it is partitioned, and only c and d are exchanged for them. Estimated as
                    // the product of its sides, the inner join's output is planned as the side streamed; its stages
                    // turn out smaller than c's and d's, and it is built instead. The conditions read both a and b,
                    // so the semi and anti joins stay above the inner join.
                    Dataset<Row> a = session()
                            .range(0, 100_000)
                            .filter(col("id").mod(lit(10)).equalTo(lit(0)))
                            .select(col("id").as("ak"));
                    Dataset<Row> b = session()
                            .range(0, 100_000)
                            .filter(col("id").mod(lit(4)).equalTo(lit(0)))
                            .select(col("id").as("bk"));
                    Dataset<Row> c = session()
                            .range(0, 300_000)
                            .select(
                                    col("id").mod(lit(100_000)).as("ck"),
                                    col("id").as("cv"));
                    Dataset<Row> d = session()
                            .range(0, 300_000)
                            .filter(col("id").mod(lit(3)).equalTo(lit(0)))
                            .select(col("id").as("dk"));
                    Dataset<Row> joined = a.join(b, col("ak").equalTo(col("bk")))
                            .join(
                                    c,
                                    col("ak")
                                            .equalTo(col("ck"))
                                            .and(col("cv").gt(col("bk").plus(lit(150_000)))),
                                    "left_semi")
                            .join(
                                    d,
                                    col("ak")
                                            .equalTo(col("dk"))
                                            .and(col("dk").notEqual(col("bk").plus(lit(1)))),
                                    "left_anti")
                            .agg(functions.count(lit(1)), functions.sum(col("ak")));
                    String before = joined.explainString(false);
                    assertThat(before.split("Exchange hashpartitioning", -1)).hasSize(5);
                    assertThat(before).contains("LeftSemi, build right", "LeftAnti, build right");

                    long count = 0;
                    long sum = 0;
                    for (long k = 0; k < 100_000; k += 20) {
                        if (k % 3 != 0) {
                            count++;
                            sum += k;
                        }
                    }
                    assertThat(rows(joined)).containsExactly("[" + count + "," + sum + "]");
                    String after = joined.explainString(false);
                    String finalPlan = after.substring(0, after.indexOf("== Initial Plan =="));
                    assertThat(finalPlan).contains("LeftSemi, build left", "LeftAnti, build left");
                },
                "ember.sql.autoBroadcastJoinThreshold",
                "-1");
    }

    @Test
    void adaptiveExecutionRunsTheSideLikelySmallerFirstAndBroadcastsItWhenItIs() throws IOException {
        // The filtered side is estimated at its table's size, twice the other's, which the planner builds; filtered
        // four ways it is likely the smaller, runs first, turns out a few rows, and is broadcast: the other side is
        // never exchanged.
        Path big = temp.resolve("filtered-side");
        Path other = temp.resolve("streamed-side");
        session()
                .range(0, 400_000)
                .select(
                        col("id"),
                        col("id").mod(lit(7)).as("a"),
                        col("id").mod(lit(11)).as("b"))
                .write()
                .parquet(big.toString());
        session().range(0, 200_000).select(col("id").as("k")).write().parquet(other.toString());
        withSettings(
                () -> {
                    Dataset<Row> filtered = session()
                            .read()
                            .parquet(big.toString())
                            .filter(col("a").equalTo(lit(3))
                                    .and(col("b").equalTo(lit(5)))
                                    .and(col("id").lt(lit(100_000)))
                                    .and(col("id").gt(lit(10))));
                    Dataset<Row> streamed = session().read().parquet(other.toString());
                    Dataset<Row> joined = streamed.join(filtered, col("k").equalTo(col("id")))
                            .agg(functions.count(lit(1)), functions.sum(col("k")));
                    String before = joined.explainString(false);
                    assertThat(before).contains("ShuffledHashJoin").doesNotContain("BroadcastHashJoin");

                    long count = 0;
                    long sum = 0;
                    for (long id = 11; id < 100_000; id++) {
                        if (id % 7 == 3 && id % 11 == 5) {
                            count++;
                            sum += id;
                        }
                    }
                    assertThat(rows(joined)).containsExactly("[" + count + "," + sum + "]");
                    String after = joined.explainString(false);
                    String finalPlan = after.substring(0, after.indexOf("== Initial Plan =="));
                    assertThat(finalPlan).contains("BroadcastHashJoin").doesNotContain("ShuffledHashJoin");
                    // The filtered side's stage and the aggregation's: the streamed side never ran as a stage.
                    assertThat(finalPlan.split("ShuffleQueryStage", -1)).hasSize(3);
                },
                "ember.sql.autoBroadcastJoinThreshold",
                "300000");
    }

    @Test
    void adaptiveExecutionFiltersTheLargeSideOfAJoinByTheKeysOfASmallSideItCannotBroadcast() {
        withSettings(
                () -> {
                    // 2000 small rows (keys 7, 107, ...), of which those under 150000 each match 4 of the 600000 big
                    // rows; every fiftieth big row has a null key. The semi, anti and left outer joins keep the small
                    // side's rows, so it cannot be broadcast; the big side is exchanged only for the small side's keys.
                    session()
                            .range(0, 200_000)
                            .filter(col("id").mod(lit(100)).equalTo(lit(7)))
                            .select(col("id").as("sk"))
                            .createOrReplaceTempView("rf_small");
                    session()
                            .sql("SELECT CASE WHEN id % 50 = 1 THEN NULL ELSE id % 150000 END AS bk, id AS bv"
                                    + " FROM range(0, 600000)")
                            .createOrReplaceTempView("rf_big");
                    long matchedSum = 0;
                    long unmatchedSum = 0;
                    for (long sk = 7; sk < 200_000; sk += 100) {
                        if (sk < 150_000) {
                            matchedSum += sk;
                        } else {
                            unmatchedSum += sk;
                        }
                    }
                    String[][] queries = {
                        {
                            "SELECT count(*), sum(sk) FROM rf_small WHERE EXISTS (SELECT 1 FROM rf_big WHERE bk = sk)",
                            "[1500," + matchedSum + "]"
                        },
                        {
                            "SELECT count(*), sum(sk) FROM rf_small"
                                    + " WHERE NOT EXISTS (SELECT 1 FROM rf_big WHERE bk = sk AND bv >= 0)",
                            "[500," + unmatchedSum + "]"
                        },
                        {
                            "SELECT count(*), sum(matches), sum(CASE WHEN matches = 0 THEN 1 ELSE 0 END) FROM"
                                    + " (SELECT sk, count(bk) AS matches FROM rf_small LEFT JOIN rf_big ON sk = bk"
                                    + " GROUP BY sk)",
                            "[2000,6000,500]"
                        },
                        {
                            // The filter goes below the aggregation of the big side, grouped by the key.
                            "SELECT count(*), sum(sk) FROM rf_small"
                                    + " WHERE sk IN (SELECT bk FROM rf_big GROUP BY bk HAVING count(bv) >= 4)",
                            "[1500," + matchedSum + "]"
                        },
                        {
                            // Never below a non-deterministic filter: fewer rows would draw other random values.
                            "SELECT count(*), sum(sk) FROM rf_small WHERE sk IN (SELECT bk FROM rf_big WHERE rand(7) < 2.0)",
                            "[1500," + matchedSum + "]"
                        }
                    };
                    for (String[] query : queries) {
                        Dataset<Row> result = session().sql(query[0]);
                        assertThat(rows(result)).as(query[0]).containsExactly(query[1]);
                        String after = result.explainString(false);
                        String finalPlan = after.substring(0, after.indexOf("== Initial Plan =="));
                        assertThat(finalPlan)
                                .as(query[0])
                                .contains("RuntimeFilter [bk#")
                                .doesNotContain("BroadcastHashJoin");
                        if (query[0].contains("rand(7)")) {
                            assertThat(finalPlan.indexOf("RuntimeFilter"))
                                    .as("the filter above the random one:\n%s", finalPlan)
                                    .isLessThan(finalPlan.indexOf("rand(7)"));
                        }
                        if (query[0].contains("GROUP BY bk")) {
                            assertThat(finalPlan.indexOf("RuntimeFilter"))
                                    .as("the filter under the partial aggregation:\n%s", finalPlan)
                                    .isGreaterThan(finalPlan.indexOf("HashAggregate(partial"));
                        }
                    }
                },
                "ember.sql.autoBroadcastJoinThreshold",
                "1000000");
    }

    @Test
    void adaptiveExecutionSplitsASkewedJoinPartitionAndReturnsTheSameRows() {
        String query = "SELECT count(*), sum(a.id), count(DISTINCT b.id) FROM"
                + " (SELECT id, CASE WHEN id % 4 = 0 THEN id ELSE 0 END AS k FROM range(0, 40000, 1, 8)) a"
                + " JOIN range(0, 40000) b ON a.k = b.id";
        List<String> plain = new ArrayList<>();
        withSettings(
                () -> plain.addAll(rows(session().sql(query))),
                "ember.sql.adaptive.enabled",
                "false",
                "ember.sql.autoBroadcastJoinThreshold",
                "-1");
        assertThat(plain).containsExactly("[40000,799980000,10000]");
        // Skewed on the right, under a window partitioned by the join key with no exchange between them: splitting
        // would spread key 0 over several tasks (each reading the left's partition whole), so the window would
        // count parts of it. The split is not kept there.
        String windowed = "SELECT max(c), count(*), max(v) FROM (SELECT a.k, b.v, count(*) OVER (PARTITION BY a.k) AS c"
                + " FROM (SELECT id AS k FROM range(0, 100)) a"
                + " JOIN (SELECT CASE WHEN id % 4 = 0 THEN id % 100 ELSE 0 END AS k, id AS v"
                + " FROM range(0, 40000, 1, 8)) b"
                + " ON a.k = b.k)";
        withSettings(
                () -> {
                    Dataset<Row> skewed = session().sql(query);
                    assertThat(rows(skewed)).isEqualTo(plain);
                    assertThat(skewed.explainString(false)).contains("skewed partitions split");
                    Dataset<Row> window = session().sql(windowed);
                    assertThat(rows(window)).containsExactly("[30400,40000,39999]");
                    assertThat(window.explainString(false)).doesNotContain("skewed partitions split");
                    // The same join without the window above it is split.
                    String joinOnly = windowed.replace("count(*) OVER (PARTITION BY a.k)", "b.v");
                    Dataset<Row> split = session().sql(joinOnly);
                    assertThat(rows(split)).containsExactly("[39999,40000,39999]");
                    assertThat(split.explainString(false)).contains("skewed partitions split");
                },
                "ember.sql.autoBroadcastJoinThreshold",
                "-1",
                "ember.sql.shuffle.partitions",
                "6",
                "ember.sql.adaptive.skewJoin.skewedPartitionFactor",
                "2",
                "ember.sql.adaptive.skewJoin.skewedPartitionThresholdInBytes",
                "1k",
                "ember.sql.adaptive.advisoryPartitionSizeInBytes",
                "8k");
    }

    @Test
    void theUiLearnsEveryRevisionOfTheQueryPlanButNotOfItsSubqueries() {
        List<SqlEvents.ExecutionPlanUpdate> updates = new java.util.concurrent.CopyOnWriteArrayList<>();
        dev.ember.events.EmberListener listener = new dev.ember.events.EmberListener() {
            @Override
            public void onOtherEvent(dev.ember.events.EmberListenerEvent.Custom event) {
                if (event instanceof SqlEvents.ExecutionPlanUpdate update) {
                    updates.add(update);
                }
            }
        };
        dev.ember.EmberContext context = session().emberContext();
        // Updates of the queries of tests before this one, still on their way, are not this query's.
        assertThat(dev.ember.internal.ContextInternals.listenerBus(context)
                        .waitUntilEmpty(java.time.Duration.ofSeconds(30)))
                .isTrue();
        context.addListener(listener);
        try {
            // The scalar subquery is planned and run adaptively too, inside the outer query's execution.
            Dataset<Row> query = session()
                    .sql("SELECT k, count(*) FROM (SELECT id % 5 AS k FROM range(0, 1000)) GROUP BY k"
                            + " HAVING count(*) > (SELECT max(n) FROM (SELECT count(*) / 10 AS n FROM range(0, 1000)"
                            + " GROUP BY id % 2)) ORDER BY k");
            assertThat(rows(query)).containsExactly("[0,200]", "[1,200]", "[2,200]", "[3,200]", "[4,200]");
            assertThat(dev.ember.internal.ContextInternals.listenerBus(context)
                            .waitUntilEmpty(java.time.Duration.ofSeconds(30)))
                    .isTrue();
        } finally {
            context.removeListener(listener);
        }
        // The scalar subquery runs first, as an execution of its own; each execution's updates describe its own plan:
        // the outer query's a revision after each of its two rounds of stages (aggregation, then sort) and the final.
        java.util.Map<Long, List<SqlEvents.ExecutionPlanUpdate>> byExecution = new java.util.TreeMap<>();
        updates.forEach(update -> byExecution
                .computeIfAbsent(update.executionId(), id -> new ArrayList<>())
                .add(update));
        assertThat(byExecution).hasSize(2);
        List<SqlEvents.ExecutionPlanUpdate> subquery =
                byExecution.values().iterator().next();
        List<SqlEvents.ExecutionPlanUpdate> outer = new ArrayList<>(byExecution.values()).get(1);
        assertThat(subquery)
                .allSatisfy(update -> assertThat(update.physicalPlan()).doesNotContain("rangepartitioning"));
        assertThat(outer).hasSize(3).allSatisfy(update -> assertThat(update.physicalPlan())
                .contains("rangepartitioning", "== Initial Plan =="));
        SqlEvents.ExecutionPlanUpdate last = outer.get(outer.size() - 1);
        assertThat(last.physicalPlan()).contains("isFinalPlan=true");
        assertThat(last.graph().nodes().get(0).name()).isEqualTo("AdaptivePlan");
        assertThat(last.graph().nodes())
                .filteredOn(node -> node.name().equals("QueryStage"))
                .hasSize(2);
    }
}
