package dev.ember.bench.ember;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.Pair;
import dev.ember.PairRDD;
import dev.ember.RDD;
import dev.ember.StorageLevel;
import dev.ember.bench.workload.Checks;
import dev.ember.bench.workload.Checks.SortSummary;
import dev.ember.bench.workload.Checks.Tally;
import dev.ember.bench.workload.Engine;
import dev.ember.bench.workload.Gen;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.Workload;
import dev.ember.function.SerializableComparator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.logging.LogManager;

/** The workloads written against Ember's RDD API. */
public final class EmberEngine implements Engine {
    private EmberContext context;
    private EmberTpch tpch;

    @Override
    public String name() {
        return "ember";
    }

    @Override
    public String version() {
        String version = EmberContext.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }

    @Override
    public void open(Params settings) {
        configureLogging();
        EmberConf conf = new EmberConf()
                .setMaster("local[" + settings.getInt("cores") + "]")
                .setAppName("ember-bench")
                .set("ember.local.dir", settings.get("localDir"))
                .set("ember.ui.showConsoleProgress", "false");
        context = new EmberContext(conf);
    }

    /** Warnings and errors only, as Spark's runner logs (see ember-bench-logging.properties). */
    private static void configureLogging() {
        try (InputStream config = EmberEngine.class.getResourceAsStream("/ember-bench-logging.properties")) {
            if (config != null) {
                LogManager.getLogManager().readConfiguration(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the runner's logging configuration", e);
        }
    }

    @Override
    public Result run(Workload workload, Params params) {
        if (context == null) {
            throw new IllegalStateException("the engine is not open");
        }
        return switch (workload) {
            case STARTUP ->
                new Result()
                        .put("count", context.parallelize(List.of(1, 2, 3, 4)).count());
            case WORD_COUNT -> wordCount(params);
            case REDUCE_BY_KEY, SPILL_SHUFFLE -> reduceByKey(params);
            case GROUP_BY_KEY -> groupByKey(params);
            case SORT -> sort(params);
            case JOIN -> join(params);
            case PAGE_RANK -> pageRank(params);
            case CACHED_ITERATION -> cachedIteration(params);
            case TPCH -> {
                if (tpch == null) {
                    tpch = new EmberTpch(context);
                }
                yield tpch.run(params);
            }
        };
    }

    @Override
    public void close() {
        if (context != null) {
            context.stop();
            context = null;
            tpch = null;
        }
    }

    /** One element per partition: the partition's number, from which its records are generated. */
    private RDD<Integer> seeds(int partitions) {
        List<Integer> numbers = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            numbers.add(i);
        }
        return context.parallelize(numbers, partitions);
    }

    private PairRDD<Long, Long> pairs(Params params, String recordsName) {
        long seed = params.getLong("seed");
        long records = params.getLong(recordsName);
        int partitions = params.getInt("partitions");
        int keys = params.getInt("keys");
        double skew = params.getDouble("skew");
        return seeds(partitions).flatMapToPair(p -> Gen.longPairs(seed, records, partitions, p, keys, skew, Pair::of));
    }

    private static Result tally(RDD<Pair<Long, Long>> rdd, String countName) {
        List<Tally> tallies = rdd.mapPartitions(
                        records -> List.of(Tally.of(records, pair -> Gen.hash(pair.key(), pair.value())))
                                .iterator())
                .collect();
        return Tally.total(tallies, countName);
    }

    private Result wordCount(Params params) {
        List<Pair<String, Integer>> top = context.textFile(params.get("path"), params.getInt("partitions"))
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> Pair.of(word, 1))
                .reduceByKey(Integer::sum)
                .top(params.getInt("top"), new ByCount());
        List<String> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Pair<String, Integer> pair : top) {
            words.add(pair.key());
            counts.add((long) pair.value());
        }
        return Checks.topWords(words, counts);
    }

    private static final class ByCount implements SerializableComparator<Pair<String, Integer>> {
        @Override
        public int compare(Pair<String, Integer> a, Pair<String, Integer> b) {
            return Checks.compareWordCounts(a.key(), a.value(), b.key(), b.value());
        }
    }

    private Result reduceByKey(Params params) {
        return tally(pairs(params, "records").reduceByKey(Long::sum, params.getInt("partitions")), "keys");
    }

    private Result groupByKey(Params params) {
        PairRDD<Long, Long> summaries = pairs(params, "records")
                .groupByKey(params.getInt("partitions"))
                .mapValues(values -> {
                    long count = 0;
                    long sum = 0;
                    long max = Long.MIN_VALUE;
                    for (long value : values) {
                        count++;
                        sum += value;
                        max = Math.max(max, value);
                    }
                    return Gen.hash(count, Gen.hash(sum, max));
                });
        return tally(summaries, "keys");
    }

    private Result sort(Params params) {
        long seed = params.getLong("seed");
        long records = params.getLong("records");
        int partitions = params.getInt("partitions");
        List<SortSummary> summaries = seeds(partitions)
                .flatMapToPair(p -> Gen.teraRecords(seed, records, partitions, p, Pair::of))
                .sortByKey(new TeraOrder(), true, params.getInt("outputPartitions"))
                .mapPartitionsWithIndex(
                        (index, sorted) -> List.of(SortSummary.of(index, sorted, Pair::key, Pair::value))
                                .iterator(),
                        false)
                .collect();
        return SortSummary.check(summaries);
    }

    private static final class TeraOrder implements SerializableComparator<byte[]> {
        @Override
        public int compare(byte[] a, byte[] b) {
            return Gen.compareKeys(a, b);
        }
    }

    private Result join(Params params) {
        int partitions = params.getInt("partitions");
        int keys = params.getInt("keys");
        PairRDD<Long, Long> right =
                seeds(partitions).flatMapToPair(p -> Gen.distinctKeys(keys, partitions, p, Pair::of));
        List<Tally> tallies = pairs(params, "records")
                .join(right, partitions)
                .mapPartitions(joined -> List.of(Tally.of(
                                joined,
                                pair -> Gen.hash(
                                        pair.key(),
                                        Gen.hash(
                                                pair.value().key(), pair.value().value()))))
                        .iterator())
                .collect();
        return Tally.total(tallies, "rows");
    }

    private Result pageRank(Params params) {
        int partitions = params.getInt("partitions");
        PairRDD<Long, Iterable<Long>> links = context.textFile(params.get("path"), partitions)
                .mapToPair(line -> Pair.of(Checks.edgeSource(line), Checks.edgeTarget(line)))
                .distinct(partitions)
                .groupByKey(partitions)
                .persist(StorageLevel.MEMORY_ONLY);
        PairRDD<Long, Double> ranks = links.mapValues(targets -> 1.0);
        for (int i = 0; i < params.getInt("iterations"); i++) {
            ranks = links.join(ranks, partitions)
                    .values()
                    .flatMapToPair(linksAndRank -> contributions(linksAndRank.key(), linksAndRank.value()))
                    .reduceByKey(Double::sum, partitions)
                    .mapValues(sum -> 0.15 + 0.85 * sum);
        }
        List<Pair<Long, Double>> all = ranks.collect();
        links.unpersist(true);
        long[] nodes = new long[all.size()];
        double[] values = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            nodes[i] = all.get(i).key();
            values[i] = all.get(i).value();
        }
        return Checks.ranks(nodes, values);
    }

    private static Iterator<Pair<Long, Double>> contributions(Iterable<Long> targets, double rank) {
        List<Long> list = new ArrayList<>();
        targets.forEach(list::add);
        double share = rank / list.size();
        List<Pair<Long, Double>> out = new ArrayList<>(list.size());
        for (Long target : list) {
            out.add(Pair.of(target, share));
        }
        return out.iterator();
    }

    private Result cachedIteration(Params params) {
        PairRDD<Long, Long> data = pairs(params, "records").persist(StorageLevel.MEMORY_ONLY);
        long count = data.count();
        long combined = 0;
        for (int i = 0; i < params.getInt("iterations"); i++) {
            int skip = i;
            combined += data.filter(pair -> pair.value() % 10 != skip)
                    .map(pair -> Gen.hash(pair.key(), pair.value()))
                    .fold(0L, Long::sum);
        }
        data.unpersist(true);
        return new Result().put("records", count).put("checksum", combined);
    }
}
