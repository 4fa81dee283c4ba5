package dev.ember.bench;

import dev.ember.bench.workload.Answer;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.Tpch;
import dev.ember.bench.workload.Workload;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The TPC-H workload: the queries on Ember, Apache Spark and DuckDB, each engine in its own JVM for the whole run.
 * A warm-up pass, then timed passes; within a pass each query runs on the three engines one after the other, so
 * that the times of one query are taken close together. Every answer is compared with DuckDB's (the reference):
 * a query whose answer differs gets no time, only the difference.
 */
final class TpchBench {
    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration QUERY_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration GENERATE_TIMEOUT = Duration.ofMinutes(90);

    /** One engine's measurements: per query the timed runs (seconds), or why there is no time. */
    static final class EngineRun {
        final EngineSetup setup;
        final Map<Integer, List<Double>> seconds = new LinkedHashMap<>();
        final Map<Integer, String> problems = new LinkedHashMap<>();
        String version = "";
        double openSeconds = Double.NaN;
        double firstQuerySeconds = Double.NaN;
        long peakRssKib = -1;
        String failure;

        EngineRun(EngineSetup setup) {
            this.setup = setup;
        }

        String name() {
            return setup.name();
        }

        boolean complete(List<Integer> queries) {
            return failure == null && problems.isEmpty() && queries.stream().allMatch(seconds::containsKey);
        }

        /** The sum of the queries' times in each timed pass. */
        List<Double> passTotals(List<Integer> queries, int passes) {
            List<Double> totals = new ArrayList<>();
            for (int pass = 0; pass < passes; pass++) {
                double total = 0;
                for (int query : queries) {
                    List<Double> times = seconds.get(query);
                    if (times == null || times.size() <= pass) {
                        return List.of();
                    }
                    total += times.get(pass);
                }
                totals.add(total);
            }
            return totals;
        }
    }

    /** What a TPC-H run measured, per engine, and the answers' row counts (from the reference). */
    record Outcome(
            double scaleFactor,
            List<Integer> queries,
            int passes,
            String heap,
            List<EngineRun> engines,
            Map<Integer, Integer> rows,
            String error) {
        EngineRun engine(String name) {
            return engines.stream()
                    .filter(e -> e.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private final Bench bench;
    private final List<EngineSetup> setups;
    private final EngineSetup generator;
    private final Path dataDir;
    private final Path logDir;
    private final PrintStream out;

    /** {@code setups}: Ember, Spark, DuckDB, in that order; the last is the reference. */
    TpchBench(Bench bench, List<EngineSetup> setups, Path dataDir, Path logDir, PrintStream out) {
        this.bench = bench;
        this.setups = setups;
        this.generator = setups.get(0);
        this.dataDir = dataDir;
        this.logDir = logDir;
        this.out = out;
    }

    Outcome run(double scaleFactor, List<Integer> queries, String heap, int warmups, int passes) {
        List<EngineRun> engines = new ArrayList<>();
        setups.forEach(setup -> engines.add(new EngineRun(setup)));
        Map<Integer, Integer> rows = new LinkedHashMap<>();
        Path data;
        try {
            data = data(scaleFactor, tablesOf(queries));
        } catch (BenchmarkException e) {
            out.println("  FAILED: " + e.getMessage());
            return new Outcome(scaleFactor, queries, passes, heap, engines, rows, e.getMessage());
        }
        List<RunnerProcess> runners = new ArrayList<>();
        try {
            for (EngineRun engine : engines) {
                runners.add(RunnerProcess.start(
                        engine.setup, Bench.JVM_OPTIONS, heap, logDir.resolve("tpch-" + engine.name() + ".log")));
            }
            for (int i = 0; i < engines.size(); i++) {
                EngineRun engine = engines.get(i);
                long start = System.nanoTime();
                try {
                    engine.version = runners.get(i)
                            .call("open " + bench.settings(engine.setup).encode(), OPEN_TIMEOUT)
                            .get("version");
                    engine.openSeconds = (System.nanoTime() - start) / 1e9;
                } catch (BenchmarkException e) {
                    engine.failure = "open: " + e.getMessage();
                }
            }
            Map<Integer, Answer> reference = new LinkedHashMap<>();
            for (int pass = -warmups; pass < passes; pass++) {
                for (int query : queries) {
                    StringBuilder line = new StringBuilder(String.format(
                            Locale.ROOT, "  %-8s Q%-2d", pass < 0 ? "warm-up" : "pass " + (pass + 1), query));
                    Map<EngineRun, Answer> answers = new LinkedHashMap<>();
                    for (int i = 0; i < engines.size(); i++) {
                        EngineRun engine = engines.get(i);
                        if (engine.failure != null) {
                            continue;
                        }
                        Params params = Params.of("data", data.toAbsolutePath(), "query", query);
                        try {
                            Params reply = runners.get(i)
                                    .call("run " + Workload.TPCH.id() + " " + params.encode(), QUERY_TIMEOUT);
                            double seconds = reply.getLong("nanos") / 1e9;
                            if (Double.isNaN(engine.firstQuerySeconds)) {
                                engine.firstQuerySeconds = seconds;
                            }
                            String result = reply.get("result");
                            answers.put(
                                    engine,
                                    Answer.decode(Result.decode(result)
                                            .values()
                                            .get("answer")
                                            .toString()));
                            if (pass >= 0) {
                                engine.seconds
                                        .computeIfAbsent(query, q -> new ArrayList<>())
                                        .add(seconds);
                            }
                            line.append(String.format(Locale.ROOT, "  %s %.3f s", engine.name(), seconds));
                        } catch (BenchmarkException e) {
                            engine.problems.putIfAbsent(query, "FAILED: " + firstLine(e.getMessage()));
                            line.append("  ").append(engine.name()).append(" FAILED");
                            if (!runners.get(i).alive()) {
                                engine.failure = "runner died at Q" + query + ": " + firstLine(e.getMessage());
                            }
                        }
                    }
                    check(query, answers, engines, reference, rows);
                    out.println(line);
                }
            }
            for (int i = 0; i < engines.size(); i++) {
                EngineRun engine = engines.get(i);
                if (engine.failure == null) {
                    try {
                        engine.peakRssKib =
                                runners.get(i).call("close", CLOSE_TIMEOUT).getLong("peakRssKib");
                    } catch (BenchmarkException e) {
                        engine.failure = "close: " + e.getMessage();
                    }
                }
            }
        } finally {
            runners.forEach(RunnerProcess::close);
        }
        for (EngineRun engine : engines) {
            // A wrong answer in any pass withdraws every time of that query.
            engine.problems.keySet().forEach(engine.seconds::remove);
        }
        return new Outcome(scaleFactor, queries, passes, heap, engines, rows, null);
    }

    /** Compares each engine's answer with the reference engine's (the last); a difference is recorded, not thrown. */
    private void check(
            int query,
            Map<EngineRun, Answer> answers,
            List<EngineRun> engines,
            Map<Integer, Answer> reference,
            Map<Integer, Integer> rows) {
        EngineRun referenceEngine = engines.get(engines.size() - 1);
        Answer expected = reference.get(query);
        if (expected == null) {
            expected = answers.get(referenceEngine);
            if (expected == null) {
                for (EngineRun engine : answers.keySet()) {
                    engine.problems.putIfAbsent(query, "UNCHECKED: " + referenceEngine.name() + " has no answer");
                }
                return;
            }
            reference.put(query, expected);
            rows.put(query, expected.size());
        }
        boolean ordered = Tpch.ordered(Tpch.query(query));
        for (Map.Entry<EngineRun, Answer> entry : answers.entrySet()) {
            List<String> differences = expected.differences(entry.getValue(), ordered, 3);
            if (!differences.isEmpty()) {
                String message = "WRONG ANSWER (vs " + referenceEngine.name() + "): " + String.join("; ", differences);
                entry.getKey().problems.putIfAbsent(query, message);
                out.println("  " + entry.getKey().name() + " Q" + query + " " + message);
            }
        }
    }

    /** The tables the queries read: every table named as a word in their text. */
    static Set<String> tablesOf(List<Integer> queries) {
        Set<String> tables = new LinkedHashSet<>();
        for (int query : queries) {
            String sql = Tpch.query(query).toLowerCase(Locale.ROOT);
            for (String table : Tpch.TABLES) {
                if (Pattern.compile("\\b" + table + "\\b").matcher(sql).find()) {
                    tables.add(table);
                }
            }
        }
        return tables;
    }

    /** The data directory of the scale factor, written by Ember's generator in its own JVM unless complete. */
    private Path data(double scaleFactor, Set<String> tables) {
        String scale = Suite.scale(scaleFactor);
        boolean all = tables.containsAll(Tpch.TABLES);
        Path full = dataDir.resolve("tpch-sf" + scale);
        if (Files.exists(full.resolve(Tpch.COMPLETE_MARKER))) {
            return full;
        }
        Path dir = all ? full : dataDir.resolve("tpch-sf" + scale + "-" + String.join("-", tables));
        if (Files.exists(dir.resolve(Tpch.COMPLETE_MARKER))) {
            return dir;
        }
        out.println("  writing TPC-H SF " + scale + " (" + (all ? "all tables" : String.join(", ", tables)) + ") to "
                + dir + " with Ember");
        Path log = logDir.resolve("tpch-data.log");
        List<String> args = new ArrayList<>(List.of(dir.toAbsolutePath().toString(), scale));
        if (!all) {
            args.addAll(tables);
        }
        long start = System.nanoTime();
        Process process = RunnerProcess.launch(
                generator, Bench.JVM_OPTIONS, Suite.DEFAULT_HEAP, "dev.ember.bench.ember.TpchData", args, log, null);
        try {
            if (!process.waitFor(GENERATE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BenchmarkException("TPC-H data generation did not finish within "
                        + GENERATE_TIMEOUT.toMinutes() + " min; killed it. Log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BenchmarkException("interrupted");
        }
        if (process.exitValue() != 0 || !Files.exists(dir.resolve(Tpch.COMPLETE_MARKER))) {
            throw new BenchmarkException("TPC-H data generation failed (exit " + process.exitValue() + "); log: " + log
                    + "\n" + RunnerProcess.tail(log, 30));
        }
        out.printf(Locale.ROOT, "  written in %.0f s%n", (System.nanoTime() - start) / 1e9);
        return dir;
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
