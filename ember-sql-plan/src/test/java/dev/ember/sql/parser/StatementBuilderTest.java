package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.commands.*;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Statements other than queries become command records with their fields. */
class StatementBuilderTest {
    private final SqlParser parser = new SqlParser();

    private LogicalPlan plan(String sql) {
        return parser.parsePlan(sql);
    }

    private EmberException error(String sql) {
        return (EmberException) catchThrowable(() -> parser.parsePlan(sql));
    }

    private static List<String> names(List<Attribute> output) {
        return output.stream().map(Attribute::name).toList();
    }

    @Test
    void temporaryViewsOverSources() {
        assertThat(plan("CREATE OR REPLACE GLOBAL TEMPORARY VIEW v (a INT, b STRING COMMENT 'bee') USING csv"
                        + " OPTIONS (path '/tmp/a.csv', 'header' = 'true', mergeSchema = true, batch.size = 100,"
                        + " 'storageLevel' 'DISK_ONLY')"))
                .isEqualTo(new CreateTempViewUsing(
                        List.of("v"),
                        true,
                        true,
                        new StructType(List.of(
                                new StructField("a", DataTypes.IntegerType, true, null),
                                new StructField("b", DataTypes.StringType, true, "bee"))),
                        "csv",
                        Map.of(
                                "path", "/tmp/a.csv",
                                "header", "true",
                                "mergeSchema", "true",
                                "batch.size", "100",
                                "storageLevel", "DISK_ONLY")));
        assertThat(plan("CREATE TEMP VIEW v USING org.apache.spark.sql.parquet"))
                .isEqualTo(new CreateTempViewUsing(
                        List.of("v"), false, false, null, "org.apache.spark.sql.parquet", Map.of()));
        assertThat(error("CREATE TEMPORARY VIEW v USING csv OPTIONS (path 'a', path 'b')")
                        .detail())
                .contains("The key path is given more than once");
        assertThat(error("CREATE TEMPORARY VIEW v USING csv OPTIONS (path)").detail())
                .contains("The key path needs a value");
    }

    @Test
    void viewsKeepTheirQueryAndItsText() {
        CreateView view = (CreateView)
                plan("CREATE OR REPLACE VIEW db.v (a, b COMMENT 'bee') COMMENT 'a view' TBLPROPERTIES ('k' = 'v') AS"
                        + "  SELECT 1,  2");
        assertThat(view.name()).containsExactly("db", "v");
        assertThat(view.userColumns())
                .containsExactly(new CreateView.ViewColumn("a", null), new CreateView.ViewColumn("b", "bee"));
        assertThat(view.query()).isInstanceOf(Project.class);
        assertThat(view.originalText()).isEqualTo("SELECT 1,  2");
        assertThat(view.replace()).isTrue();
        assertThat(view.temporary()).isFalse();
        assertThat(view.comment()).isEqualTo("a view");
        assertThat(view.properties()).isEqualTo(Map.of("k", "v"));
        CreateView temp = (CreateView) plan("CREATE GLOBAL TEMPORARY VIEW gv AS SELECT 1");
        assertThat(temp.temporary()).isTrue();
        assertThat(temp.global()).isTrue();
        assertThat(((CreateView) plan("CREATE VIEW IF NOT EXISTS v AS SELECT 1")).ifNotExists())
                .isTrue();
        assertThat(error("CREATE OR REPLACE VIEW IF NOT EXISTS v AS SELECT 1").detail())
                .contains("both OR REPLACE and IF NOT EXISTS");
        assertThat(error("CREATE TEMPORARY VIEW IF NOT EXISTS v AS SELECT 1").detail())
                .contains("TEMPORARY view cannot be created with IF NOT EXISTS");
        assertThat(plan("DROP VIEW IF EXISTS global_temp.gv"))
                .isEqualTo(new DropView(List.of("global_temp", "gv"), true));
    }

    @Test
    void catalogListingsAndDescriptions() {
        assertThat(plan("SHOW TABLES")).isEqualTo(new ShowTables(null, null));
        assertThat(plan("SHOW TABLES FROM db LIKE 'a*'")).isEqualTo(new ShowTables(List.of("db"), "a*"));
        assertThat(plan("SHOW TABLES 'x*'")).isEqualTo(new ShowTables(null, "x*"));
        assertThat(names(plan("SHOW TABLES").output())).containsExactly("namespace", "tableName", "isTemporary");
        assertThat(plan("SHOW COLUMNS IN t IN db")).isEqualTo(new ShowColumns(List.of("db", "t")));
        assertThat(plan("SHOW COLUMNS FROM db.t")).isEqualTo(new ShowColumns(List.of("db", "t")));
        assertThat(error("SHOW COLUMNS IN a.t IN b").errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(names(plan("SHOW COLUMNS IN t").output())).containsExactly("col_name");
        assertThat(plan("SHOW FUNCTIONS LIKE 'a*'")).isEqualTo(new ShowFunctions("a*"));
        assertThat(names(plan("SHOW FUNCTIONS").output())).containsExactly("function");
        assertThat(plan("SHOW SCHEMAS LIKE 'prod*'")).isEqualTo(new ShowDatabases("prod*"));
        assertThat(plan("DESCRIBE TABLE EXTENDED db.t")).isEqualTo(new DescribeTable(List.of("db", "t"), true));
        assertThat(plan("DESC t")).isEqualTo(new DescribeTable(List.of("t"), false));
        assertThat(plan("DESC FORMATTED t")).isEqualTo(new DescribeTable(List.of("t"), true));
        assertThat(names(plan("DESC t").output())).containsExactly("col_name", "data_type", "comment");
        assertThat(plan("DESCRIBE QUERY SELECT a FROM t")).isInstanceOfSatisfying(DescribeQuery.class, d -> {
            assertThat(d.query()).isInstanceOf(Project.class);
            assertThat(names(d.output())).containsExactly("col_name", "data_type", "comment");
        });
        assertThat(plan("DESCRIBE FUNCTION EXTENDED db.my_udf")).isEqualTo(new DescribeFunction("db.my_udf", true));
        assertThat(plan("DESC FUNCTION 'abs'")).isEqualTo(new DescribeFunction("abs", false));
        assertThat(plan("DESCRIBE DATABASE db")).isEqualTo(new DescribeDatabase(List.of("db"), false));
        assertThat(plan("DESCRIBE t").output()).isSameAs(plan("DESCRIBE u").output());
    }

    @Test
    void explainWrapsAnyStatement() {
        assertThat(plan("EXPLAIN SELECT 1")).isInstanceOfSatisfying(Explain.class, e -> {
            assertThat(e.mode()).isEqualTo(Explain.Mode.SIMPLE);
            assertThat(e.statement()).isInstanceOf(Project.class);
            assertThat(names(e.output())).containsExactly("plan");
        });
        assertThat(((Explain) plan("EXPLAIN EXTENDED INSERT INTO t SELECT 1")).statement())
                .isInstanceOf(InsertInto.class);
        assertThat(((Explain) plan("EXPLAIN FORMATTED SELECT 1")).mode()).isEqualTo(Explain.Mode.FORMATTED);
        assertThat(((Explain) plan("EXPLAIN CODEGEN SELECT 1")).mode()).isEqualTo(Explain.Mode.CODEGEN);
        assertThat(((Explain) plan("EXPLAIN COST SELECT 1")).mode()).isEqualTo(Explain.Mode.COST);
        assertThat(error("EXPLAIN LOGICAL SELECT 1").errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
    }

    @Test
    void setAndResetTakeRawText() {
        assertThat(plan("SET")).isEqualTo(new SetConfiguration(null, null));
        assertThat(plan("SET -v")).isEqualTo(new SetConfiguration("-v", null));
        assertThat(plan("SET spark.sql.shuffle.partitions"))
                .isEqualTo(new SetConfiguration("spark.sql.shuffle.partitions", null));
        assertThat(plan("SET a.b.c = some text, with commas and = signs ;"))
                .isEqualTo(new SetConfiguration("a.b.c", "some text, with commas and = signs"));
        assertThat(plan("SET tz=America/Los_Angeles")).isEqualTo(new SetConfiguration("tz", "America/Los_Angeles"));
        assertThat(plan("SET k =")).isEqualTo(new SetConfiguration("k", ""));
        assertThat(plan("SET my.key = 'quoted value'")).isEqualTo(new SetConfiguration("my.key", "'quoted value'"));
        assertThat(names(plan("SET").output())).containsExactly("key", "value");
        assertThat(plan("RESET")).isEqualTo(new ResetConfiguration(null));
        assertThat(plan("RESET spark.sql.shuffle.partitions"))
                .isEqualTo(new ResetConfiguration("spark.sql.shuffle.partitions"));
    }

    @Test
    void caching() {
        assertThat(plan("CACHE LAZY TABLE db.t OPTIONS ('storageLevel' = 'DISK_ONLY')"))
                .isEqualTo(new CacheTable(List.of("db", "t"), true, null, Map.of("storageLevel", "DISK_ONLY")));
        CacheTable cached = (CacheTable) plan("CACHE TABLE c AS SELECT * FROM t");
        assertThat(cached.query()).isInstanceOf(Project.class);
        assertThat(cached.lazy()).isFalse();
        assertThat(plan("UNCACHE TABLE IF EXISTS db.t")).isEqualTo(new UncacheTable(List.of("db", "t"), true));
        assertThat(plan("CLEAR CACHE")).isEqualTo(new ClearCache());
    }

    @Test
    void tables() {
        CreateTable table = (CreateTable)
                plan("CREATE TABLE IF NOT EXISTS db.t (a INT NOT NULL, b STRING DEFAULT 'x' COMMENT 'bee') USING delta"
                        + " PARTITIONED BY (b) LOCATION '/data/t' OPTIONS (compression 'snappy') COMMENT 'c'"
                        + " TBLPROPERTIES ('x' = '1')");
        assertThat(table.name()).containsExactly("db", "t");
        assertThat(table.columns())
                .containsExactly(
                        new ColumnDefinition("a", DataTypes.IntegerType, false, null, null),
                        new ColumnDefinition("b", DataTypes.StringType, true, Literal.of("x"), "bee"));
        assertThat(table.provider()).isEqualTo("delta");
        assertThat(table.partitionColumns()).containsExactly("b");
        assertThat(table.location()).isEqualTo("/data/t");
        assertThat(table.options()).isEqualTo(Map.of("compression", "snappy"));
        assertThat(table.comment()).isEqualTo("c");
        assertThat(table.properties()).isEqualTo(Map.of("x", "1"));
        assertThat(table.ifNotExists()).isTrue();
        assertThat(table.query()).isNull();
        CreateTable ctas = (CreateTable) plan("CREATE OR REPLACE TABLE t USING parquet AS SELECT 1 AS a");
        assertThat(ctas.replace()).isTrue();
        assertThat(ctas.query()).isInstanceOf(Project.class);
        assertThat(error("CREATE TABLE t (a INT) LOCATION '/a' LOCATION '/b'").detail())
                .contains("The clause LOCATION is given more than once");
        assertThat(error("CREATE TABLE t (a INT) AS SELECT 1").detail()).contains("takes its columns from the query");

        InsertInto insert = (InsertInto)
                plan("INSERT OVERWRITE TABLE t PARTITION (dt = '2024-01-01', h) (a, b) SELECT a, b FROM u");
        assertThat(insert.table()).containsExactly("t");
        assertThat(insert.overwrite()).isTrue();
        assertThat(insert.partition())
                .containsExactly(new PartitionValue("dt", Literal.of("2024-01-01")), new PartitionValue("h", null));
        assertThat(insert.columns()).containsExactly("a", "b");
        assertThat(insert.children()).containsExactly(insert.query());
        assertThat(((InsertInto) plan("INSERT INTO t VALUES (1, 2)")).overwrite())
                .isFalse();

        assertThat(plan("DROP TABLE IF EXISTS db.t PURGE")).isEqualTo(new DropTable(List.of("db", "t"), true, true));
        assertThat(plan("TRUNCATE TABLE t PARTITION (dt = 1)"))
                .isEqualTo(new TruncateTable(List.of("t"), List.of(new PartitionValue("dt", Literal.of(1)))));
        assertThat(plan("ANALYZE TABLE db.t COMPUTE STATISTICS FOR COLUMNS a, b"))
                .isEqualTo(new AnalyzeTable(List.of("db", "t"), List.of(), false, List.of("a", "b"), false));
        assertThat(plan("ANALYZE TABLE t COMPUTE STATISTICS NOSCAN"))
                .isEqualTo(new AnalyzeTable(List.of("t"), List.of(), true, List.of(), false));
        assertThat(plan("ANALYZE TABLE t COMPUTE STATISTICS FOR ALL COLUMNS"))
                .isEqualTo(new AnalyzeTable(List.of("t"), List.of(), false, List.of(), true));
        assertThat(plan("ALTER VIEW v RENAME TO db.w"))
                .isEqualTo(new AlterTableRename(List.of("v"), List.of("db", "w"), true));
        assertThat(plan("ALTER TABLE t ADD COLUMN e DOUBLE"))
                .isEqualTo(new AlterTableAddColumns(
                        List.of("t"), List.of(new ColumnDefinition("e", DataTypes.DoubleType, true, null, null))));
        assertThat(plan("ALTER TABLE t SET TBLPROPERTIES ('a' = '1')"))
                .isEqualTo(new AlterTableSetProperties(List.of("t"), Map.of("a", "1"), false));
        assertThat(plan("ALTER TABLE t UNSET TBLPROPERTIES IF EXISTS ('a', 'b')"))
                .isEqualTo(new AlterTableUnsetProperties(List.of("t"), List.of("a", "b"), true, false));
        assertThat(plan("REFRESH TABLE t")).isEqualTo(new RefreshTable(List.of("t")));
    }

    @Test
    void databases() {
        assertThat(plan("CREATE DATABASE IF NOT EXISTS db COMMENT 'the db' LOCATION '/w/db' WITH DBPROPERTIES"
                        + " ('owner' = 'me')"))
                .isEqualTo(new CreateDatabase(List.of("db"), true, "the db", "/w/db", Map.of("owner", "me")));
        assertThat(plan("CREATE SCHEMA s")).isEqualTo(new CreateDatabase(List.of("s"), false, null, null, Map.of()));
        assertThat(error("CREATE DATABASE db COMMENT 'a' COMMENT 'b'").detail())
                .contains("The clause COMMENT is given more than once");
        assertThat(plan("DROP DATABASE IF EXISTS db CASCADE")).isEqualTo(new DropDatabase(List.of("db"), true, true));
        assertThat(plan("DROP SCHEMA s RESTRICT")).isEqualTo(new DropDatabase(List.of("s"), false, false));
        assertThat(plan("USE DATABASE db")).isEqualTo(new UseDatabase(List.of("db")));
        assertThat(plan("USE default")).isEqualTo(new UseDatabase(List.of("default")));
    }

    @Test
    void commandsAreLeavesWithoutExpressions() {
        LogicalPlan view = plan("CREATE VIEW v AS SELECT a FROM t");
        assertThat(view.children()).isEmpty();
        assertThat(view.expressions()).isEmpty();
        assertThat(view.resolved()).isTrue();
        assertThat(view.output()).isEmpty();
    }
}
