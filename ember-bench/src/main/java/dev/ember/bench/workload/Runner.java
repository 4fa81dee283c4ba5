package dev.ember.bench.workload;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/**
 * The process that hosts one engine for the benchmark controller. It reads commands from standard input, one per
 * line, and answers each with one line on standard output that starts with {@code @@}; everything else the
 * engine prints goes to standard error.
 *
 * <pre>
 *   open name=value ...            start the engine's context      → @@ok version=...
 *   run workload-id name=value ... run a workload once, timed      → @@ok nanos=... result=...
 *   close                          stop the context and exit       → @@ok peakRssKib=...
 * </pre>
 *
 * A failed command answers {@code @@error message=... trace=...} and the runner waits for the next one.
 */
public final class Runner {
    public static final String REPLY_PREFIX = "@@";

    private Runner() {}

    public static void main(String[] args) throws Exception {
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        if (args.length != 1) {
            protocol.println(REPLY_PREFIX + "error "
                    + Params.of("message", "usage: Runner <engine class>").encode());
            return;
        }
        Engine engine = newEngine(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                Params reply;
                try {
                    reply = handle(engine, line.trim());
                } catch (Throwable t) {
                    protocol.println(REPLY_PREFIX + "error " + failure(t).encode());
                    continue;
                }
                protocol.println(REPLY_PREFIX + "ok " + reply.encode());
                if (line.trim().equals("close")) {
                    return;
                }
            }
        } finally {
            engine.close();
        }
    }

    static Engine newEngine(String className) throws ReflectiveOperationException {
        return (Engine) Class.forName(className).getDeclaredConstructor().newInstance();
    }

    private static Params handle(Engine engine, String line) {
        int space = line.indexOf(' ');
        String command = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        switch (command) {
            case "open" -> {
                engine.open(Params.decode(rest));
                return Params.of("version", engine.version());
            }
            case "run" -> {
                int split = rest.indexOf(' ');
                Workload workload = Workload.fromId(split < 0 ? rest : rest.substring(0, split));
                Params params = Params.decode(split < 0 ? "" : rest.substring(split + 1));
                // Garbage from the previous run is not this run's cost, on either engine.
                System.gc();
                long start = System.nanoTime();
                Result result = engine.run(workload, params);
                long nanos = System.nanoTime() - start;
                return Params.of("nanos", nanos, "result", result.encode());
            }
            case "close" -> {
                engine.close();
                return Params.of("peakRssKib", ProcessStats.peakRssKib());
            }
            default ->
                throw new IllegalArgumentException("unknown command '" + command + "': expected open, run or close");
        }
    }

    static Params failure(Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String text = trace.toString();
        return Params.of("message", String.valueOf(t), "trace", text.length() > 8000 ? text.substring(0, 8000) : text);
    }
}
