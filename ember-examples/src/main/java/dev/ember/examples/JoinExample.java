package dev.ember.examples;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Joins generated orders with their customers and totals revenue per country: a shuffle join of two pair RDDs,
 * an aggregation, and a global sort.
 *
 * <pre>bin/ember run-example JoinExample [customers] [orders]</pre>
 */
public final class JoinExample {
    static final List<String> COUNTRIES = List.of("AR", "BR", "CA", "DE", "FR", "IN", "JP", "KE", "NZ", "US");

    private JoinExample() {}

    public static void main(String[] args) {
        int customers = args.length >= 1 ? Integer.parseInt(args[0]) : 1_000;
        int orders = args.length >= 2 ? Integer.parseInt(args[1]) : 100_000;
        EmberConf conf =
                new EmberConf().setIfMissing("ember.master", "local[*]").setIfMissing("ember.app.name", "JoinExample");
        try (EmberContext ctx = new EmberContext(conf)) {
            for (Pair<String, Long> row : revenueByCountry(ctx, customers, orders)) {
                System.out.printf(Locale.ROOT, "%s %,d%n", row.key(), row.value());
            }
        }
    }

    /** Revenue (in cents) per country, by country code. */
    public static List<Pair<String, Long>> revenueByCountry(EmberContext ctx, int customers, int orders) {
        int partitions = ctx.defaultParallelism();
        // (customer id, country)
        PairRDD<Long, String> customerCountries = ctx.range(0, customers, 1, partitions)
                .mapToPair(id -> Pair.of(id, COUNTRIES.get((int) (id % COUNTRIES.size()))));
        // (customer id, amount in cents)
        PairRDD<Long, Long> orderAmounts = ctx.range(0, orders, 1, partitions).mapToPair(order -> {
            SplittableRandom random = new SplittableRandom(order);
            return Pair.of(random.nextLong(customers), 100 + random.nextLong(100_000));
        });
        return orderAmounts
                .join(customerCountries)
                .mapToPair(
                        joined -> Pair.of(joined.value().value(), joined.value().key()))
                .reduceByKey(Long::sum)
                .sortByKey(true, 1)
                .collect();
    }
}
