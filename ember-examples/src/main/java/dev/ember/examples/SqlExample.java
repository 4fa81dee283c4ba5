package dev.ember.examples;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The question of {@link JoinExample} (revenue per country of generated orders) answered twice on one context: with
 * pair RDDs, and with SQL over DataFrames written to Parquet and read back. The distribution's build runs it to
 * record the classes both paths load (class data sharing).
 *
 * <pre>bin/ember run-example SqlExample [customers] [orders]</pre>
 */
public final class SqlExample {
    private SqlExample() {}

    public static void main(String[] args) throws IOException {
        int customers = args.length >= 1 ? Integer.parseInt(args[0]) : 1_000;
        int orders = args.length >= 2 ? Integer.parseInt(args[1]) : 100_000;
        EmberConf conf =
                new EmberConf().setIfMissing("ember.master", "local[*]").setIfMissing("ember.app.name", "SqlExample");
        Path data = Files.createTempDirectory("ember-sql-example-");
        try (EmberContext ctx = new EmberContext(conf)) {
            System.out.println("With RDDs:");
            for (Pair<String, Long> row : JoinExample.revenueByCountry(ctx, customers, orders)) {
                System.out.printf(Locale.ROOT, "%s %,d%n", row.key(), row.value());
            }
            EmberSession spark = EmberSession.of(ctx);
            spark.range(0, customers)
                    .selectExpr(
                            "id AS customer",
                            "element_at(array('AR','BR','CA','DE','FR','IN','JP','KE','NZ','US'),"
                                    + " CAST(id % 10 AS INT) + 1) AS country")
                    .write()
                    .parquet(data.resolve("customers").toString());
            spark.range(0, orders)
                    .selectExpr(
                            "id AS order_id",
                            "abs(hash(id)) % " + customers + " AS customer",
                            "CAST(100 + abs(hash(id, 'amount')) % 100000 AS DECIMAL(12,0)) / 100 AS amount")
                    .write()
                    .parquet(data.resolve("orders").toString());
            spark.read().parquet(data.resolve("customers").toString()).createOrReplaceTempView("customers");
            spark.read().parquet(data.resolve("orders").toString()).createOrReplaceTempView("orders");
            Dataset<Row> revenue = spark.sql("SELECT c.country, count(*) AS orders, sum(o.amount) AS revenue"
                    + " FROM orders o JOIN customers c ON o.customer = c.customer"
                    + " WHERE o.amount > 1 GROUP BY c.country ORDER BY revenue DESC LIMIT 5");
            System.out.println("With SQL (top countries by revenue of orders over 1.00):");
            List<Row> rows = revenue.collectAsList();
            for (Row row : rows) {
                System.out.printf(Locale.ROOT, "%s %,d %s%n", row.getString(0), row.getLong(1), row.getDecimal(2));
            }
        } finally {
            deleteTree(data);
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
