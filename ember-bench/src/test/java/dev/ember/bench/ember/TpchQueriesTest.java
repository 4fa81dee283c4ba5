package dev.ember.bench.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.bench.workload.Answer;
import dev.ember.bench.workload.Tpch;
import dev.ember.sql.EmberSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 22 TPC-H queries (standard text, validation parameters; the benchmark's own {@code /tpch/qNN.sql}) at scale
 * factor 0.1, answered by Ember and by DuckDB over the same Parquet files, which Ember writes once with the
 * benchmark's writer ({@link TpchData}) into {@code target/tpch-sf0.1/}. The answers are compared as the benchmark
 * compares them ({@link Answer}): the same rows, in the same order where the query has an ORDER BY of its own,
 * decimals exactly, doubles within a relative 1e-9, a decimal against a double within half a unit of its last digit.
 */
class TpchQueriesTest {
    private static final double SCALE_FACTOR = 0.1;
    private static final Path DATA = Path.of("target", "tpch-sf0.1");

    private static EmberSession session;
    private static Connection duckdb;

    @BeforeAll
    static void setUp() throws Exception {
        session = EmberSession.builder()
                .master("local[2]")
                .appName("tpch")
                .config("ember.sql.session.timeZone", "UTC")
                .config("ember.ui.enabled", "false")
                .getOrCreate();
        long start = System.nanoTime();
        if (!Files.exists(DATA.resolve(Tpch.COMPLETE_MARKER))) {
            TpchData.write(session, DATA, SCALE_FACTOR, List.of());
        }
        System.out.printf(
                Locale.ROOT,
                "TPC-H SF %s data ready in %d ms%n",
                SCALE_FACTOR,
                (System.nanoTime() - start) / 1_000_000);
        duckdb = DriverManager.getConnection("jdbc:duckdb:");
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("SET threads TO 2");
            statement.execute("SET TimeZone = 'UTC'");
            for (String table : Tpch.TABLES) {
                Path directory = DATA.resolve(table).toAbsolutePath();
                session.read().parquet(directory.toString()).createOrReplaceTempView(table);
                statement.execute("CREATE TABLE " + table + " AS SELECT * FROM read_parquet('"
                        + directory.resolve("*.parquet").toString().replace("'", "''") + "')");
            }
        }
    }

    @AfterAll
    static void tearDown() throws SQLException {
        if (duckdb != null) {
            duckdb.close();
        }
        if (session != null) {
            session.stop();
        }
    }

    static Stream<Integer> queries() {
        return IntStream.rangeClosed(1, 22).boxed();
    }

    @ParameterizedTest(name = "Q{0}")
    @MethodSource("queries")
    void query(int number) throws Exception {
        String sql = Tpch.query(number);
        long emberStart = System.nanoTime();
        List<Object[]> emberRows = EmberTpch.rows(session.sql(sql));
        long emberMillis = (System.nanoTime() - emberStart) / 1_000_000;

        long duckStart = System.nanoTime();
        List<Object[]> duckRows = new ArrayList<>();
        try (Statement statement = duckdb.createStatement();
                ResultSet results = statement.executeQuery(sql)) {
            int columns = results.getMetaData().getColumnCount();
            while (results.next()) {
                Object[] values = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    values[i] = results.getObject(i + 1);
                }
                duckRows.add(values);
            }
        }
        long duckMillis = (System.nanoTime() - duckStart) / 1_000_000;
        System.out.printf(
                Locale.ROOT,
                "TPC-H Q%d: %d rows; Ember %d ms, DuckDB %d ms%n",
                number,
                emberRows.size(),
                emberMillis,
                duckMillis);

        Answer expected = Answer.of(duckRows);
        assertThat(expected.size()).as("DuckDB's rows of Q%d", number).isPositive();
        assertThat(expected.differences(Answer.of(emberRows), Tpch.ordered(sql), 5))
                .as("Q%d: Ember against DuckDB", number)
                .isEmpty();
    }
}
