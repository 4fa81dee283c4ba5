package dev.ember.rdd;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Partition;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.executor.TaskContextImpl;
import dev.ember.util.ThreadUtils;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pipes each partition through an external process: a thread writes the parent's elements to the process's
 * standard input, one per line; the process's standard output lines are this RDD's elements; its standard error
 * goes to the log. A non-zero exit status fails the task with the command and the status. Killing the task kills
 * the process.
 */
public final class PipedRDD<T> extends RDD<String> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(PipedRDD.class);
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(10);

    private final List<String> command;
    private final Map<String, String> environment;

    public PipedRDD(RDD<T> parent, List<String> command, Map<String, String> environment) {
        super(parent);
        if (command.isEmpty() || command.get(0).isBlank()) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "pipe needs a command");
        }
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
    }

    /**
     * Splits a command line into words: white space separates words except inside single or double quotes, which
     * are removed; a backslash outside single quotes takes the next character literally.
     */
    public static List<String> tokenize(String commandLine) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\\' && i + 1 < commandLine.length()) {
                word.append(commandLine.charAt(++i));
                inWord = true;
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Unterminated " + quote + " quote in pipe command: " + commandLine);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    @Override
    protected List<Partition> getPartitions() {
        return firstParent().partitions();
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Iterator<String> compute(Partition split, TaskContext context) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.SUBPROCESS_FAILED,
                    "Cannot start " + String.join(" ", command) + ": " + e.getMessage(),
                    e);
        }
        context.addTaskCompletionListener(ignored -> {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        });
        Iterator<T> input = ((RDD<T>) firstParent()).iterator(split, context);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        // The writer must run beside the reader: a process filling its output pipe would block on an unread pipe.
        Thread writer = ThreadUtils.newThread("stdin writer for " + command.get(0), true, () -> {
            // The parent is computed on this thread, which must see the task's context (locks, metrics).
            if (context instanceof TaskContextImpl task) {
                task.install();
            }
            try (BufferedWriter out =
                    new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8))) {
                while (input.hasNext()) {
                    out.write(String.valueOf(input.next()));
                    out.newLine();
                }
            } catch (IOException e) {
                // The process closed its input early (head, say): not an error by itself.
                LOG.debug("Process {} stopped reading its input", command.get(0), e);
            } catch (Throwable error) {
                writerFailure.set(error);
                process.destroyForcibly();
            } finally {
                TaskContextImpl.uninstall();
            }
        });
        Thread errors = ThreadUtils.newThread("stderr reader for " + command.get(0), true, () -> {
            try (BufferedReader err =
                    new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    LOG.info("{}: {}", command.get(0), line);
                }
            } catch (IOException e) {
                LOG.debug("Stopped reading the error stream of {}", command.get(0), e);
            }
        });
        writer.start();
        errors.start();
        BufferedReader output =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return new Iterator<>() {
            private String next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                try {
                    next = output.readLine();
                } catch (IOException e) {
                    // A failing writer kills the process, which closes its output under us: report the cause.
                    Throwable failure = writerFailure.get();
                    if (failure != null) {
                        failure.addSuppressed(e);
                        throw dev.ember.util.Exceptions.sneakyThrow(failure);
                    }
                    throw new UncheckedIOException("Failed to read the output of " + command.get(0), e);
                }
                if (next == null) {
                    done = true;
                    finish();
                    return false;
                }
                return true;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String line = next;
                next = null;
                return line;
            }

            private void finish() {
                try {
                    if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                        process.destroyForcibly();
                        throw new EmberException(
                                ErrorClass.SUBPROCESS_FAILED,
                                "Subprocess " + String.join(" ", command)
                                        + " closed its output but did not exit within " + EXIT_TIMEOUT.toMinutes()
                                        + " minutes");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                    throw new EmberException(ErrorClass.JOB_CANCELLED, "Interrupted waiting for " + command.get(0), e);
                }
                ThreadUtils.join(writer, Duration.ofSeconds(10));
                ThreadUtils.join(errors, Duration.ofSeconds(10));
                Throwable failure = writerFailure.get();
                if (failure != null) {
                    throw dev.ember.util.Exceptions.sneakyThrow(failure);
                }
                int status = process.exitValue();
                if (status != 0) {
                    throw new EmberException(
                            ErrorClass.SUBPROCESS_FAILED,
                            "Subprocess exited with status " + status + ". Command ran: " + String.join(" ", command));
                }
            }
        };
    }
}
