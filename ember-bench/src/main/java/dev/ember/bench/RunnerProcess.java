package dev.ember.bench;

import dev.ember.bench.workload.Params;
import dev.ember.bench.workload.Runner;
import dev.ember.util.ThreadUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One engine's runner JVM, driven over its standard input and output (see {@link Runner}). Its standard error —
 * the engine's logs — goes to a file. Every wait has a timeout; a runner that does not answer in time is killed.
 */
final class RunnerProcess implements AutoCloseable {
    private static final String EOF = "\u0000eof";

    private final String engine;
    private final Process process;
    private final Path log;
    private final Writer commands;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

    private RunnerProcess(String engine, Process process, Path log) {
        this.engine = engine;
        this.process = process;
        this.log = log;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = ThreadUtils.newThread("bench-" + engine + "-replies", true, this::readReplies);
        reader.start();
    }

    /**
     * Starts {@code java -Xmx<heap> <jvmOptions> -cp <classpath> <mainClass> <args>} with its standard error
     * appended to {@code log} and, when {@code stdout} is not null, its standard output written there.
     */
    static Process launch(
            EngineSetup setup,
            List<String> jvmOptions,
            String heap,
            String mainClass,
            List<String> args,
            Path log,
            Path stdout) {
        List<String> command = new ArrayList<>();
        command.add(setup.java());
        command.add("-Xmx" + heap);
        command.addAll(jvmOptions);
        command.addAll(setup.jvmOptions());
        command.add("-cp");
        command.add(setup.classpath());
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder =
                    new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (stdout != null) {
                builder.redirectOutput(stdout.toFile());
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + setup.name() + " runner: " + command, e);
        }
    }

    static RunnerProcess start(EngineSetup setup, List<String> jvmOptions, String heap, Path log) {
        Process process =
                launch(setup, jvmOptions, heap, Runner.class.getName(), List.of(setup.engineClass()), log, null);
        return new RunnerProcess(setup.name(), process, log);
    }

    private void readReplies() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith(Runner.REPLY_PREFIX)) {
                    replies.add(line.substring(Runner.REPLY_PREFIX.length()));
                }
            }
        } catch (IOException e) {
            // The process is gone; the waiting caller learns it from EOF below.
        }
        replies.add(EOF);
    }

    /** Sends one command and waits for its reply; an error reply or a timeout throws. */
    Params call(String command, Duration timeout) {
        try {
            commands.write(command);
            commands.write('\n');
            commands.flush();
        } catch (IOException e) {
            throw new BenchmarkException(
                    engine + " runner is not accepting commands (exit " + exitCode() + "); see " + log + "\n" + tail());
        }
        String reply;
        try {
            reply = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new BenchmarkException("interrupted waiting for " + engine);
        }
        if (reply == null) {
            process.destroyForcibly();
            throw new BenchmarkException(engine + " did not answer '" + firstWord(command) + "' within "
                    + timeout.toSeconds() + " s; killed it. Log: " + log + "\n" + tail());
        }
        if (reply.equals(EOF)) {
            throw new BenchmarkException(engine + " runner exited (code " + exitCode() + ") during '"
                    + firstWord(command) + "'; log: " + log + "\n" + tail());
        }
        int space = reply.indexOf(' ');
        String status = space < 0 ? reply : reply.substring(0, space);
        Params params = Params.decode(space < 0 ? "" : reply.substring(space + 1));
        if (!status.equals("ok")) {
            throw new BenchmarkException(engine + " failed '" + firstWord(command) + "': "
                    + params.get("message", reply) + "\n" + params.get("trace", ""));
        }
        return params;
    }

    private static String firstWord(String command) {
        int space = command.indexOf(' ');
        String rest = space < 0 ? command : command.substring(space + 1);
        int second = rest.indexOf(' ');
        return space < 0
                ? command
                : command.substring(0, space) + " " + (second < 0 ? rest : rest.substring(0, second));
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The last lines of the runner's log, for error messages. */
    String tail() {
        return tail(log, 30);
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the runner: waits for it to exit after {@code close}, and kills it if it does not. */
    @Override
    public void close() {
        try {
            commands.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
