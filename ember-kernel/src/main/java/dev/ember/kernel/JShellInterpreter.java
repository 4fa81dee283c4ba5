package dev.ember.kernel;

import dev.ember.util.ThreadUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.UnresolvedReferenceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreter: JShell, with the code running in a JVM of its own (JShell's default remote execution), so that a
 * cell that exits, crashes or runs out of memory ends that JVM only; the next cell gets a fresh one (definitions are
 * lost, and the cell says so). The interpreter's JVM has this JVM's class path, its {@code --add-opens} options and
 * its {@code ember.*} system properties.
 *
 * <p>Used from one thread at a time (the kernel's shell thread), except {@link #interrupt}.
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class JShellInterpreter implements Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(JShellInterpreter.class);
    /**
     * How long an interrupt waits for the cell to end before stopping it again. A stop ends running code within
     * milliseconds; one that came while the cell was still compiling did nothing. Not shorter: a stop that lands
     * while JShell's agent returns from the stopped code would end the interpreter.
     */
    private static final long INTERRUPT_RETRY_MS = 1_000;

    private static final long INTERRUPT_WINDOW_MS = 10_000;

    /** Types shown as text only. */
    private static final java.util.Set<String> PLAIN_TYPES = java.util.Set.of(
            "int",
            "long",
            "short",
            "byte",
            "char",
            "boolean",
            "float",
            "double",
            "String",
            "java.lang.String",
            "Integer",
            "Long",
            "Double",
            "Boolean",
            "void");

    private final List<String> vmOptions;
    private final String classPath;
    private final Path classDirectory;
    /** Deletes {@link #classDirectory} when the JVM ends without {@link #close} (SIGTERM, Ctrl-C). */
    private final Thread classDirectoryCleanup;

    private final ForwardingStream stdout = new ForwardingStream("stdout");
    private final ForwardingStream stderr = new ForwardingStream("stderr");
    private volatile JShell shell;
    /** Counts cells; {@link #interrupted} holds the number of the cell an interrupt was asked for. */
    private volatile long cell;

    private volatile long interrupted = -1;
    private volatile boolean running;
    private final Object cellEnded = new Object();
    /** Held to start a cell, and by the interrupting thread to stop one: a stop never reaches the next cell. */
    private final Object cellStart = new Object();

    private volatile boolean shellEnded;
    private boolean bound;

    private final java.io.InputStream stdin;

    private final java.util.function.Consumer<String> cancelJobGroup;

    /**
     * An interpreter whose cells read {@code stdin}, and whose interrupts cancel each cell's job group through
     * {@code cancelJobGroup}.
     */
    JShellInterpreter(
            List<String> extraVmOptions,
            java.io.InputStream stdin,
            java.util.function.Consumer<String> cancelJobGroup) {
        this.stdin = stdin;
        this.cancelJobGroup = cancelJobGroup;
        List<String> options = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
                options.add(argument);
            }
        }
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith("ember.")) {
                options.add("-D" + key + "=" + value);
            }
        });
        String memory =
                System.getProperty(KernelConfig.INTERPRETER_MEMORY.key(), "").trim();
        if (!memory.isEmpty()) {
            options.add("-Xmx" + memory);
        }
        // Out of memory, a JVM is in no state to go on: it ends, and the next cell starts a fresh one.
        options.add("-XX:+ExitOnOutOfMemoryError");
        // The engine's own log goes to the cell's stderr: warnings and errors only, one line each.
        options.add("-Djava.util.logging.config.file=" + cellLogging());
        options.addAll(extraVmOptions);
        this.classPath = System.getProperty("java.class.path");
        // On the interpreter JVM's own class path too, not only JShell's: what the context starts from there (the
        // executor processes of local-cluster) gets the same class path.
        options.add("--class-path");
        options.add(classPath);
        this.classDirectory = classDirectory();
        Path created = classDirectory;
        this.classDirectoryCleanup =
                ThreadUtils.newThread("kernel-class-directory-cleanup", false, () -> deleteClassDirectory(created));
        Runtime.getRuntime().addShutdownHook(classDirectoryCleanup);
        // Where the cells' classes are written, for the driver to serve to executors in cluster mode.
        options.add("-Dember.repl.class.outputDir=" + classDirectory);
        this.vmOptions = List.copyOf(options);
    }

    /** A fresh directory for the classes the cells compile. */
    private static Path classDirectory() {
        try {
            return Files.createTempDirectory("ember-kernel-classes-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the cells' classes", e);
        }
    }

    /** Deletes the cells' classes; safe to call more than once, and from the shutdown hook and close at once. */
    private static void deleteClassDirectory(Path directory) {
        try {
            dev.ember.util.FileUtils.deleteRecursively(directory);
        } catch (UncheckedIOException e) {
            LOG.warn(
                    "Cannot delete the cells' class directory {}: {}",
                    directory,
                    e.getCause().toString());
        }
    }

    /** A logging configuration for the interpreter's JVM: warnings and errors, one line each. */
    private static String cellLogging() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("ember-kernel-logging-", ".properties");
            java.nio.file.Files.writeString(
                    file,
                    "handlers=java.util.logging.ConsoleHandler\n"
                            + ".level=WARNING\n"
                            + "java.util.logging.ConsoleHandler.level=WARNING\n"
                            + "java.util.logging.SimpleFormatter.format=%4$s %3$s: %5$s%6$s%n\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            LOG.warn("Cannot write the interpreter's logging configuration: {}", e.toString());
            return "";
        }
    }

    /** The JShell, started (with its JVM) on first use or after the last one ended. */
    private JShell shell() {
        JShell current = shell;
        if (current != null && !shellEnded) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        JShell created = JShell.builder()
                .out(new PrintStream(stdout, true, StandardCharsets.UTF_8))
                .err(new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .in(stdin)
                .remoteVMOptions(vmOptions.toArray(new String[0]))
                .executionEngine(new ClassRecordingEngine(classDirectory), null)
                .build();
        created.addToClasspath(classPath);
        created.onShutdown(ended -> shellEnded = true);
        shellEnded = false;
        bound = false;
        shell = created;
        return created;
    }

    @Override
    public Outcome execute(String code, Output output) {
        boolean restarted = shell != null && shellEnded;
        JShell js;
        try {
            js = shell();
        } catch (RuntimeException e) {
            return Outcome.failed(
                    "InterpreterError", "Cannot start the interpreter: " + e.getMessage(), List.of(e.toString()));
        }
        stdout.target = output;
        stderr.target = output;
        long number;
        synchronized (cellStart) {
            number = ++cell;
            running = true;
        }
        try {
            if (restarted) {
                output.stream(
                        "stderr",
                        "The interpreter's JVM had ended (the code exited, crashed or ran out of memory); it was"
                                + " started again, and earlier definitions are gone.\n");
            }
            if (!bound) {
                bound = true;
                for (String declaration : Bindings.IMPORTS) {
                    Outcome outcome = run(js, declaration);
                    if (outcome.failure() != null) {
                        return outcome;
                    }
                }
                for (Bindings.Binding binding : Bindings.all()) {
                    Outcome outcome = run(js, binding.declaration());
                    if (outcome.failure() != null) {
                        return outcome;
                    }
                }
            }
            run(js, "dev.ember.kernel.Bindings.startCell(" + number + "L)");
            StringBuilder rest = new StringBuilder();
            boolean leading = true;
            for (String line : code.split("\n", -1)) {
                String trimmed = line.strip();
                if (leading && trimmed.startsWith("%")) {
                    Outcome failed = magic(js, trimmed, output);
                    if (failed != null) {
                        return failed;
                    }
                    continue;
                }
                leading = leading && trimmed.isEmpty();
                rest.append(line).append('\n');
            }
            Outcome outcome = run(js, rest.toString());
            if (shellEnded) {
                // JShell says so before the cell's evaluation returns.
                return interpreterDied(null);
            }
            if (interrupted == number) {
                // Jobs the cell started just before it stopped, in the background too.
                cancelJobGroup.accept(Bindings.group(number));
                return Outcome.failed(
                        "Interrupted",
                        "The cell was interrupted",
                        List.of("Interrupted: the cell was stopped, and the Ember jobs it waited for were cancelled"));
            }
            return outcome;
        } catch (IllegalStateException e) {
            // The JVM went away under the cell.
            shellEnded = true;
            return interpreterDied(e);
        } finally {
            stdout.drain();
            stderr.drain();
            stdout.target = null;
            stderr.target = null;
            synchronized (cellEnded) {
                running = false;
                cellEnded.notifyAll();
            }
        }
    }

    /**
     * A line magic at the top of a cell: {@code %jars PATH...} or {@code %maven GROUP:ARTIFACT:VERSION...}. The jars
     * go to the interpreter (to compile and run cells) and, through {@code ctx.addJar}, to executors. Returns the
     * failure, or null.
     */
    private Outcome magic(JShell js, String line, Output output) {
        String[] words = line.split("\\s+");
        List<String> arguments = List.of(words).subList(1, words.length);
        if (arguments.isEmpty() && (words[0].equals("%jars") || words[0].equals("%maven"))) {
            return Outcome.failed(
                    "MagicError", words[0] + " needs at least one argument", List.of("usage: " + words[0] + " ..."));
        }
        List<Path> jars = new ArrayList<>();
        try {
            if (words[0].equals("%jars")) {
                for (String argument : arguments) {
                    Path jar = Path.of(argument).toAbsolutePath();
                    if (!Files.isRegularFile(jar)
                            || !jar.getFileName().toString().endsWith(".jar")) {
                        return Outcome.failed("MagicError", "%jars: " + argument + " is not a jar file", List.of(line));
                    }
                    jars.add(jar);
                }
            } else if (words[0].equals("%maven")) {
                Dependencies.Resolved resolved = Dependencies.resolve(arguments);
                jars.addAll(resolved.jars());
                if (!resolved.alreadyPresent().isEmpty()) {
                    output.stream(
                            "stdout",
                            "Already on the class path, so not added: " + String.join(", ", resolved.alreadyPresent())
                                    + "\n");
                }
            } else {
                return Outcome.failed(
                        "MagicError",
                        "Unknown magic " + words[0] + "; this kernel knows %jars and %maven",
                        List.of(line));
            }
        } catch (RuntimeException | LinkageError e) {
            return Outcome.failed("MagicError", String.valueOf(e.getMessage()), List.of(line, e.toString()));
        }
        for (Path jar : jars) {
            js.addToClasspath(jar.toString());
            String literal = "\"" + jar.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            Outcome added = run(js, "ctx.addJar(" + literal + ")");
            if (added.failure() != null) {
                return added;
            }
            output.stream("stdout", "Added " + jar.getFileName() + "\n");
        }
        return null;
    }

    private static Outcome interpreterDied(IllegalStateException error) {
        return Outcome.failed(
                "InterpreterDied",
                "The interpreter's JVM ended while the cell ran (the code exited, crashed or ran out of memory);"
                        + " the next cell starts a new one",
                List.of(error == null ? "InterpreterDied: the interpreter's JVM ended" : error.toString()));
    }

    /** Runs the snippets of {@code code} in order, stopping at the first error. */
    private Outcome run(JShell js, String code) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String remaining = code;
        String value = null;
        Snippet valued = null;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            String source;
            if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                break;
            }
            if (info.completeness().isComplete()) {
                source = info.source();
                remaining = info.remaining();
            } else {
                // Incomplete or unknown: evaluate what is left, for the compiler to say what is wrong.
                source = remaining;
                remaining = "";
            }
            value = null;
            valued = null;
            if (shellEnded) {
                break;
            }
            for (SnippetEvent event : js.eval(source)) {
                if (event.causeSnippet() != null) {
                    continue; // a definition updated because of this one
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    return compileError(js, event.snippet());
                }
                if (event.exception() != null) {
                    return runtimeError(event.exception());
                }
                if (isExpression(event.snippet())) {
                    value = event.value();
                    valued = event.snippet();
                }
            }
        }
        if (value == null) {
            return Outcome.ok(null);
        }
        Map<String, String> data = new LinkedHashMap<>();
        data.put("text/plain", value);
        data.putAll(richForms(js, valued));
        return new Outcome(data, null);
    }

    /** What the renderers make of a value (tables of collections...), asked for in the interpreter's JVM. */
    private static Map<String, String> richForms(JShell js, Snippet snippet) {
        String name;
        String type;
        if (snippet instanceof jdk.jshell.VarSnippet variable) {
            name = variable.name();
            type = variable.typeName();
        } else if (snippet instanceof jdk.jshell.ExpressionSnippet expression) {
            name = expression.name();
            type = expression.typeName();
        } else {
            return Map.of();
        }
        if (PLAIN_TYPES.contains(type)) {
            return Map.of();
        }
        for (SnippetEvent event : js.eval("dev.ember.kernel.Display.bundle(" + name + ")")) {
            if (event.causeSnippet() == null && event.exception() == null && event.value() != null) {
                String quoted = event.value();
                if (quoted.length() >= 2 && quoted.startsWith("\"") && quoted.endsWith("\"")) {
                    Map<String, String> forms = Display.decode(quoted.substring(1, quoted.length() - 1));
                    // The helper snippet is gone; $N numbering of the user's values is JShell's own.
                    js.drop(event.snippet());
                    return forms;
                }
            }
        }
        return Map.of();
    }

    private static boolean isExpression(Snippet snippet) {
        return snippet.kind() == Snippet.Kind.EXPRESSION
                || snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND;
    }

    private static Outcome compileError(JShell js, Snippet snippet) {
        List<String> traceback = new ArrayList<>();
        String source = snippet.source();
        StringBuilder messages = new StringBuilder();
        js.diagnostics(snippet).forEach(diag -> {
            String message = diag.getMessage(Locale.ROOT);
            if (messages.length() > 0) {
                messages.append("; ");
            }
            messages.append(message);
            traceback.addAll(pointAt(source, diag, message));
        });
        if (traceback.isEmpty()) {
            traceback.add("The snippet was rejected: " + source.strip());
        }
        return Outcome.failed("CompilationError", messages.toString(), traceback);
    }

    /** The error message, the source line it is on, and a caret under the position. */
    private static List<String> pointAt(String source, Diag diag, String message) {
        long position = Math.max(0, Math.min(diag.getStartPosition(), source.length()));
        int lineStart = source.lastIndexOf('\n', (int) position - 1) + 1;
        int lineEnd = source.indexOf('\n', (int) position);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        int lineNumber = 1
                + (int) source.substring(0, lineStart)
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
        return List.of(
                "line " + lineNumber + ": " + (diag.isError() ? "error" : "warning") + ": " + message,
                line,
                " ".repeat((int) position - lineStart) + "^");
    }

    private static Outcome runtimeError(JShellException exception) {
        String name;
        if (exception instanceof EvalException eval) {
            name = eval.getExceptionClassName();
        } else if (exception instanceof UnresolvedReferenceException unresolved) {
            name = "UnresolvedReference";
            return Outcome.failed(
                    name,
                    "It uses " + unresolved.getSnippet().source().strip() + ", which is not fully defined",
                    List.of(name + ": " + unresolved.getMessage()));
        } else {
            name = exception.getClass().getName();
        }
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        List<String> traceback = new ArrayList<>();
        traceback.add(name + (message.isEmpty() ? "" : ": " + message));
        for (StackTraceElement frame : exception.getStackTrace()) {
            traceback.add("\tat " + frame);
        }
        Throwable cause = exception.getCause();
        while (cause != null) {
            String causeName = cause instanceof EvalException eval
                    ? eval.getExceptionClassName()
                    : cause.getClass().getName();
            traceback.add("Caused by: " + causeName + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            for (StackTraceElement frame : cause.getStackTrace()) {
                traceback.add("\tat " + frame);
            }
            cause = cause.getCause();
        }
        return Outcome.failed(name, message, traceback);
    }

    @Override
    public void flushOutput() {
        stdout.drain();
        stderr.drain();
    }

    /**
     * Stops the running cell and cancels its jobs. JShell stops only code already executing, so an interrupt that
     * comes while the cell is still being compiled is repeated, every {@value #INTERRUPT_RETRY_MS} ms for at most
     * {@value #INTERRUPT_WINDOW_MS} ms, until the cell ends.
     */
    @Override
    public void interrupt() {
        JShell current = shell;
        if (current == null || shellEnded || !running) {
            return;
        }
        long number = cell;
        interrupted = number;
        ThreadUtils.newThread("kernel-interrupt", true, () -> {
                    long deadline = System.nanoTime() + INTERRUPT_WINDOW_MS * 1_000_000L;
                    cancelJobGroup.accept(Bindings.group(number));
                    while (System.nanoTime() < deadline) {
                        synchronized (cellStart) {
                            if (!running || cell != number) {
                                return;
                            }
                            try {
                                current.stop();
                            } catch (IllegalStateException e) {
                                return; // the interpreter ended
                            }
                        }
                        synchronized (cellEnded) {
                            if (running && cell == number) {
                                try {
                                    cellEnded.wait(INTERRUPT_RETRY_MS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    return;
                                }
                            }
                        }
                    }
                })
                .start();
    }

    @Override
    public Completeness isComplete(String code) {
        SourceCodeAnalysis analysis = shell().sourceCodeAnalysis();
        String remaining = code;
        while (true) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
            SourceCodeAnalysis.Completeness completeness = info.completeness();
            if (completeness == SourceCodeAnalysis.Completeness.EMPTY) {
                return new Completeness("complete", "");
            }
            if (completeness == SourceCodeAnalysis.Completeness.DEFINITELY_INCOMPLETE
                    || completeness == SourceCodeAnalysis.Completeness.CONSIDERED_INCOMPLETE) {
                return new Completeness("incomplete", "    ");
            }
            if (completeness == SourceCodeAnalysis.Completeness.UNKNOWN) {
                return new Completeness("invalid", "");
            }
            if (info.remaining().isBlank()) {
                return new Completeness("complete", "");
            }
            remaining = info.remaining();
        }
    }

    @Override
    public Completions complete(String code, int cursor) {
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                shell().sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
        List<String> matches = new ArrayList<>();
        boolean matchingType = suggestions.stream().anyMatch(SourceCodeAnalysis.Suggestion::matchesType);
        for (SourceCodeAnalysis.Suggestion suggestion : suggestions) {
            if ((!matchingType || suggestion.matchesType()) && !matches.contains(suggestion.continuation())) {
                matches.add(suggestion.continuation());
            }
        }
        return new Completions(matches, anchor[0], cursor);
    }

    @Override
    public Optional<String> inspect(String code, int cursor) {
        List<SourceCodeAnalysis.Documentation> docs =
                shell().sourceCodeAnalysis().documentation(code, cursor, true);
        if (docs.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder text = new StringBuilder();
        for (SourceCodeAnalysis.Documentation doc : docs) {
            text.append(doc.signature()).append('\n');
            if (doc.javadoc() != null && !doc.javadoc().isBlank()) {
                text.append(doc.javadoc().strip()).append("\n\n");
            }
        }
        return Optional.of(text.toString().strip());
    }

    @Override
    public void close() {
        JShell current = shell;
        if (current != null) {
            current.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(classDirectoryCleanup);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook deletes the directory too, which is harmless.
        }
        deleteClassDirectory(classDirectory);
    }

    /** Bytes the interpreter's JVM prints, passed on as text to the running cell's output. */
    private static final class ForwardingStream extends OutputStream {
        private final String name;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private volatile Output target;

        ForwardingStream(String name) {
            this.name = name;
        }

        @Override
        public synchronized void write(int b) {
            pending.write(b);
            if (b == '\n') {
                drain();
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            int lastNewline = -1;
            for (int i = offset + length - 1; i >= offset; i--) {
                if (bytes[i] == '\n') {
                    lastNewline = i;
                    break;
                }
            }
            if (lastNewline < 0) {
                pending.write(bytes, offset, length);
                return;
            }
            // Whole lines go now; the start of the next line waits for its end (or for the end of the cell).
            pending.write(bytes, offset, lastNewline + 1 - offset);
            flush();
            pending.write(bytes, lastNewline + 1, offset + length - lastNewline - 1);
        }

        /** Nothing: the printing side flushes after every write, and half lines wait for their end. */
        @Override
        public void flush() {}

        /** Passes on everything pending; whole lines go as they are written, the rest at the end of the cell. */
        synchronized void drain() {
            if (pending.size() == 0) {
                return;
            }
            String text = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            Output out = target;
            if (out == null) {
                LOG.info("Interpreter {} outside a cell: {}", name, text.strip());
                return;
            }
            if (!text.contains(Notebook.MARKER)) {
                out.stream(name, text);
                return;
            }
            // Marked lines are messages from Notebook (displays, progress bars); the rest is text.
            StringBuilder plain = new StringBuilder();
            for (String line : text.split("(?<=\n)")) {
                int marker = line.indexOf(Notebook.MARKER);
                if (marker < 0) {
                    plain.append(line);
                    continue;
                }
                plain.append(line, 0, marker);
                if (plain.length() > 0) {
                    out.stream(name, plain.toString());
                    plain.setLength(0);
                }
                displayMessage(line.substring(marker + Notebook.MARKER.length()).strip(), out);
            }
            if (plain.length() > 0) {
                out.stream(name, plain.toString());
            }
        }
    }

    /** Messages a cell may send through its output. */
    private static final java.util.Set<String> DISPLAY_TYPES =
            java.util.Set.of("display_data", "update_display_data", "clear_output");

    private static void displayMessage(String encoded, Output out) {
        try {
            com.fasterxml.jackson.databind.JsonNode message = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(java.util.Base64.getDecoder().decode(encoded));
            String type = message.path("msg_type").asText("");
            if (DISPLAY_TYPES.contains(type) && message.path("content").isObject()) {
                out.display(type, (com.fasterxml.jackson.databind.node.ObjectNode) message.get("content"));
                return;
            }
            LOG.warn("Dropped a display message of type '{}' from the interpreter", type);
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warn("Dropped a malformed display message from the interpreter: {}", e.toString());
        }
    }
}
