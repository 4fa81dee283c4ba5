package dev.ember.bench;

import dev.ember.bench.TpchBench.EngineRun;
import dev.ember.bench.TpchBench.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The TPC-H table: per query each engine's median, Ember/Spark and Ember/DuckDB (medians of the per-pass ratios),
 * the totals, the targets, peak memory and the first query of a fresh process.
 */
final class TpchReport {
    static final double SPARK_TARGET = 0.5;
    static final double DUCKDB_TARGET = 2.0;

    private TpchReport() {}

    static String table(Outcome o) {
        EngineRun ember = o.engine("ember");
        EngineRun spark = o.engine("spark");
        EngineRun duckdb = o.engine("duckdb");
        StringBuilder t = new StringBuilder();
        t.append(String.format(
                Locale.ROOT,
                "TPC-H SF %s, %d queries, heap %s, medians of %d timed passes after a warm-up%n%n",
                Suite.scale(o.scaleFactor()),
                o.queries().size(),
                o.heap(),
                o.passes()));
        if (o.error() != null) {
            return t.append("FAILED: ").append(o.error()).append('\n').toString();
        }
        t.append("| query | rows | Ember | Spark | DuckDB | Ember/Spark | Ember/DuckDB |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|\n");
        List<String> slower = new ArrayList<>();
        for (int q : o.queries()) {
            double e = median(ember.seconds.get(q));
            double s = median(spark.seconds.get(q));
            double d = median(duckdb.seconds.get(q));
            double es = ratio(ember.seconds.get(q), spark.seconds.get(q));
            double ed = ratio(ember.seconds.get(q), duckdb.seconds.get(q));
            if (es > 1) {
                slower.add("Q" + q);
            }
            t.append(String.format(
                    Locale.ROOT,
                    "| Q%d | %s | %s | %s | %s | %s | %s |%n",
                    q,
                    o.rows().containsKey(q) ? o.rows().get(q).toString() : "",
                    cell(ember, q, e),
                    cell(spark, q, s),
                    cell(duckdb, q, d),
                    number(es),
                    number(ed)));
        }
        List<Double> et = ember.passTotals(o.queries(), o.passes());
        List<Double> st = spark.passTotals(o.queries(), o.passes());
        List<Double> dt = duckdb.passTotals(o.queries(), o.passes());
        double totalSpark = ratio(et, st);
        double totalDuck = ratio(et, dt);
        t.append(String.format(
                Locale.ROOT,
                "| **total** | | **%s** | **%s** | **%s** | **%s** | **%s** |%n%n",
                seconds(median(et)),
                seconds(median(st)),
                seconds(median(dt)),
                number(totalSpark),
                number(totalDuck)));
        t.append(String.format(
                Locale.ROOT,
                "- Ember's total at most %.1f× Spark's: %s; no query slower than Spark's: %s; Ember's total at most %.0f×"
                        + " DuckDB's: %s.%n",
                SPARK_TARGET,
                verdict(totalSpark, SPARK_TARGET),
                et.isEmpty() || st.isEmpty() ? "not measured" : slower.isEmpty() ? "met" : "missed (" + slower + ")",
                DUCKDB_TARGET,
                verdict(totalDuck, DUCKDB_TARGET)));
        t.append(String.format(
                Locale.ROOT,
                "- Peak RSS: Ember %s, Spark %s, DuckDB %s%s.%n",
                mib(ember.peakRssKib),
                mib(spark.peakRssKib),
                mib(duckdb.peakRssKib),
                ember.peakRssKib > 0 && spark.peakRssKib > 0
                        ? ember.peakRssKib <= spark.peakRssKib
                                ? " (Ember at most Spark's: met)"
                                : " (Ember above Spark's: missed)"
                        : ""));
        t.append("- A fresh process (context start, then the first query, cold):");
        for (EngineRun engine : o.engines()) {
            t.append(String.format(
                    Locale.ROOT,
                    " %s %s + %s;",
                    engine.name(),
                    seconds(engine.openSeconds),
                    seconds(engine.firstQuerySeconds)));
        }
        t.setLength(t.length() - 1);
        t.append(".\n");
        for (EngineRun engine : o.engines()) {
            if (engine.failure != null) {
                t.append("- ")
                        .append(engine.name())
                        .append(" FAILED: ")
                        .append(engine.failure)
                        .append('\n');
            }
            engine.problems.forEach((q, problem) -> t.append("- ")
                    .append(engine.name())
                    .append(" Q")
                    .append(q)
                    .append(": ")
                    .append(problem.replace('|', '/'))
                    .append('\n'));
        }
        return t.toString();
    }

    /** The outcome as plain values for the JSON file. */
    static Map<String, Object> json(Outcome o) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("scaleFactor", o.scaleFactor());
        document.put("heap", o.heap());
        document.put("passes", o.passes());
        document.put("rows", o.rows());
        document.put("error", o.error());
        Map<String, Object> engines = new LinkedHashMap<>();
        for (EngineRun engine : o.engines()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("version", engine.version);
            e.put("seconds", engine.seconds);
            e.put("problems", engine.problems);
            e.put("openSeconds", engine.openSeconds);
            e.put("firstQuerySeconds", engine.firstQuerySeconds);
            e.put("peakRssKib", engine.peakRssKib);
            e.put("failure", engine.failure);
            engines.put(engine.name(), e);
        }
        document.put("engines", engines);
        return document;
    }

    private static String cell(EngineRun engine, int query, double median) {
        String problem = engine.problems.get(query);
        if (problem != null) {
            return problem.startsWith("WRONG") ? "WRONG" : problem.startsWith("UNCHECKED") ? "unchecked" : "FAILED";
        }
        return seconds(median);
    }

    /** The median of the per-pass ratios a/b, NaN when either side has no times. */
    static double ratio(List<Double> a, List<Double> b) {
        if (a == null || b == null || a.isEmpty() || b.isEmpty()) {
            return Double.NaN;
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            ratios.add(a.get(i) / b.get(i));
        }
        return Report.median(ratios);
    }

    private static double median(List<Double> values) {
        return values == null ? Double.NaN : Report.median(values);
    }

    private static String seconds(double s) {
        return Double.isNaN(s) ? "–" : String.format(Locale.ROOT, "%.3f s", s);
    }

    private static String number(double r) {
        return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.2f", r);
    }

    private static String mib(long kib) {
        return kib < 0 ? "–" : kib / 1024 + " MiB";
    }

    private static String verdict(double ratio, double target) {
        return Double.isNaN(ratio) ? "not measured" : ratio <= target ? "met" : "missed";
    }
}
