package dev.ember.bench.workload;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The workloads of the suite, each run the same way on both engines. */
public enum Workload {
    STARTUP("start-up", "create the context, parallelize(1..4).count(), stop: whole process"),
    WORD_COUNT("word-count", "textFile, flatMap, mapToPair, reduceByKey, top 100 over Zipf text"),
    REDUCE_BY_KEY("reduce-by-key", "reduceByKey over skewed (long, long) pairs"),
    GROUP_BY_KEY("group-by-key", "groupByKey + mapValues over skewed pairs"),
    SORT("sort", "sortByKey of 100-byte records (10-byte keys), validated as globally sorted"),
    JOIN("join", "join of skewed pairs with a table of distinct keys"),
    PAGE_RANK("page-rank", "PageRank over an edge list, link table cached"),
    SPILL_SHUFFLE("spill-shuffle", "reduceByKey over mostly distinct keys, ~4x the execution memory"),
    CACHED_ITERATION("cached-iteration", "cache records, then 10 aggregations over the cache"),
    TPCH("tpch", "the 22 TPC-H queries in SQL over Parquet, one query per run, DuckDB as a reference line");

    private final String id;
    private final String description;

    Workload(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public String description() {
        return description;
    }

    public static Workload fromId(String id) {
        for (Workload workload : values()) {
            if (workload.id.equals(id)) {
                return workload;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + id + "'; known: "
                + Arrays.stream(values()).map(Workload::id).collect(Collectors.joining(", ")));
    }
}
