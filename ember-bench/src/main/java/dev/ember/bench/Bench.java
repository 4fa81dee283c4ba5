package dev.ember.bench;

import dev.ember.bench.Suite.Case;
import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Result;
import dev.ember.bench.workload.StartupProbe;
import dev.ember.bench.workload.Workload;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Runs each case on both engines, each in its own JVM: a warm-up, then rounds alternating Ember and Spark, every
 * answer checked against the first. The start-up case launches a fresh JVM per measurement and times the whole
 * process; the others keep one runner per engine for the case and time each run inside it.
 */
final class Bench {
    /**
     * JVM options both engines get, so both run on the same JVM configuration. Spark needs these opens on Java
     * 17 (they are what its launcher adds); Ember ignores all but the first four. A runner collects garbage
     * before each run, and a full collection also gives back heap above 70% free by default: every run would then
     * start on a heap of a hundred-odd MiB and spend its first seconds growing it again, which no long-running
     * driver or executor does. {@code MaxHeapFreeRatio=100} keeps the collection and drops the shrinking.
     */
    static final List<String> JVM_OPTIONS = List.of(
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
            "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
            "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
            "-Djdk.reflect.useDirectMethodHandle=false",
            "-Dio.netty.tryReflectionSetAccessible=true",
            "-XX:MaxHeapFreeRatio=100");

    /** Relative difference allowed between decimals (PageRank sums) of the two engines. */
    static final double TOLERANCE = 1e-9;

    private static final Duration OPEN_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration CLOSE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration STARTUP_TIMEOUT = Duration.ofMinutes(2);

    /** What one case measured on both engines. Times are in seconds, in round order; RSS in KiB. */
    record Measured(
            Case c,
            List<Double> ember,
            List<Double> spark,
            long emberRssKib,
            long sparkRssKib,
            String emberVersion,
            String sparkVersion,
            Result result,
            String error) {}

    private final EngineSetup ember;
    private final EngineSetup spark;
    private final int cores;
    private final Path workDir;
    private final Path logDir;
    private final PrintStream out;

    Bench(EngineSetup ember, EngineSetup spark, int cores, Path workDir, Path logDir, PrintStream out) {
        this.ember = ember;
        this.spark = spark;
        this.cores = cores;
        this.workDir = workDir;
        this.logDir = logDir;
        this.out = out;
    }

    Measured run(Case c) {
        try {
            return c.workload() == Workload.STARTUP ? startup(c) : persistent(c);
        } catch (BenchmarkException | UncheckedIOException e) {
            out.println("  FAILED: " + e.getMessage());
            return new Measured(c, List.of(), List.of(), -1, -1, "", "", null, e.getMessage());
        }
    }

    Params settings(EngineSetup engine) {
        Path local = workDir.resolve("local-" + engine.name());
        try {
            Files.createDirectories(local);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + local, e);
        }
        return Params.of("cores", cores, "localDir", local.toAbsolutePath());
    }

    private Measured persistent(Case c) {
        String id = c.workload().id();
        try (RunnerProcess a = RunnerProcess.start(ember, JVM_OPTIONS, c.heap(), logDir.resolve(id + "-ember.log"));
                RunnerProcess b =
                        RunnerProcess.start(spark, JVM_OPTIONS, c.heap(), logDir.resolve(id + "-spark.log"))) {
            String emberVersion =
                    a.call("open " + settings(ember).encode(), OPEN_TIMEOUT).get("version");
            String sparkVersion =
                    b.call("open " + settings(spark).encode(), OPEN_TIMEOUT).get("version");
            String command = "run " + id + " " + c.params().encode();
            Result reference = null;
            List<Double> emberTimes = new ArrayList<>();
            List<Double> sparkTimes = new ArrayList<>();
            for (int round = -c.warmups(); round < c.rounds(); round++) {
                for (RunnerProcess runner : List.of(a, b)) {
                    boolean isEmber = runner == a;
                    Params reply = runner.call(command, RUN_TIMEOUT);
                    double seconds = reply.getLong("nanos") / 1e9;
                    Result result = Result.decode(reply.get("result"));
                    reference = check(reference, result, isEmber ? "ember" : "spark", round);
                    if (round >= 0) {
                        (isEmber ? emberTimes : sparkTimes).add(seconds);
                    }
                    out.printf(
                            Locale.ROOT,
                            "  %-5s %s %.3f s%n",
                            isEmber ? "ember" : "spark",
                            round < 0 ? "warm-up" : "round " + (round + 1),
                            seconds);
                }
            }
            long emberRss = a.call("close", CLOSE_TIMEOUT).getLong("peakRssKib");
            long sparkRss = b.call("close", CLOSE_TIMEOUT).getLong("peakRssKib");
            return new Measured(
                    c, emberTimes, sparkTimes, emberRss, sparkRss, emberVersion, sparkVersion, reference, null);
        }
    }

    private Result check(Result reference, Result result, String engine, int round) {
        if (reference == null) {
            return result;
        }
        List<String> differences = Result.differences(reference, result, TOLERANCE);
        if (!differences.isEmpty()) {
            throw new BenchmarkException(
                    "WRONG ANSWER: " + engine + " in " + (round < 0 ? "warm-up" : "round " + (round + 1)) + " computed "
                            + result + " but the first run computed " + reference + ": " + differences);
        }
        return reference;
    }

    private Measured startup(Case c) {
        Result reference = null;
        List<Double> emberTimes = new ArrayList<>();
        List<Double> sparkTimes = new ArrayList<>();
        long emberRss = 0;
        long sparkRss = 0;
        // In-process: the context's start and the first job, per engine, in milliseconds.
        List<double[]> emberCalls = new ArrayList<>();
        List<double[]> sparkCalls = new ArrayList<>();
        // Class data sharing for both engines, as bin/ember uses it: one untimed training run of the probe writes an
        // archive of the classes it loads, which every timed run maps.
        java.util.Map<EngineSetup, List<String>> sharing = new java.util.HashMap<>();
        for (EngineSetup engine : List.of(ember, spark)) {
            Path archive = workDir.resolve("start-up-" + engine.name() + ".jsa");
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete " + archive, e);
            }
            probe(
                    engine,
                    c.heap(),
                    List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
            if (!Files.isRegularFile(archive)) {
                throw new BenchmarkException(engine.name() + "'s training run wrote no class data sharing archive "
                        + archive + " (is a directory on its class path?)");
            }
            sharing.put(engine, List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off"));
        }
        for (int round = -c.warmups(); round < c.rounds(); round++) {
            for (EngineSetup engine : List.of(ember, spark)) {
                Params reply = probe(engine, c.heap(), sharing.get(engine));
                double seconds = reply.getLong("nanos") / 1e9;
                double[] calls = {reply.getLong("openNanos") / 1e6, reply.getLong("runNanos") / 1e6};
                reference = check(reference, Result.decode(reply.get("result")), engine.name(), round);
                long rss = reply.getLong("peakRssKib");
                if (round >= 0) {
                    (engine == ember ? emberCalls : sparkCalls).add(calls);
                    if (engine == ember) {
                        emberTimes.add(seconds);
                        emberRss = Math.max(emberRss, rss);
                    } else {
                        sparkTimes.add(seconds);
                        sparkRss = Math.max(sparkRss, rss);
                    }
                }
                out.printf(
                        Locale.ROOT,
                        "  %-5s %s %.3f s (in-process: context %.0f ms, first job %.0f ms)%n",
                        engine.name(),
                        round < 0 ? "warm-up" : "round " + (round + 1),
                        seconds,
                        calls[0],
                        calls[1]);
            }
        }
        for (EngineSetup engine : c.rounds() > 0 ? List.of(ember, spark) : List.<EngineSetup>of()) {
            List<double[]> calls = engine == ember ? emberCalls : sparkCalls;
            double context = Report.median(calls.stream().map(call -> call[0]).toList());
            double job = Report.median(calls.stream().map(call -> call[1]).toList());
            out.printf(
                    Locale.ROOT,
                    "  %-5s in-process medians: context %.0f ms, first job %.0f ms, the two together %.0f ms%n",
                    engine.name(),
                    context,
                    job,
                    Report.median(calls.stream().map(call -> call[0] + call[1]).toList()));
        }
        return new Measured(c, emberTimes, sparkTimes, emberRss, sparkRss, "", "", reference, null);
    }

    /** One whole start-up process, timed from launch to exit, with {@code extraOptions} for its JVM. */
    private Params probe(EngineSetup engine, String heap, List<String> extraOptions) {
        Path log = logDir.resolve("start-up-" + engine.name() + ".log");
        Path stdout = workDir.resolve("start-up-" + engine.name() + ".out");
        long start = System.nanoTime();
        List<String> options = new ArrayList<>(JVM_OPTIONS);
        options.addAll(extraOptions);
        Process process = RunnerProcess.launch(
                engine,
                options,
                heap,
                StartupProbe.class.getName(),
                List.of(engine.engineClass(), settings(engine).encode()),
                log,
                stdout);
        try {
            if (!process.waitFor(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new BenchmarkException(engine.name() + " start-up did not finish within "
                        + STARTUP_TIMEOUT.toSeconds() + " s; killed it. Log: " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BenchmarkException("interrupted");
        }
        long nanos = System.nanoTime() - start;
        String reply;
        try {
            reply = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.startsWith("@@"))
                    .findFirst()
                    .orElseThrow(() -> new BenchmarkException(engine.name() + " start-up exited with code "
                            + process.exitValue() + " without an answer; log: " + log + "\n"
                            + RunnerProcess.tail(log, 30)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stdout, e);
        }
        Params params = Params.decode(reply.substring(reply.indexOf(' ') + 1));
        if (!reply.startsWith("@@ok")) {
            throw new BenchmarkException(engine.name() + " start-up failed: " + params.get("message", reply) + "\n"
                    + params.get("trace", ""));
        }
        return params.with("nanos", nanos);
    }
}
