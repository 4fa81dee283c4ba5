package dev.ember.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ember.bench.Bench.Measured;
import dev.ember.bench.workload.Workload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table and the JSON of one benchmark run, with each case's medians, ratios and targets. */
final class Report {
    /** Ember/Spark median ratio a case must stay under: start-up 1/10, everything else 1/2. */
    static double target(Workload workload) {
        return workload == Workload.STARTUP ? 0.1 : 0.5;
    }

    /** One row of the table. */
    record Row(
            String workload,
            String size,
            String heap,
            List<Double> emberSeconds,
            List<Double> sparkSeconds,
            double emberMedian,
            double sparkMedian,
            List<Double> ratios,
            double medianRatio,
            double target,
            long emberPeakRssMib,
            long sparkPeakRssMib,
            String answer,
            String error) {

        boolean measured() {
            return error == null;
        }

        boolean timeTargetMet() {
            return measured() && medianRatio <= target;
        }

        boolean memoryTargetMet() {
            return measured() && emberPeakRssMib <= sparkPeakRssMib;
        }
    }

    private Report() {}

    static Row row(Measured m) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(m.ember().size(), m.spark().size()); i++) {
            ratios.add(m.ember().get(i) / m.spark().get(i));
        }
        return new Row(
                m.c().workload().id(),
                m.c().size(),
                m.c().heap(),
                m.ember(),
                m.spark(),
                median(m.ember()),
                median(m.spark()),
                ratios,
                median(ratios),
                target(m.c().workload()),
                m.emberRssKib() < 0 ? -1 : m.emberRssKib() / 1024,
                m.sparkRssKib() < 0 ? -1 : m.sparkRssKib() / 1024,
                m.result() == null ? "" : "same on both",
                m.error());
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The table in Markdown, readable on a console and pasteable into docs/benchmarks.md. */
    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| workload | data | Ember median | Spark median | Ember/Spark per round | median ratio"
                + " | target | Ember peak RSS | Spark peak RSS |\n");
        table.append("|---|---|---:|---:|---|---:|---|---:|---:|\n");
        for (Row row : rows) {
            if (!row.measured()) {
                table.append(String.format(
                        Locale.ROOT,
                        "| %s | %s | FAILED: %s | | | | | | |%n",
                        row.workload,
                        row.size,
                        firstLine(row.error)));
                continue;
            }
            List<String> ratios = new ArrayList<>();
            row.ratios.forEach(r -> ratios.add(String.format(Locale.ROOT, "%.2f", r)));
            table.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %.3f s | %.3f s | %s | **%.2f** | ≤ %.2f %s | %d MiB | %d MiB%s |%n",
                    row.workload,
                    row.size,
                    row.emberMedian,
                    row.sparkMedian,
                    String.join(" ", ratios),
                    row.medianRatio,
                    row.target,
                    row.timeTargetMet() ? "met" : "missed",
                    row.emberPeakRssMib,
                    row.sparkPeakRssMib,
                    row.memoryTargetMet() ? "" : " (Ember higher)"));
        }
        return table.toString();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return (newline < 0 ? text : text.substring(0, newline)).replace('|', '/');
    }

    static void writeJson(Path file, Map<String, Object> run, List<Row> rows) {
        Map<String, Object> document = new LinkedHashMap<>(run);
        document.put("cases", rows);
        writeJsonDocument(file, document);
    }

    static void writeJsonDocument(Path file, Map<String, Object> document) {
        try {
            Files.createDirectories(file.getParent());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static void writeText(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
