package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Long-running processes a test starts (cluster daemons), each awaited until it says it is ready. */
final class Daemons implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();

    /**
     * Starts {@code command} with {@code environment} added, its standard error in {@code log}, and returns the first
     * line of its standard output that starts with {@code ready}, waiting at most 60 s for it.
     */
    String start(List<String> command, Map<String, String> environment, Path log, String ready) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        processes.add(process);
        BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                for (String next = out.readLine(); next != null; next = out.readLine()) {
                    if (next.startsWith(ready)) {
                        return next;
                    }
                }
                return null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        String found = line.get(60, TimeUnit.SECONDS);
        assertThat(found)
                .as("%s printed a line starting with '%s'", command, ready)
                .isNotNull();
        return found;
    }

    /** The {@code index}-th process started. */
    Process get(int index) {
        return processes.get(index);
    }

    /** Asks every process to stop (SIGTERM), forcing those still running after 30 s. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
