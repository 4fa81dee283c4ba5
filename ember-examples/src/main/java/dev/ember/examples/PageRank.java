package dev.ember.examples;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.StorageLevel;
import java.util.ArrayList;
import java.util.List;

/**
 * PageRank over an edge list: each line of the input is {@code source destination} (whitespace-separated), the
 * link table is cached, and ranks are refined for the given number of iterations with damping 0.85.
 *
 * <pre>bin/ember run-example PageRank &lt;edges&gt; [iterations] [top]</pre>
 */
public final class PageRank {
    private PageRank() {}

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("Usage: PageRank <edges> [iterations] [top]");
            throw new IllegalArgumentException("expected an edge list path");
        }
        int iterations = args.length >= 2 ? Integer.parseInt(args[1]) : 10;
        int top = args.length == 3 ? Integer.parseInt(args[2]) : 10;
        EmberConf conf =
                new EmberConf().setIfMissing("ember.master", "local[*]").setIfMissing("ember.app.name", "PageRank");
        try (EmberContext ctx = new EmberContext(conf)) {
            for (Pair<String, Double> rank : rank(ctx, args[0], iterations, top)) {
                System.out.printf(java.util.Locale.ROOT, "%s has rank %.5f%n", rank.key(), rank.value());
            }
        }
    }

    /** The {@code top} pages by rank after {@code iterations} iterations, highest first. */
    public static List<Pair<String, Double>> rank(EmberContext ctx, String path, int iterations, int top) {
        PairRDD<String, Iterable<String>> links = ctx.textFile(path)
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .mapToPair(line -> {
                    String[] parts = line.split("\\s+");
                    if (parts.length < 2) {
                        throw new IllegalArgumentException("Edge line '" + line + "' needs a source and a destination");
                    }
                    return Pair.of(parts[0], parts[1]);
                })
                .distinct()
                .groupByKey()
                .persist(StorageLevel.MEMORY_ONLY);
        PairRDD<String, Double> ranks = links.mapValues(destinations -> 1.0);
        for (int i = 0; i < iterations; i++) {
            PairRDD<String, Double> contributions = links.join(ranks).values().flatMapToPair(linksAndRank -> {
                List<String> destinations = new ArrayList<>();
                linksAndRank.key().forEach(destinations::add);
                double share = linksAndRank.value() / destinations.size();
                List<Pair<String, Double>> shares = new ArrayList<>(destinations.size());
                for (String destination : destinations) {
                    shares.add(Pair.of(destination, share));
                }
                return shares.iterator();
            });
            ranks = contributions.reduceByKey(Double::sum).mapValues(sum -> 0.15 + 0.85 * sum);
        }
        return ranks.top(top, (a, b) -> {
            int compared = Double.compare(a.value(), b.value());
            return compared != 0 ? compared : b.key().compareTo(a.key());
        });
    }
}
