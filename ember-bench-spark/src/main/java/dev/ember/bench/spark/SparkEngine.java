package dev.ember.bench.spark;

import dev.ember.bench.workload.Checks;
import dev.ember.bench.workload.Checks.SortSummary;
import dev.ember.bench.workload.Checks.Tally;
import dev.ember.bench.workload.Engine;
import dev.ember.bench.workload.Gen;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.Workload;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The workloads written against Apache Spark's Java RDD API, line for line the same programs as Ember's. Spark
 * is configured as a tuned user would run it: Kryo serialization, no web UI, no console progress bar.
 */
public final class SparkEngine implements Engine {
    private JavaSparkContext context;
    private SparkTpch tpch;

    @Override
    public String name() {
        return "spark";
    }

    @Override
    public String version() {
        return org.apache.spark.package$.MODULE$.SPARK_VERSION();
    }

    @Override
    public void open(Params settings) {
        SparkConf conf = new SparkConf()
                .setMaster("local[" + settings.getInt("cores") + "]")
                .setAppName("ember-bench")
                .set("spark.local.dir", settings.get("localDir"))
                .set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
                .set("spark.ui.enabled", "false")
                .set("spark.ui.showConsoleProgress", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1");
        context = new JavaSparkContext(conf);
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
                    tpch = new SparkTpch();
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

    private JavaRDD<Integer> seeds(int partitions) {
        List<Integer> numbers = new ArrayList<>(partitions);
        for (int i = 0; i < partitions; i++) {
            numbers.add(i);
        }
        return context.parallelize(numbers, partitions);
    }

    private JavaPairRDD<Long, Long> pairs(Params params, String recordsName) {
        long seed = params.getLong("seed");
        long records = params.getLong(recordsName);
        int partitions = params.getInt("partitions");
        int keys = params.getInt("keys");
        double skew = params.getDouble("skew");
        return seeds(partitions)
                .flatMapToPair(p -> Gen.longPairs(seed, records, partitions, p, keys, skew, Tuple2::new));
    }

    private static Result tally(JavaPairRDD<Long, Long> rdd, String countName) {
        List<Tally> tallies = rdd.mapPartitions(
                        records -> List.of(Tally.of(records, pair -> Gen.hash(pair._1(), pair._2())))
                                .iterator())
                .collect();
        return Tally.total(tallies, countName);
    }

    private Result wordCount(Params params) {
        List<Tuple2<String, Integer>> top = context.textFile(params.get("path"), params.getInt("partitions"))
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> new Tuple2<>(word, 1))
                .reduceByKey(Integer::sum)
                .top(params.getInt("top"), new ByCount());
        List<String> words = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (Tuple2<String, Integer> pair : top) {
            words.add(pair._1());
            counts.add((long) pair._2());
        }
        return Checks.topWords(words, counts);
    }

    private static final class ByCount implements Comparator<Tuple2<String, Integer>>, Serializable {
        @Override
        public int compare(Tuple2<String, Integer> a, Tuple2<String, Integer> b) {
            return Checks.compareWordCounts(a._1(), a._2(), b._1(), b._2());
        }
    }

    private Result reduceByKey(Params params) {
        return tally(pairs(params, "records").reduceByKey(Long::sum, params.getInt("partitions")), "keys");
    }

    private Result groupByKey(Params params) {
        JavaPairRDD<Long, Long> summaries = pairs(params, "records")
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
                .flatMapToPair(p -> Gen.teraRecords(seed, records, partitions, p, Tuple2::new))
                .sortByKey(new TeraOrder(), true, params.getInt("outputPartitions"))
                .mapPartitionsWithIndex(
                        (index, sorted) -> List.of(SortSummary.of(index, sorted, Tuple2::_1, Tuple2::_2))
                                .iterator(),
                        false)
                .collect();
        return SortSummary.check(summaries);
    }

    private static final class TeraOrder implements Comparator<byte[]>, Serializable {
        @Override
        public int compare(byte[] a, byte[] b) {
            return Gen.compareKeys(a, b);
        }
    }

    private Result join(Params params) {
        int partitions = params.getInt("partitions");
        int keys = params.getInt("keys");
        JavaPairRDD<Long, Long> right =
                seeds(partitions).flatMapToPair(p -> Gen.distinctKeys(keys, partitions, p, Tuple2::new));
        List<Tally> tallies = pairs(params, "records")
                .join(right, partitions)
                .mapPartitions(joined -> List.of(Tally.of(
                                joined,
                                pair -> Gen.hash(
                                        pair._1(),
                                        Gen.hash(pair._2()._1(), pair._2()._2()))))
                        .iterator())
                .collect();
        return Tally.total(tallies, "rows");
    }

    private Result pageRank(Params params) {
        int partitions = params.getInt("partitions");
        JavaPairRDD<Long, Iterable<Long>> links = context.textFile(params.get("path"), partitions)
                .mapToPair(line -> new Tuple2<>(Checks.edgeSource(line), Checks.edgeTarget(line)))
                .distinct(partitions)
                .groupByKey(partitions)
                .persist(StorageLevel.MEMORY_ONLY());
        JavaPairRDD<Long, Double> ranks = links.mapValues(targets -> 1.0);
        for (int i = 0; i < params.getInt("iterations"); i++) {
            ranks = links.join(ranks, partitions)
                    .values()
                    .flatMapToPair(linksAndRank -> contributions(linksAndRank._1(), linksAndRank._2()))
                    .reduceByKey(Double::sum, partitions)
                    .mapValues(sum -> 0.15 + 0.85 * sum);
        }
        List<Tuple2<Long, Double>> all = ranks.collect();
        links.unpersist(true);
        long[] nodes = new long[all.size()];
        double[] values = new double[all.size()];
        for (int i = 0; i < all.size(); i++) {
            nodes[i] = all.get(i)._1();
            values[i] = all.get(i)._2();
        }
        return Checks.ranks(nodes, values);
    }

    private static Iterator<Tuple2<Long, Double>> contributions(Iterable<Long> targets, double rank) {
        List<Long> list = new ArrayList<>();
        targets.forEach(list::add);
        double share = rank / list.size();
        List<Tuple2<Long, Double>> out = new ArrayList<>(list.size());
        for (Long target : list) {
            out.add(new Tuple2<>(target, share));
        }
        return out.iterator();
    }

    private Result cachedIteration(Params params) {
        JavaPairRDD<Long, Long> data = pairs(params, "records").persist(StorageLevel.MEMORY_ONLY());
        long count = data.count();
        long combined = 0;
        for (int i = 0; i < params.getInt("iterations"); i++) {
            int skip = i;
            combined += data.filter(pair -> pair._2() % 10 != skip)
                    .map(pair -> Gen.hash(pair._1(), pair._2()))
                    .fold(0L, Long::sum);
        }
        data.unpersist(true);
        return new Result().put("records", count).put("checksum", combined);
    }
}
