package dev.ember.sql.jdbc;

import static dev.ember.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading and writing PostgreSQL tables over JDBC, against a real server, in local mode. */
class JdbcTest {
    private static PostgresServer postgres;
    private static EmberSession session;

    @BeforeAll
    static void start() throws Exception {
        postgres = PostgresServer.start();
        session = EmberSession.builder()
                .master("local[2]")
                .appName("jdbc")
                .config("ember.sql.session.timeZone", "UTC")
                .getOrCreate();
    }

    @AfterAll
    static void stop() throws Exception {
        if (session != null) {
            session.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    private static List<String> rows(Dataset<Row> dataset) {
        return dataset.collectAsList().stream().map(Row::toString).toList();
    }

    /** The column types PostgreSQL reports for a table, in order. */
    private static List<String> columnTypes(String table) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT column_name, data_type FROM information_schema.columns"
                        + " WHERE table_name = '" + table + "' ORDER BY ordinal_position")) {
            while (rows.next()) {
                types.add(rows.getString(1) + " " + rows.getString(2));
            }
        }
        return types;
    }

    @Test
    void everyTypeRoundTripsThroughATableEmberCreates() throws Exception {
        Dataset<Row> data = session.sql("SELECT * FROM VALUES"
                + " (true, CAST(1 AS TINYINT), CAST(2 AS SMALLINT), 3, 4L, CAST(1.5 AS FLOAT), 2.25D,"
                + "  CAST(12345.678 AS DECIMAL(12,3)), 'it\\'s \u00e9t\u00e9', X'CAFE', DATE'2024-02-29',"
                + "  TIMESTAMP'2024-03-01 12:34:56.789012', TIMESTAMP_NTZ'2024-03-01 01:02:03',"
                + "  array(1, NULL, 3), array('a', 'b')),"
                + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)"
                + " AS t(b, y, s, i, l, f, d, dec, str, bin, day, ts, ntz, ints, strs)");
        data.write().jdbc(postgres.url(), "all_types", postgres.credentials());
        assertThat(columnTypes("all_types"))
                .containsExactly(
                        "b boolean",
                        "y smallint",
                        "s smallint",
                        "i integer",
                        "l bigint",
                        "f real",
                        "d double precision",
                        "dec numeric",
                        "str text",
                        "bin bytea",
                        "day date",
                        "ts timestamp with time zone",
                        "ntz timestamp without time zone",
                        "ints ARRAY",
                        "strs ARRAY");
        Dataset<Row> back = session.read().jdbc(postgres.url(), "all_types", postgres.credentials());
        assertThat(back.schema().simpleString())
                .isEqualTo("struct<b:boolean,y:smallint,s:smallint,i:int,l:bigint,f:float,d:double,"
                        + "dec:decimal(12,3),str:string,bin:binary,day:date,ts:timestamp,ntz:timestamp,"
                        + "ints:array<int>,strs:array<string>>");
        assertThat(rows(back.orderBy(col("i").asc_nulls_last())
                        .selectExpr(
                                "b",
                                "y",
                                "s",
                                "i",
                                "l",
                                "f",
                                "d",
                                "dec",
                                "str",
                                "hex(bin)",
                                "day",
                                "ts",
                                "CAST(ntz AS STRING)",
                                "ints",
                                "strs")))
                .containsExactly(
                        "[true,1,2,3,4,1.5,2.25,12345.678,it's \u00e9t\u00e9,CAFE,2024-02-29,"
                                + "2024-03-01 12:34:56.789012,2024-03-01 01:02:03,[1, null, 3],[a, b]]",
                        "[null,null,null,null,null,null,null,null,null,null,null,null,null,null,null]");
    }

    @Test
    void aPartitionedReadReadsEveryRowOnceAndFiltersArePushedIntoTheQuery() throws Exception {
        postgres.execute(
                "DROP TABLE IF EXISTS numbers",
                "CREATE TABLE numbers (id BIGINT, name TEXT)",
                "INSERT INTO numbers SELECT g, 'n' || g FROM generate_series(-50, 1049) g",
                "INSERT INTO numbers VALUES (NULL, 'nothing'), (7, 'o''brien')");
        Dataset<Row> all = session.read().jdbc(postgres.url(), "numbers", "id", 0, 1000, 4, postgres.credentials());
        assertThat(all.queryExecution().toBatches().getNumPartitions()).isEqualTo(4);
        // The bounds only set the strides: rows below, above and null are read too.
        assertThat(rows(all.selectExpr("count(*)", "count(DISTINCT name)", "sum(id)")))
                .containsExactly("[1102,1102,"
                        + (java.util.stream.LongStream.rangeClosed(-50, 1049).sum() + 7) + "]");
        Dataset<Row> filtered = all.filter(col("id").gt(1000).or(col("name").equalTo("o'brien")))
                .select("name");
        assertThat(filtered.explainString(false))
                .contains("PushedFilters: [((id#")
                .contains("JdbcScan JDBC " + postgres.url() + " numbers (4 partitions) [id#");
        assertThat(filtered.count()).isEqualTo(50);
        // A quote in a value cannot break out of its literal.
        assertThat(rows(all.filter(col("name").equalTo("x' OR '1'='1")))).isEmpty();

        Dataset<Row> byPredicates = session.read()
                .jdbc(
                        postgres.url(),
                        "numbers",
                        new String[] {"id < 100", "id >= 100", "id IS NULL"},
                        postgres.credentials());
        assertThat(byPredicates.queryExecution().toBatches().getNumPartitions()).isEqualTo(3);
        assertThat(byPredicates.count()).isEqualTo(1102);

        Dataset<Row> query = session.read()
                .format("jdbc")
                .option("url", postgres.url())
                .option("query", "SELECT name, id * 2 AS twice FROM numbers WHERE id BETWEEN 1 AND 3")
                .option("user", PostgresServer.USER)
                .option("password", PostgresServer.PASSWORD)
                .option("fetchsize", "2")
                .load();
        assertThat(rows(query.orderBy("twice"))).containsExactly("[n1,2]", "[n2,4]", "[n3,6]");
    }

    @Test
    void onlyFiltersThatMeanTheSameInTheDatabaseArePushed() throws Exception {
        postgres.execute(
                "DROP TABLE IF EXISTS prices",
                "CREATE TABLE prices (id INT, price NUMERIC(6,2), name TEXT)",
                "INSERT INTO prices VALUES (1, 3.70, 'B'), (2, 3.00, 'b'), (3, 4.10, 'a\\b')");
        Dataset<Row> prices = session.read().jdbc(postgres.url(), "prices", postgres.credentials());
        // A narrowing cast (3.70 becomes 3) stays in Ember: the database would compare 3.70 with 3.
        Dataset<Row> three = prices.filter(col("price").cast("int").equalTo(3)).select("id");
        assertThat(three.explainString(false)).doesNotContain("PushedFilters");
        assertThat(rows(three.orderBy("id"))).containsExactly("[1]", "[2]");
        // String ranges depend on the database's collation: not pushed. Equality is, backslashes and all.
        assertThat(prices.filter(col("name").gt("a")).explainString(false)).doesNotContain("PushedFilters");
        Dataset<Row> backslash = prices.filter(col("name").equalTo("a\\b")).select("id");
        assertThat(backslash.explainString(false)).contains("PushedFilters");
        assertThat(rows(backslash)).containsExactly("[3]");
    }

    @Test
    void writeModesAppendOverwriteTruncateAndRefuse() throws Exception {
        Properties credentials = postgres.credentials();
        session.sql("SELECT id, CAST(id AS STRING) AS label FROM range(10)")
                .write()
                .option("batchsize", "3")
                .jdbc(postgres.url(), "modes", credentials);
        assertThatThrownBy(() -> session.sql("SELECT 1 AS id").write().jdbc(postgres.url(), "modes", credentials))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.ALREADY_EXISTS));
        session.sql("SELECT 1 AS other").write().mode("ignore").jdbc(postgres.url(), "modes", credentials);
        session.sql("SELECT 10L AS id, 'ten' AS label")
                .write()
                .mode("append")
                .jdbc(postgres.url(), "modes", credentials);
        assertThat(session.read().jdbc(postgres.url(), "modes", credentials).count())
                .isEqualTo(11);

        session.sql("SELECT 1 AS id, 'x' AS label")
                .write()
                .option("createTableColumnTypes", "label VARCHAR(20), id NUMERIC(10, 0)")
                .jdbc(postgres.url(), "typed_columns", credentials);
        assertThat(columnTypes("typed_columns")).containsExactly("id numeric", "label character varying");
        // Truncate keeps the table's own definition; a plain overwrite makes it again from the data.
        postgres.execute("ALTER TABLE modes ALTER COLUMN label TYPE VARCHAR(20)");
        session.sql("SELECT 5L AS id, 'five' AS label")
                .write()
                .mode("overwrite")
                .option("truncate", "true")
                .jdbc(postgres.url(), "modes", credentials);
        assertThat(columnTypes("modes")).containsExactly("id bigint", "label character varying");
        assertThat(rows(session.read().jdbc(postgres.url(), "modes", credentials)))
                .containsExactly("[5,five]");
        session.sql("SELECT 'x' AS word").write().mode("overwrite").jdbc(postgres.url(), "modes", credentials);
        assertThat(columnTypes("modes")).containsExactly("word text");
    }

    @Test
    void aFailingTaskRollsBackItsRowsAndTheErrorSaysWhy() throws Exception {
        postgres.execute("DROP TABLE IF EXISTS strict", "CREATE TABLE strict (id BIGINT PRIMARY KEY)");
        // Two tasks; the second holds a duplicate key, so its insert fails and its transaction rolls back. The first
        // may have committed before the job failed (a JDBC write is not atomic across tasks): its rows are whole.
        Dataset<Row> data = session.sql("SELECT CASE WHEN id < 3 THEN id + 1 ELSE 3 END AS id FROM range(0, 4, 1, 2)");
        assertThatThrownBy(() -> data.write().mode("append").jdbc(postgres.url(), "strict", postgres.credentials()))
                .hasMessageContaining("duplicate key");
        assertThat(rows(session.read()
                        .jdbc(postgres.url(), "strict", postgres.credentials())
                        .orderBy("id")))
                .isIn(List.of(), List.of("[1]", "[2]"));
    }

    @Test
    void credentialsNeverShowInPlansOrErrors() throws Exception {
        String secretUrl = postgres.url() + "?password=" + PostgresServer.PASSWORD;
        Properties user = new Properties();
        user.setProperty("user", PostgresServer.USER);
        Dataset<Row> table = session.read().jdbc(secretUrl, "numbers_view_source", withTable(user));
        String explained = table.explainString(true);
        assertThat(explained).doesNotContain(PostgresServer.PASSWORD).contains("password=***");

        session.sql("CREATE OR REPLACE TEMPORARY VIEW secret_view USING jdbc OPTIONS (url '" + postgres.url()
                + "', dbtable 'numbers_view_source', user '" + PostgresServer.USER + "', password '"
                + PostgresServer.PASSWORD + "')");
        assertThat(rows(session.sql("SELECT * FROM secret_view"))).containsExactly("[1]");
        String viaSql = session.sql("EXPLAIN EXTENDED SELECT * FROM secret_view")
                .first()
                .getString(0);
        assertThat(viaSql).doesNotContain(PostgresServer.PASSWORD);

        Properties wrong = postgres.credentials();
        wrong.setProperty("password", "not-the-" + PostgresServer.PASSWORD);
        assertThatThrownBy(() -> session.read().jdbc(postgres.url(), "numbers_view_source", wrong))
                .isInstanceOfSatisfying(
                        EmberException.class, e -> assertThat(e.errorClass()).isEqualTo(ErrorClass.CONNECTION_FAILED))
                .hasMessageContaining("password authentication failed")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(PostgresServer.PASSWORD));
        assertThatThrownBy(() -> session.read().jdbc("jdbc:nosuchdb://x?password=hunter2", "t", new Properties()))
                .hasMessageContaining("put the database's JDBC driver on the classpath")
                .satisfies(e -> assertThat(e.getMessage() + e.getCause()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> session.read().jdbc("jdbc:nosuchdb://app:hunter2@x", "t", new Properties()))
                .satisfies(e -> assertThat(e.getMessage() + e.getCause()).doesNotContain("hunter2"));
        assertThatThrownBy(() -> session.read()
                        .format("jdbc")
                        .option("url", postgres.url())
                        .load())
                .hasMessageContaining("give either dbtable or query");
    }

    private static Properties withTable(Properties user) throws Exception {
        postgres.execute(
                "DROP TABLE IF EXISTS numbers_view_source",
                "CREATE TABLE numbers_view_source (x INT)",
                "INSERT INTO numbers_view_source VALUES (1)");
        return user;
    }
}
