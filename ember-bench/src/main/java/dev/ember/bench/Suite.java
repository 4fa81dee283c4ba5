package dev.ember.bench;

import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Workload;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The workloads of one profile with their sizes, heap and rounds. */
final class Suite {
    /** The heap both engines' JVMs get unless a workload says otherwise. */
    static final String DEFAULT_HEAP = "4g";

    /** The heap of the spill workload: (640 MB - 300 MB reserved) x 0.6 = about 200 MB execution + storage. */
    static final String SPILL_HEAP = "640m";

    /** One workload as this profile runs it. {@code params} is completed with input paths by {@link #inputs}. */
    record Case(Workload workload, String size, Params params, String heap, int warmups, int rounds) {
        Case withParams(Params newParams) {
            return new Case(workload, size, newParams, heap, warmups, rounds);
        }
    }

    enum Profile {
        QUICK,
        FULL
    }

    private Suite() {}

    static List<Case> cases(Profile profile, long seed, int warmups, int rounds) {
        boolean full = profile == Profile.FULL;
        int w = warmups;
        int r = rounds;
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(Workload.STARTUP, "4 numbers", Params.empty(), DEFAULT_HEAP, 1, full ? 9 : 3));

        long textBytes = full ? 500_000_000L : 50_000_000L;
        cases.add(new Case(
                Workload.WORD_COUNT,
                mb(textBytes) + " text",
                Params.of("bytes", textBytes, "vocabulary", 100_000, "skew", 1.0, "partitions", 16, "top", 100),
                DEFAULT_HEAP,
                w,
                r));

        long pairs = full ? 20_000_000L : 2_000_000L;
        cases.add(new Case(
                Workload.REDUCE_BY_KEY,
                count(pairs) + " pairs, 100k keys",
                Params.of("seed", seed, "records", pairs, "keys", 100_000, "skew", 1.0, "partitions", 8),
                DEFAULT_HEAP,
                w,
                r));

        long grouped = full ? 5_000_000L : 1_000_000L;
        cases.add(new Case(
                Workload.GROUP_BY_KEY,
                count(grouped) + " pairs, 500k keys",
                Params.of("seed", seed + 1, "records", grouped, "keys", 500_000, "skew", 0.8, "partitions", 8),
                DEFAULT_HEAP,
                w,
                r));

        long sorted = full ? 10_000_000L : 1_000_000L;
        cases.add(new Case(
                Workload.SORT,
                count(sorted) + " x 100 B",
                Params.of("seed", seed + 2, "records", sorted, "partitions", 16, "outputPartitions", 16),
                DEFAULT_HEAP,
                w,
                r));

        long joinLeft = full ? 5_000_000L : 1_000_000L;
        int joinRight = full ? 1_000_000 : 200_000;
        cases.add(new Case(
                Workload.JOIN,
                count(joinLeft) + " x " + count(joinRight),
                Params.of("seed", seed + 3, "records", joinLeft, "keys", joinRight, "skew", 0.8, "partitions", 8),
                DEFAULT_HEAP,
                w,
                r));

        long edges = full ? 1_000_000L : 200_000L;
        int nodes = (int) (edges / 10);
        cases.add(new Case(
                Workload.PAGE_RANK,
                count(edges) + " edges, 10 iterations",
                Params.of("edges", edges, "nodes", nodes, "iterations", 10, "partitions", 8),
                DEFAULT_HEAP,
                w,
                r));

        long spilled = full ? 20_000_000L : 3_000_000L;
        cases.add(new Case(
                Workload.SPILL_SHUFFLE,
                count(spilled) + " pairs, " + count(spilled / 2) + " keys, heap " + SPILL_HEAP,
                Params.of("seed", seed + 4, "records", spilled, "keys", spilled / 2, "skew", 0.0, "partitions", 8),
                SPILL_HEAP,
                w,
                r));

        long cached = full ? 10_000_000L : 2_000_000L;
        cases.add(new Case(
                Workload.CACHED_ITERATION,
                count(cached) + " pairs x 10 passes",
                Params.of(
                        "seed",
                        seed + 5,
                        "records",
                        cached,
                        "keys",
                        1_000_000,
                        "skew",
                        0.5,
                        "partitions",
                        8,
                        "iterations",
                        10),
                DEFAULT_HEAP,
                w,
                r));

        double scale = full ? 1 : 0.1;
        cases.add(new Case(
                Workload.TPCH,
                "SF " + scale(scale) + ", 22 queries",
                Params.of("scale", scale(scale), "queries", "1-22"),
                DEFAULT_HEAP,
                w,
                r));
        return cases;
    }

    /** Writes (or reuses) the input files a case reads and adds their paths to its parameters. */
    static Case inputs(Case c, Path dataDir, long seed) {
        Params p = c.params();
        return switch (c.workload()) {
            case WORD_COUNT ->
                c.withParams(p.with(
                        "path",
                        DataFiles.text(dataDir, p.getLong("bytes"), p.getInt("vocabulary"), p.getDouble("skew"), seed)
                                .toAbsolutePath()));
            case PAGE_RANK ->
                c.withParams(p.with(
                        "path",
                        DataFiles.edges(dataDir, p.getLong("edges"), p.getInt("nodes"), seed)
                                .toAbsolutePath()));
            default -> c;
        };
    }

    /** A scale factor as the TPC-H generator and the data directory's name spell it: 1, 0.1, 10. */
    static String scale(double scaleFactor) {
        return scaleFactor == Math.rint(scaleFactor)
                ? Long.toString((long) scaleFactor)
                : java.math.BigDecimal.valueOf(scaleFactor).stripTrailingZeros().toPlainString();
    }

    private static String mb(long bytes) {
        return bytes / 1_000_000 + " MB";
    }

    static String count(long n) {
        if (n >= 1_000_000 && n % 100_000 == 0) {
            return n % 1_000_000 == 0 ? n / 1_000_000 + "M" : n / 100_000 / 10.0 + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return n / 1_000 + "k";
        }
        return Long.toString(n);
    }
}
