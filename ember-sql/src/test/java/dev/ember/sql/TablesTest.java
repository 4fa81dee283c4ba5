package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Databases and tables of the persistent catalog, as SQL and the DataFrame writer use them, in local mode. */
class TablesTest {
    @TempDir
    static Path warehouse;

    @TempDir
    Path temp;

    private static EmberSession session;

    @BeforeAll
    static void start() {
        session = EmberSession.builder()
                .master("local[2]")
                .appName("tables")
                .config("ember.sql.shuffle.partitions", "3")
                .config("ember.sql.warehouse.dir", warehouse.toString())
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        session.stop();
    }

    @AfterEach
    void dropEverything() {
        session.sql("USE default");
        for (Row row : session.sql("SHOW DATABASES").collectAsList()) {
            if (!row.getString(0).equals("default")) {
                session.sql("DROP DATABASE " + row.getString(0) + " CASCADE");
            }
        }
        for (Row row : session.sql("SHOW TABLES").collectAsList()) {
            session.sql("DROP TABLE IF EXISTS " + row.getString(1));
        }
        session.conf().unset("ember.sql.sources.partitionOverwriteMode");
    }

    private static List<String> rows(String sql) {
        return session.sql(sql).collectAsList().stream().map(Row::toString).toList();
    }

    private static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    private static List<String> dataFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> dir.relativize(file).toString())
                    .filter(name -> !name.startsWith("_") && !name.contains("/_") && !name.startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void databasesAreCreatedListedUsedAndDropped() {
        session.sql("CREATE DATABASE sales COMMENT 'money' WITH DBPROPERTIES ('owner' = 'ann')");
        session.sql("CREATE DATABASE IF NOT EXISTS sales");
        assertThat(rows("SHOW DATABASES")).containsExactly("[default]", "[sales]");
        assertThat(rows("SHOW DATABASES LIKE 'sa*'")).containsExactly("[sales]");
        assertThat(rows("DESCRIBE DATABASE EXTENDED sales"))
                .contains("[Namespace Name,sales]", "[Comment,money]", "[Properties,[(owner,ann)]]")
                .anyMatch(row -> row.startsWith("[Location,file:" + warehouse.resolve("sales.db")));
        assertThatThrownBy(() -> session.sql("CREATE DATABASE sales"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("exists already");

        session.sql("USE sales");
        session.sql("CREATE TABLE orders (id BIGINT, amount DECIMAL(10,2)) USING parquet");
        assertThat(rows("SHOW TABLES")).containsExactly("[sales,orders,false]");
        assertThat(Files.isDirectory(warehouse.resolve("sales.db/orders"))).isTrue();
        session.sql("USE default");
        assertThat(rows("SHOW TABLES IN sales")).containsExactly("[sales,orders,false]");
        assertThat(rows("SHOW TABLES")).isEmpty();

        assertThatThrownBy(() -> session.sql("DROP DATABASE sales"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SCHEMA_NOT_EMPTY))
                .hasMessageContaining("orders");
        session.sql("DROP DATABASE sales CASCADE");
        assertThat(rows("SHOW DATABASES")).containsExactly("[default]");
        assertThat(Files.exists(warehouse.resolve("sales.db"))).isFalse();
        assertThatThrownBy(() -> session.sql("USE sales"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.SCHEMA_NOT_FOUND));
        assertThatThrownBy(() -> session.sql("CREATE DATABASE `../evil`"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("not valid");
    }

    @Test
    void aPartitionedTableTakesInsertsIntoStaticAndDynamicPartitions() throws IOException {
        session.sql("CREATE TABLE events (id INT, name STRING, day DATE) USING parquet PARTITIONED BY (day)");
        session.sql("INSERT INTO events VALUES (1, 'a', DATE'2024-01-01'), (2, 'b', DATE'2024-01-02')");
        session.sql("INSERT INTO events PARTITION (day = '2024-01-03') SELECT 3, 'c'");
        session.sql("INSERT INTO events (name, id, day) SELECT 'd', 4L, DATE'2024-01-01'");
        assertThat(rows("SELECT id, name, day FROM events ORDER BY id"))
                .containsExactly("[1,a,2024-01-01]", "[2,b,2024-01-02]", "[3,c,2024-01-03]", "[4,d,2024-01-01]");
        assertThat(rows("SHOW PARTITIONS events"))
                .containsExactly("[day=2024-01-01]", "[day=2024-01-02]", "[day=2024-01-03]");
        assertThat(rows("SHOW PARTITIONS events PARTITION (day = '2024-01-02')"))
                .containsExactly("[day=2024-01-02]");
        assertThat(dataFiles(warehouse.resolve("events"))).allMatch(file -> file.startsWith("day=2024-01-0"));
        assertThat(rows("DESCRIBE events"))
                .containsExactly(
                        "[id,int,null]",
                        "[name,string,null]",
                        "[day,date,null]",
                        "[# Partition Information,,]",
                        "[# col_name,data_type,comment]",
                        "[day,date,null]");
        // A filter on the partition column reads only its directory.
        assertThat(rows("SELECT count(*) FROM events WHERE day = DATE'2024-01-01'"))
                .containsExactly("[2]");

        // Static overwrite of one partition leaves the others.
        session.sql("INSERT OVERWRITE events PARTITION (day = '2024-01-01') SELECT 10, 'x'");
        assertThat(rows("SELECT id FROM events ORDER BY id")).containsExactly("[2]", "[3]", "[10]");
        // Dynamic overwrite replaces only the partitions the query writes.
        session.conf().set("ember.sql.sources.partitionOverwriteMode", "dynamic");
        session.sql("INSERT OVERWRITE events SELECT 20, 'y', DATE'2024-01-02'");
        assertThat(rows("SELECT id, day FROM events ORDER BY id"))
                .containsExactly("[3,2024-01-03]", "[10,2024-01-01]", "[20,2024-01-02]");
        // Static overwrite without PARTITION replaces the whole table.
        session.conf().set("ember.sql.sources.partitionOverwriteMode", "static");
        session.sql("INSERT OVERWRITE events SELECT 30, 'z', DATE'2024-02-01'");
        assertThat(rows("SELECT id, day FROM events")).containsExactly("[30,2024-02-01]");
        assertThat(rows("SHOW PARTITIONS events")).containsExactly("[day=2024-02-01]");
    }

    @Test
    void insertsCheckColumnsAndTypesBeforeWritingAnything() throws IOException {
        session.sql("CREATE TABLE t (id INT, name STRING) USING parquet");
        session.sql("INSERT INTO t VALUES (1, 'a')");
        assertThatThrownBy(() -> session.sql("INSERT INTO t SELECT 1, 'a', 'extra'"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("has 2 column(s) to fill")
                .hasMessageContaining("the data has 3");
        assertThatThrownBy(() -> session.sql("INSERT INTO t SELECT DATE'2024-01-01', 'a'"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH))
                .hasMessageContaining("Cannot write the date column");
        assertThatThrownBy(() -> session.sql("INSERT INTO t PARTITION (id = 1) SELECT 'a'"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("not a partition column");
        assertThatThrownBy(() -> session.sql("INSERT INTO missing VALUES (1)"))
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND));
        session.range(3).createOrReplaceTempView("numbers");
        assertThatThrownBy(() -> session.sql("INSERT INTO numbers VALUES (1)"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("temporary view");
        session.sql("CREATE TABLE strict (id INT NOT NULL, note STRING) USING parquet");
        assertThatThrownBy(() -> session.sql("INSERT INTO strict VALUES (1, 'a'), (NULL, 'b')"))
                .hasStackTraceContaining("NOT NULL constraint violated: the column `id` of default.strict");
        assertThatThrownBy(() -> session.sql("INSERT INTO strict (note) VALUES ('c')"))
                .hasStackTraceContaining("NOT NULL constraint violated");
        assertThat(session.table("strict").count()).isZero();
        session.sql("INSERT INTO strict VALUES (2, NULL)");
        assertThat(rows("SELECT * FROM strict")).containsExactly("[2,null]");
        // Numbers narrow with an overflow check; the failed job leaves the table as it was.
        assertThatThrownBy(() -> session.sql("INSERT OVERWRITE t SELECT 3000000000L, 'big'"))
                .isInstanceOf(RuntimeException.class);
        assertThat(rows("SELECT * FROM t")).containsExactly("[1,a]");
        try (Stream<Path> children = Files.list(warehouse.resolve("t"))) {
            assertThat(children.map(child -> child.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("_temporary") || name.startsWith("_commit-"));
        }
    }

    @Test
    void createTableAsSelectWritesEveryFormat() {
        session.sql("CREATE TABLE p USING parquet PARTITIONED BY (k) AS SELECT id, id % 3 AS k FROM range(10)");
        assertThat(rows("SELECT k, count(*) FROM p GROUP BY k ORDER BY k")).containsExactly("[0,4]", "[1,3]", "[2,3]");
        session.sql("CREATE TABLE c USING csv OPTIONS (header 'true', delimiter ';') AS SELECT 1 AS a, 'x;y' AS b");
        assertThat(rows("SELECT * FROM c")).containsExactly("[1,x;y]");
        assertThat(rows("SHOW CREATE TABLE c").get(0))
                .contains("CREATE TABLE spark_catalog.default.c (")
                .contains("USING csv")
                .contains("'delimiter' = ';'");
        session.sql("CREATE TABLE j USING json AS SELECT named_struct('x', 1) AS s, array(1, 2) AS xs");
        assertThat(rows("SELECT s.x, xs[1] FROM j")).containsExactly("[1,2]");
        assertThatThrownBy(() -> session.sql("CREATE TABLE p AS SELECT 1"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.ALREADY_EXISTS));
        session.sql("CREATE TABLE IF NOT EXISTS p AS SELECT 1 AS other");
        assertThat(session.table("p").columns()).containsExactly("id", "k");
        // A CTAS whose query fails leaves no table behind.
        assertThatThrownBy(() -> session.sql("CREATE TABLE bad AS SELECT 1 / (id - 5) AS x FROM range(10)"))
                .isInstanceOf(RuntimeException.class);
        assertThat(session.catalog().tableExists("bad")).isFalse();
        assertThat(Files.exists(warehouse.resolve("bad"))).isFalse();
    }

    @Test
    void tablesOutliveTheirSessionAndShowCreateTableRecreatesThem() {
        session.sql("CREATE DATABASE shop");
        session.sql("CREATE TABLE shop.items (id BIGINT NOT NULL COMMENT 'key', price DECIMAL(9,2), tag STRING)"
                + " USING parquet PARTITIONED BY (tag) COMMENT 'what we sell' TBLPROPERTIES ('team' = 'ops')");
        session.sql("INSERT INTO shop.items VALUES (1, 9.99, 'a'), (2, 0.50, NULL)");
        EmberSession other = session.newSession();
        assertThat(other.sql("SELECT id, price, tag FROM shop.items ORDER BY id")
                        .collectAsList()
                        .toString())
                .isEqualTo("[[1,9.99,a], [2,0.50,null]]");
        assertThat(other.sql("SELECT * FROM spark_catalog.shop.items WHERE tag IS NULL")
                        .count())
                .isEqualTo(1);
        String statement = other.sql("SHOW CREATE TABLE shop.items").first().getString(0);
        assertThat(statement)
                .contains("id BIGINT NOT NULL COMMENT 'key'")
                .contains("PARTITIONED BY (tag)")
                .contains("COMMENT 'what we sell'")
                .contains("'team' = 'ops'")
                .doesNotContain("LOCATION");
        other.sql("CREATE DATABASE copy");
        other.sql("USE copy");
        other.sql(statement.replace("spark_catalog.shop.items", "items"));
        assertThat(other.table("copy.items").schema())
                .isEqualTo(other.table("shop.items").schema());
        assertThat(rows("DESCRIBE TABLE EXTENDED shop.items"))
                .contains("[Type,MANAGED,]", "[Provider,parquet,]", "[Table Properties,[(team,ops)],]");
    }

    @Test
    void alterTableRenamesAddsColumnsAndSetsOptions() {
        session.sql("CREATE TABLE a (id INT) USING parquet");
        session.sql("INSERT INTO a VALUES (1)");
        session.sql("ALTER TABLE a RENAME TO b");
        assertThat(Files.exists(warehouse.resolve("a"))).isFalse();
        assertThat(rows("SELECT * FROM b")).containsExactly("[1]");
        session.sql("ALTER TABLE b ADD COLUMNS (note STRING COMMENT 'later')");
        session.sql("INSERT INTO b VALUES (2, 'two')");
        assertThat(rows("SELECT id, note FROM b ORDER BY id")).containsExactly("[1,null]", "[2,two]");
        assertThatThrownBy(() -> session.sql("ALTER TABLE b ADD COLUMN id INT"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("has a column `id` already");
        session.sql("ALTER TABLE b SET TBLPROPERTIES ('k' = 'v')");
        session.sql("ALTER TABLE b UNSET TBLPROPERTIES ('k')");
        assertThatThrownBy(() -> session.sql("ALTER TABLE b UNSET TBLPROPERTIES ('k')"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("no property 'k'");
        session.sql("CREATE TABLE c (x INT, y STRING) USING csv");
        session.sql("ALTER TABLE c SET SERDEPROPERTIES ('header' = 'true')");
        session.sql("INSERT INTO c VALUES (1, 'one')");
        assertThat(rows("SHOW CREATE TABLE c").get(0)).contains("'header' = 'true'");
        assertThat(session.read()
                        .text(warehouse.resolve("c").toString())
                        .collectAsList()
                        .toString())
                .isEqualTo("[[x,y], [1,one]]");
    }

    @Test
    void droppingAManagedTableDeletesItsFilesAndAnExternalOneKeepsThem() throws IOException {
        Path external = temp.resolve("ext");
        session.range(5).write().parquet(external.toString());
        session.sql("CREATE TABLE ext USING parquet LOCATION '" + external + "'");
        assertThat(session.table("ext").columns()).containsExactly("id");
        assertThat(rows("SELECT sum(id) FROM ext")).containsExactly("[10]");
        session.sql("INSERT INTO ext VALUES (5)");
        assertThat(rows("DESCRIBE EXTENDED ext")).contains("[Type,EXTERNAL,]");
        int before = dataFiles(external).size();
        session.sql("DROP TABLE ext");
        assertThat(dataFiles(external)).hasSize(before);
        assertThat(session.read().parquet(external.toString()).count()).isEqualTo(6);

        session.sql("CREATE TABLE managed AS SELECT 1 AS x");
        session.sql("DROP TABLE managed PURGE");
        assertThat(Files.exists(warehouse.resolve("managed"))).isFalse();
        assertThatThrownBy(() -> session.sql("DROP TABLE managed"))
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND));
        session.sql("DROP TABLE IF EXISTS managed");
    }

    @Test
    void truncateEmptiesATableOrOnePartition() {
        session.sql("CREATE TABLE t USING parquet PARTITIONED BY (p) AS SELECT id, id % 2 AS p FROM range(6)");
        session.sql("TRUNCATE TABLE t PARTITION (p = 1)");
        assertThat(rows("SELECT id FROM t ORDER BY id")).containsExactly("[0]", "[2]", "[4]");
        assertThat(rows("SHOW PARTITIONS t")).containsExactly("[p=0]");
        session.sql("TRUNCATE TABLE t");
        assertThat(session.table("t").count()).isZero();
        assertThat(session.table("t").columns()).containsExactly("id", "p");
    }

    @Test
    void theWriterSavesAppendsOverwritesAndInsertsIntoTables() {
        Dataset<Row> first = session.sql("SELECT id, CAST(id AS STRING) AS s FROM range(3)");
        first.write().partitionBy("s").saveAsTable("w");
        assertThat(rows("SELECT count(*) FROM w")).containsExactly("[3]");
        assertThatThrownBy(() -> first.write().saveAsTable("w"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.ALREADY_EXISTS));
        first.write().mode("ignore").saveAsTable("w");
        // Append matches by name, whatever the order of the columns.
        session.sql("SELECT '9' AS s, 9L AS id").write().mode("append").saveAsTable("w");
        assertThat(rows("SELECT id, s FROM w WHERE id = 9")).containsExactly("[9,9]");
        // insertInto matches by position.
        session.sql("SELECT 7L, '7'").write().insertInto("w");
        assertThat(rows("SELECT count(*) FROM w")).containsExactly("[5]");
        assertThatThrownBy(() -> session.sql("SELECT 1L AS id").write().insertInto("w"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("has 2 column(s) to fill [id, s] but the data has 1 [id]");
        session.sql("SELECT 1L, '1'").write().mode("overwrite").insertInto("w");
        assertThat(rows("SELECT * FROM w")).containsExactly("[1,1]");
        // Overwrite replaces rows and definition.
        session.sql("SELECT 'only' AS word")
                .write()
                .mode("overwrite")
                .format("json")
                .saveAsTable("w");
        assertThat(rows("SELECT * FROM w")).containsExactly("[only]");
        assertThat(rows("DESCRIBE EXTENDED w")).contains("[Provider,json,]");
    }

    @Test
    void analyzeKeepsStatisticsThatTheOptimizerAndDescribeUse() {
        session.sql("CREATE TABLE s AS SELECT id, CAST(id % 10 AS STRING) AS d FROM range(1000)");
        session.sql("ANALYZE TABLE s COMPUTE STATISTICS NOSCAN");
        assertThat(rows("DESCRIBE EXTENDED s")).anyMatch(row -> row.matches("\\[Statistics,\\d+ bytes,]"));
        session.sql("ANALYZE TABLE s COMPUTE STATISTICS FOR COLUMNS id, d");
        List<String> described = rows("DESCRIBE EXTENDED s");
        assertThat(described).anyMatch(row -> row.matches("\\[Statistics,\\d+ bytes, 1000 rows,]"));
        String id = described.stream()
                .filter(row -> row.startsWith("[Column Statistics id,"))
                .findFirst()
                .orElseThrow();
        // Distinct values are counted approximately (HyperLogLog, as Spark does): within 5%.
        long distinct = Long.parseLong(id.replaceAll(".*distinct (\\d+),.*", "$1"));
        assertThat(distinct).isBetween(950L, 1050L);
        assertThat(id).contains("nulls 0, min 0, max 999");
        assertThat(described)
                .anyMatch(row ->
                        row.startsWith("[Column Statistics d,distinct 10, nulls 0, min 0," + " max 9, max length 1"));
        // A write makes them stale: they are dropped.
        session.sql("INSERT INTO s VALUES (5000, 'x')");
        assertThat(rows("DESCRIBE EXTENDED s")).noneMatch(row -> row.startsWith("[Statistics"));
    }

    @Test
    void statisticsTurnASelectiveDimensionIntoABroadcast() {
        session.conf().set("ember.sql.autoBroadcastJoinThreshold", "2000");
        try {
            session.sql("CREATE TABLE fact AS SELECT id, id % 1000 AS dk FROM range(20000)");
            session.sql("CREATE TABLE dim AS SELECT id AS dk, CAST(id AS STRING) AS label, id % 100 AS grp"
                    + " FROM range(1000)");
            String query = "SELECT count(*), sum(fact.id) FROM fact JOIN dim ON fact.dk = dim.dk WHERE dim.grp = 7";
            List<String> expected = rows(query);
            // Without statistics the filter is assumed to keep dim's files whole: over the threshold.
            assertThat(session.sql(query).explainString(false)).doesNotContain("BroadcastHashJoin");
            session.sql("ANALYZE TABLE dim COMPUTE STATISTICS FOR COLUMNS grp");
            // grp = 7 keeps one of grp's 100 values: about 10 rows, far under the threshold.
            assertThat(session.sql(query).explainString(false)).contains("BroadcastHashJoin");
            assertThat(rows(query)).isEqualTo(expected).containsExactly("[200,1991400]");
        } finally {
            session.conf().unset("ember.sql.autoBroadcastJoinThreshold");
        }
    }

    @Test
    void statisticsOrderAChainOfJoins() {
        session.sql("CREATE TABLE fact AS SELECT id, id % 1000 AS dk, id % 50 AS sk FROM range(20000)");
        session.sql("CREATE TABLE dim AS SELECT id AS dk, CAST(id AS STRING) AS label FROM range(1000)");
        session.sql("CREATE TABLE tiny AS SELECT id AS sk, 'x' AS tag FROM range(50)");
        String chain =
                "SELECT count(*) FROM fact, tiny, dim WHERE fact.sk = tiny.sk AND fact.dk = dim.dk AND dim.dk = 3";
        List<String> expected = rows(chain);
        // The chain starts from the fact table and adds the smallest connected relation first. By the size of their
        // files tiny is smaller than dim (whose filter is assumed to keep everything)...
        assertThat(firstJoined(chain, "default.dim", "default.tiny")).isEqualTo("default.tiny");
        session.sql("ANALYZE TABLE fact COMPUTE STATISTICS FOR ALL COLUMNS");
        session.sql("ANALYZE TABLE dim COMPUTE STATISTICS FOR ALL COLUMNS");
        session.sql("ANALYZE TABLE tiny COMPUTE STATISTICS FOR ALL COLUMNS");
        // ...but dim filtered to one key is one row.
        assertThat(firstJoined(chain, "default.dim", "default.tiny")).isEqualTo("default.dim");
        assertThat(rows(chain)).isEqualTo(expected).containsExactly("[20]");
    }

    /** Which of two relations the optimized plan of {@code query} joins first (in a left-deep chain, printed first). */
    private static String firstJoined(String query, String a, String b) {
        String plan = session.sql(query).explainString(true);
        String optimized = plan.substring(plan.indexOf("== Optimized Logical Plan =="), plan.indexOf("== Physical"));
        assertThat(optimized).contains(a, b);
        return optimized.indexOf(a) < optimized.indexOf(b) ? a : b;
    }

    @Test
    void theCatalogApiListsDatabasesTablesAndColumns() {
        session.sql("CREATE DATABASE lake");
        session.sql("CREATE TABLE lake.t (a INT COMMENT 'first', p STRING) USING parquet PARTITIONED BY (p)");
        session.range(2).createOrReplaceTempView("v");
        Catalog catalog = session.catalog();
        assertThat(catalog.currentDatabase()).isEqualTo("default");
        assertThat(catalog.databaseExists("LAKE")).isTrue();
        assertThat(catalog.listDatabases().select("name").collectAsList().toString())
                .isEqualTo("[[default], [lake]]");
        catalog.setCurrentDatabase("lake");
        assertThat(catalog.listTables().collectAsList().toString())
                .isEqualTo("[[t,spark_catalog,[lake],null,MANAGED,false], [v,null,[],null,TEMPORARY,true]]");
        assertThat(catalog.listColumns("t").collectAsList().toString())
                .isEqualTo("[[a,first,int,true,false,false], [p,null,string,true,true,false]]");
        assertThat(catalog.tableExists("t")).isTrue();
        assertThat(catalog.tableExists("lake", "t")).isTrue();
        assertThat(catalog.tableExists("default", "t")).isFalse();
        Path files = temp.resolve("files");
        session.sql("SELECT 1 AS x").write().json(files.toString());
        assertThat(catalog.createTable("j", files.toString(), "json")
                        .collectAsList()
                        .toString())
                .isEqualTo("[[1]]");
        assertThat(rows("DESCRIBE EXTENDED j")).contains("[Type,EXTERNAL,]");
        session.sql("SELECT 2 AS x").write().mode("append").json(files.toString());
        catalog.refreshTable("j");
        assertThat(session.table("j").count()).isEqualTo(2);
        assertThat(catalog.dropTempView("v")).isTrue();
    }

    @Test
    void oddValuesAndNamesSurviveAsPartitionsAndColumns() throws IOException {
        session.sql("CREATE TABLE odd (`order` INT, `from` STRING, _p STRING) USING parquet PARTITIONED BY (_p)");
        session.sql("INSERT INTO odd VALUES (1, 'a', 'Z\u00fcrich'), (2, 'b', 'x/y'), (3, 'c', '..'),"
                + " (4, 'd', 'a b:c%'), (5, 'e', NULL)");
        assertThat(rows("SELECT `order`, _p FROM odd ORDER BY `order`"))
                .containsExactly("[1,Z\u00fcrich]", "[2,x/y]", "[3,..]", "[4,a b:c%]", "[5,null]");
        assertThat(rows("SELECT `order` FROM odd WHERE _p = 'Z\u00fcrich'")).containsExactly("[1]");
        // Spark's escaping: '/', ':' and '%' escaped, a space and non-ASCII letters kept.
        try (Stream<Path> dirs = Files.list(warehouse.resolve("odd"))) {
            assertThat(dirs.map(dir -> dir.getFileName().toString()))
                    .contains("_p=Z\u00fcrich", "_p=x%2Fy", "_p=..", "_p=a b%3Ac%25", "_p=__HIVE_DEFAULT_PARTITION__");
        }
        session.sql("INSERT OVERWRITE odd PARTITION (_p = 'x/y') SELECT 20, 'bb'");
        assertThat(rows("SELECT `order` FROM odd WHERE _p = 'x/y'")).containsExactly("[20]");
        String statement = session.sql("SHOW CREATE TABLE odd").first().getString(0);
        assertThat(statement).contains("`order` INT", "`from` STRING");
        session.sql("CREATE DATABASE again");
        session.sql(statement.replace("spark_catalog.default.odd", "again.odd"));
        assertThat(session.table("again.odd").schema())
                .isEqualTo(session.table("odd").schema());
    }

    @Test
    void externalTablesKeepTheirOwnersFiles() throws IOException {
        Path external = temp.resolve("owned");
        session.range(3).write().parquet(external.toString());
        session.sql("CREATE TABLE owned USING parquet LOCATION '" + external + "'");
        assertThatThrownBy(() -> session.sql("TRUNCATE TABLE owned"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("external table");
        session.sql("CREATE DATABASE other");
        assertThatThrownBy(() -> session.sql("ALTER TABLE owned RENAME TO other.owned"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("stays in its database");
        assertThatThrownBy(() -> session.sql(
                        "CREATE TABLE bad (x INT) USING parquet LOCATION '" + warehouse.resolve("_catalog") + "'"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("warehouse's own directory or its catalog");
        // Overwriting it with saveAsTable makes a new, managed table; the owner's files stay.
        session.sql("SELECT 'new' AS word").write().mode("overwrite").saveAsTable("owned");
        assertThat(rows("SELECT * FROM owned")).containsExactly("[new]");
        assertThat(rows("DESCRIBE EXTENDED owned")).contains("[Type,MANAGED,]");
        assertThat(session.read().parquet(external.toString()).count()).isEqualTo(3);
    }

    @Test
    void aPathOverwriteFollowsThePartitionOverwriteMode() {
        Path out = temp.resolve("days");
        session.sql("SELECT * FROM VALUES (1, 'mon'), (2, 'tue') AS t(n, day)")
                .write()
                .partitionBy("day")
                .parquet(out.toString());
        session.sql("SELECT 3 AS n, 'tue' AS day")
                .write()
                .mode("overwrite")
                .option("partitionOverwriteMode", "dynamic")
                .partitionBy("day")
                .parquet(out.toString());
        assertThat(rows(session.read().parquet(out.toString()).orderBy("n"))).containsExactly("[1,mon]", "[3,tue]");
        session.sql("SELECT 4 AS n, 'wed' AS day")
                .write()
                .mode("overwrite")
                .partitionBy("day")
                .parquet(out.toString());
        assertThat(rows(session.read().parquet(out.toString()))).containsExactly("[4,wed]");
    }

    @Test
    void statisticsWithNaNOrSeveralKeysDoNotShrinkEstimatesToNothing() {
        session.sql("CREATE TABLE nan AS SELECT id, CASE WHEN id = 0 THEN double('NaN') ELSE id * 1.0D END AS x,"
                + " id % 10 AS a, id % 10 AS b FROM range(10000)");
        session.sql("ANALYZE TABLE nan COMPUTE STATISTICS FOR ALL COLUMNS");
        long filtered = dev.ember.sql.plans.logical.Cardinality.rows(
                session.sql("SELECT * FROM nan WHERE x < 5000").queryExecution().optimized());
        assertThat(filtered)
                .as("no range is known, so the filter keeps its input")
                .isEqualTo(10000);
        long joined = dev.ember.sql.plans.logical.Cardinality.rows(
                session.sql("SELECT * FROM nan l JOIN nan r ON l.a = r.a AND l.b = r.b")
                        .queryExecution()
                        .optimized());
        // 10000 × 10000 / 10: a and b are the same column under two names, and only one divides.
        assertThat(joined).isEqualTo(10_000_000);
    }

    @Test
    void aCachedTableIsNamedInTheStorageListingAndRefreshedByWrites() {
        session.sql("CREATE TABLE hot AS SELECT id FROM range(10)");
        session.sql("CACHE TABLE hot OPTIONS ('storageLevel' 'DISK_ONLY')");
        assertThat(session.catalog().isCached("hot")).isTrue();
        assertThat(session.emberContext().getPersistentRDDs().values().stream().map(dev.ember.RDD::name))
                .contains("In-memory table hot");
        assertThat(session.sql("EXPLAIN SELECT sum(id) FROM hot").first().getString(0))
                .contains("InMemoryScan");
        session.sql("INSERT INTO hot VALUES (100)");
        // The table is cached again from its new files, and queries see the new row.
        assertThat(session.catalog().isCached("hot")).isTrue();
        assertThat(rows("SELECT sum(id) FROM hot")).containsExactly("[145]");
        // Both sides of a self-join read the same relation; their columns are kept apart.
        assertThat(rows("SELECT count(*) FROM hot a JOIN hot b ON a.id = b.id + 1"))
                .containsExactly("[9]");
        session.sql("UNCACHE TABLE hot");
        assertThat(session.catalog().isCached("hot")).isFalse();
    }

    @Test
    void namesSettingsAndViewsBehaveAsInSpark() {
        // The warehouse is fixed for the session's life.
        assertThatThrownBy(() -> session.conf().set("ember.sql.warehouse.dir", "/elsewhere"))
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ErrorClass.INVALID_CONFIG_VALUE));
        assertThat(session.conf().isModifiable("spark.sql.warehouse.dir")).isFalse();
        session.sql("CREATE DATABASE IF NOT EXISTS zone");
        assertThatThrownBy(() -> session.sql("CREATE TABLE zone.t2 (x INT) USING json PARTITIONED BY (x)"))
                .hasMessageContaining("Every column of zone.t2 is a partition column");
        session.sql("CREATE TABLE zone.t (x INT, y STRING) USING json PARTITIONED BY (y)");
        session.sql("INSERT INTO spark_catalog.zone.t VALUES (1, 'a')");
        session.sql("USE zone");
        assertThat(rows("SHOW TABLES LIKE 't*'")).containsExactly("[zone,t,false]");
        // A temporary view hides a table of the same name; dropping it uncovers the table.
        session.sql("CREATE TEMPORARY VIEW t AS SELECT 42 AS x");
        assertThat(rows("SELECT * FROM t")).containsExactly("[42]");
        assertThat(rows("SELECT * FROM zone.t")).containsExactly("[1,a]");
        session.sql("DROP VIEW t");
        assertThat(rows("SELECT * FROM t")).containsExactly("[1,a]");
        // Dropping the current database returns the session to default.
        session.sql("DROP DATABASE zone CASCADE");
        assertThat(session.catalog().currentDatabase()).isEqualTo("default");
        assertThatThrownBy(() -> session.sql("SELECT * FROM zone.t"))
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ErrorClass.TABLE_OR_VIEW_NOT_FOUND));
        assertThatThrownBy(() -> session.sql("CREATE TABLE a.b.c.d (x INT)")).hasMessageContaining("too many parts");
    }

    @Test
    void aDamagedCatalogEntryIsReportedWithItsFile() throws IOException {
        session.sql("CREATE TABLE broken (x INT) USING parquet");
        Path entry = warehouse.resolve("_catalog/tables/default/broken.json");
        Files.writeString(entry, "{\"version\": 1, \"name\": ");
        assertThatThrownBy(() -> session.table("broken"))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CATALOG_CORRUPT))
                .hasMessageContaining(entry.toString());
        Files.delete(entry);
        assertThat(session.catalog().tableExists("broken")).isFalse();
    }
}
