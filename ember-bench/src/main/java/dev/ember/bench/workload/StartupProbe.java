package dev.ember.bench.workload;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The start-up workload as a whole process: start the engine's context, run {@code parallelize(1..4).count()},
 * stop, exit. The controller times the process from launch to exit; the probe only reports its answer and peak
 * RSS, and how long the two calls took inside the process (starting the context; the first job), which is the
 * part of start-up the engine itself decides. Arguments: the engine class and its settings as one encoded
 * {@link Params} line.
 */
public final class StartupProbe {
    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        Engine engine = Runner.newEngine(args[0]);
        Result result;
        long openNanos;
        long runNanos;
        try {
            long start = System.nanoTime();
            engine.open(Params.decode(args.length > 1 ? args[1] : ""));
            long opened = System.nanoTime();
            result = engine.run(Workload.STARTUP, Params.empty());
            runNanos = System.nanoTime() - opened;
            openNanos = opened - start;
        } catch (Throwable t) {
            protocol.println(Runner.REPLY_PREFIX + "error " + Runner.failure(t).encode());
            engine.close();
            return;
        }
        engine.close();
        protocol.println(Runner.REPLY_PREFIX + "ok "
                + Params.of(
                                "peakRssKib",
                                ProcessStats.peakRssKib(),
                                "openNanos",
                                openNanos,
                                "runNanos",
                                runNanos,
                                "result",
                                result.encode())
                        .encode());
    }
}
