package dev.ember.bench;

import dev.ember.bench.Report.Row;
import dev.ember.bench.Suite.Case;
import dev.ember.bench.workload.Workload;
import dev.ember.util.AllowedCall;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The benchmark suite's command line: {@code ember-bench/run.sh [--quick] [--workloads a,b] ...}. */
@Command(
        name = "ember-bench",
        mixinStandardHelpOptions = true,
        description = "Runs the workloads on Ember and Apache Spark side by side and prints the comparison.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--quick", description = "Small data and few rounds: a smoke run of a few minutes.")
    boolean quick;

    @Option(
            names = "--workloads",
            split = ",",
            paramLabel = "ID",
            description = "Only these workloads (default: all): start-up, word-count, reduce-by-key, group-by-key,"
                    + " sort, join, page-rank, spill-shuffle, cached-iteration, tpch.")
    List<String> workloads = new ArrayList<>();

    @Option(names = "--rounds", description = "Timed rounds per engine (default: ${DEFAULT-VALUE}).")
    int rounds = 3;

    @Option(names = "--warmups", description = "Untimed warm-up runs per engine (default: ${DEFAULT-VALUE}).")
    int warmups = 1;

    @Option(names = "--cores", description = "Cores each engine runs on, local[N] (default: ${DEFAULT-VALUE}).")
    int cores = 2;

    @Option(names = "--seed", description = "Seed of all generated data (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Option(names = "--data-dir", description = "Generated inputs, kept for later runs (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("bench-data");

    @Option(names = "--results-dir", description = "Tables, JSON and logs (default: ${DEFAULT-VALUE}).")
    Path resultsDir = Path.of("bench-results");

    @Option(names = "--ember-classpath", required = true, description = "Class path of the Ember runner JVM.")
    String emberClasspath;

    @Option(names = "--spark-classpath", required = true, description = "Class path of the Spark runner JVM.")
    String sparkClasspath;

    @Option(
            names = "--ember-ui",
            description = "Run Ember with its application UI on (off by default, as Spark's is): what the UI costs.")
    boolean emberUi;

    @Option(
            names = "--ember-conf",
            paramLabel = "KEY=VALUE",
            description = "An Ember setting for its runner (repeatable), to measure one choice against another:"
                    + " --ember-conf ember.sql.adaptive.enabled=false.")
    List<String> emberConf = new ArrayList<>();

    @Option(
            names = "--tpch-scale",
            paramLabel = "SF",
            description = "TPC-H scale factor (default: 1 in the full profile, 0.1 in the quick one).")
    Double tpchScale;

    @Option(
            names = "--tpch-queries",
            paramLabel = "LIST",
            description = "TPC-H queries, as 1-22 or 1,6,14 (default: all 22).")
    String tpchQueries;

    @Option(
            names = "--tpch-heap",
            paramLabel = "SIZE",
            description = "Heap of every engine's JVM for TPC-H (default: 4g).")
    String tpchHeap;

    @Option(names = "--duckdb-classpath", description = "Class path of the DuckDB runner JVM (needed by tpch).")
    String duckdbClasspath;

    @Option(names = "--java", description = "The java binary both runners use (default: this JVM's).")
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    @AllowedCall("the benchmark's launcher returns its exit code to the shell")
    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (rounds < 1 || warmups < 0 || cores < 1) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--rounds and --cores must be at least 1, --warmups at least 0");
        }
        List<Workload> selected = new ArrayList<>();
        for (String id : workloads) {
            try {
                selected.add(Workload.fromId(id.trim()));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
        }
        Suite.Profile profile = quick ? Suite.Profile.QUICK : Suite.Profile.FULL;
        String stamp =
                LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        Path logDir = resultsDir.resolve("logs-" + stamp);
        Path workDir = dataDir.resolve("work");
        Files.createDirectories(workDir);

        List<String> emberOptions = new ArrayList<>();
        emberOptions.add("-Dember.ui.enabled=" + emberUi);
        for (String setting : emberConf) {
            int equals = setting.indexOf('=');
            if (equals <= 0 || !setting.startsWith("ember.")) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "--ember-conf takes ember.KEY=VALUE, not " + setting);
            }
            emberOptions.add("-D" + setting);
        }
        EngineSetup ember =
                new EngineSetup("ember", java, emberClasspath, "dev.ember.bench.ember.EmberEngine", emberOptions);
        if (!emberConf.isEmpty()) {
            out.println("Ember settings: " + String.join(" ", emberConf));
        }
        EngineSetup spark =
                new EngineSetup("spark", java, sparkClasspath, "dev.ember.bench.spark.SparkEngine", List.of());
        Map<String, Object> run = Machine.describe(profile, cores, java);
        out.println("Ember vs Apache Spark, " + profile.name().toLowerCase(Locale.ROOT) + " profile, local[" + cores
                + "], " + run.get("cpu") + ", " + run.get("jvm"));

        Bench bench = new Bench(ember, spark, cores, workDir, logDir, out);
        if (tpchQueries != null) {
            try {
                TpchOptions.queries(tpchQueries);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
            }
        }
        if (tpchScale != null && !(tpchScale > 0 && tpchScale <= 1000)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this), "--tpch-scale must be above 0 and at most 1000, not " + tpchScale);
        }
        List<Row> rows = new ArrayList<>();
        for (Case c : Suite.cases(profile, seed, warmups, rounds)) {
            if (!selected.isEmpty() && !selected.contains(c.workload())) {
                continue;
            }
            if (c.workload() == Workload.TPCH) {
                rows.add(tpch(bench, c, ember, spark, logDir, stamp, run));
                continue;
            }
            out.println(c.workload().id() + " (" + c.size() + ")");
            Case ready = Suite.inputs(c, dataDir, seed);
            Bench.Measured measured = bench.run(ready);
            if (!measured.emberVersion().isEmpty()) {
                run.put("emberVersion", measured.emberVersion());
                run.put("sparkVersion", measured.sparkVersion());
            }
            rows.add(Report.row(measured));
        }

        String table = Report.table(rows);
        out.println();
        out.print(table);
        String name = "bench-" + profile.name().toLowerCase(Locale.ROOT);
        Report.writeJson(resultsDir.resolve(name + "-" + stamp + ".json"), run, rows);
        Report.writeJson(resultsDir.resolve(name + "-latest.json"), run, rows);
        Report.writeText(resultsDir.resolve(name + "-latest.md"), Machine.heading(run) + "\n\n" + table);
        out.println("\nWritten: " + resultsDir.resolve(name + "-" + stamp + ".json") + " (logs in " + logDir + ")");
        boolean failed = rows.stream().anyMatch(row -> !row.measured());
        if (failed) {
            out.println("Some workloads FAILED: see above.");
        }
        return failed ? 1 : 0;
    }

    /** The TPC-H case: its own table and files, and one row (the pass totals) in the suite's table. */
    private Row tpch(
            Bench bench,
            Case c,
            EngineSetup ember,
            EngineSetup spark,
            Path logDir,
            String stamp,
            Map<String, Object> run) {
        double scale =
                tpchScale != null ? tpchScale : Double.parseDouble(c.params().get("scale"));
        List<Integer> queries = TpchOptions.queries(
                tpchQueries != null ? tpchQueries : c.params().get("queries"));
        String heap = tpchHeap != null ? tpchHeap : c.heap();
        String size = "SF " + Suite.scale(scale) + ", " + queries.size() + " queries"
                + (heap.equals(Suite.DEFAULT_HEAP) ? "" : ", heap " + heap);
        out.println("tpch (" + size + ")");
        Case sized = new Case(c.workload(), size, c.params(), heap, c.warmups(), c.rounds());
        if (duckdbClasspath == null) {
            String message = "the TPC-H workload needs --duckdb-classpath (ember-bench/run.sh passes it)";
            out.println("  FAILED: " + message);
            return Report.row(new Bench.Measured(sized, List.of(), List.of(), -1, -1, "", "", null, message));
        }
        EngineSetup duckdb =
                new EngineSetup("duckdb", java, duckdbClasspath, "dev.ember.bench.duckdb.DuckDbEngine", List.of());
        TpchBench.Outcome outcome = new TpchBench(bench, List.of(ember, spark, duckdb), dataDir, logDir, out)
                .run(scale, queries, heap, c.warmups(), c.rounds());
        String table = TpchReport.table(outcome);
        out.println();
        out.print(table);
        out.println();
        String name = "tpch-sf" + Suite.scale(scale) + (heap.equals(Suite.DEFAULT_HEAP) ? "" : "-heap" + heap);
        // A run of TPC-H alone learns the engines' versions here.
        if (!outcome.engine("ember").version.isEmpty()) {
            run.putIfAbsent("emberVersion", outcome.engine("ember").version);
            run.putIfAbsent("sparkVersion", outcome.engine("spark").version);
        }
        Map<String, Object> document = new java.util.LinkedHashMap<>(run);
        document.put("tpch", TpchReport.json(outcome));
        Report.writeJsonDocument(resultsDir.resolve(name + "-" + stamp + ".json"), document);
        Report.writeText(resultsDir.resolve(name + "-latest.md"), Machine.heading(run) + "\n\n" + table);
        TpchBench.EngineRun e = outcome.engine("ember");
        TpchBench.EngineRun s = outcome.engine("spark");
        boolean complete = outcome.error() == null
                && e.complete(queries)
                && s.complete(queries)
                && outcome.engine("duckdb").complete(queries);
        String error = complete
                ? null
                : outcome.error() != null ? outcome.error() : "a query failed or was wrong: see the TPC-H table";
        return Report.row(new Bench.Measured(
                sized,
                complete ? e.passTotals(queries, c.rounds()) : List.of(),
                complete ? s.passTotals(queries, c.rounds()) : List.of(),
                e.peakRssKib,
                s.peakRssKib,
                e.version,
                s.version,
                complete ? new dev.ember.bench.workload.Result().put("queries", (long) queries.size()) : null,
                error));
    }
}
