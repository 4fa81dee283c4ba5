package dev.ember.kernel;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * The interpreter: JShell, with the code running in a JVM of its own (JShell's default remote execution), so that a
 * cell that exits, crashes or runs out of memory ends that JVM only; the next cell gets a fresh one (definitions are
 * lost, and the cell says so). The interpreter's JVM has this JVM's class path, its {@code --add-opens} options and
 * its {@code ember.*} system properties.
 *
 * <p>A cell runs in this order: the imports and {@link Bindings} (once per JVM), {@link Bindings#startCell}, the
 * {@link Magics} at its top, then its code, snippet by snippet, up to the first error, and {@link Bindings#endCell}
 * whatever happened. The parts:
 *
 * <ul>
 *   <li>{@link InterpreterJvm}: the interpreter's JVM, its launch and class path, and the JShell connected to it;
 *   <li>{@link InterpreterOutput}: what the JVM prints, passed on to the running cell, displays included
 *       ({@link DisplayMarker});
 *   <li>{@link Magics}: {@code %jars} and {@code %maven};
 *   <li>{@link CellErrors}: JShell's diagnostics and exceptions as Jupyter errors;
 *   <li>{@link CellInterrupts}: stopping the running cell and cancelling its jobs.
 * </ul>
 *
 * <p>Used from one thread at a time (the kernel's shell thread), except {@link #interrupt}.
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class JShellInterpreter implements Interpreter {
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

    private final CellSources cellSources = new CellSources();
    private final InterpreterOutput interpreterOutput = new InterpreterOutput(cellSources::rename);
    private final InterpreterJvm jvm;
    private final CellInterrupts interrupts;
    /** The JShell the imports and bindings were declared in; a fresh one needs them again. Shell thread only. */
    private JShell boundShell;

    /**
     * An interpreter whose cells read {@code stdin}, and whose interrupts cancel each cell's job group through
     * {@code cancelJobGroup}.
     */
    JShellInterpreter(List<String> extraVmOptions, InputStream stdin, Consumer<String> cancelJobGroup) {
        this.jvm = new InterpreterJvm(extraVmOptions, stdin, interpreterOutput.stdout(), interpreterOutput.stderr());
        this.interrupts = new CellInterrupts(cancelJobGroup);
    }

    @Override
    public Outcome execute(String code, int executionCount, Output output) {
        boolean restarted = jvm.needsRestart();
        JShell js;
        try {
            js = jvm.shell();
        } catch (RuntimeException e) {
            return CellErrors.cannotStart(e);
        }
        interpreterOutput.startCell(output);
        long number = interrupts.startCell();
        try {
            if (restarted) {
                output.stream(
                        "stderr",
                        "The interpreter's JVM had ended (the code exited, crashed or ran out of memory); it was"
                                + " started again, and earlier definitions are gone.\n");
            }
            if (boundShell != js) {
                boundShell = js;
                cellSources.clear();
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
            String sql = SqlCells.sqlOf(code);
            Outcome outcome;
            if (sql != null) {
                outcome = runSql(js, sql);
            } else {
                StringBuilder rest = new StringBuilder();
                boolean leading = true;
                for (String line : code.split("\n", -1)) {
                    String trimmed = line.strip();
                    if (leading && trimmed.startsWith("%")) {
                        Outcome failed = Magics.run(js, trimmed, output, source -> run(js, source));
                        if (failed != null) {
                            return failed;
                        }
                        // An empty line in its place keeps the code's line numbers the cell's.
                        rest.append('\n');
                        continue;
                    }
                    leading = leading && trimmed.isEmpty();
                    rest.append(line).append('\n');
                }
                outcome = run(js, rest.toString(), executionCount);
            }
            if (jvm.ended()) {
                // JShell says so before the cell's evaluation returns.
                return CellErrors.interpreterDied(null);
            }
            if (interrupts.cancelIfInterrupted(number)) {
                return CellErrors.interrupted();
            }
            return outcome;
        } catch (IllegalStateException e) {
            // The JVM went away under the cell.
            jvm.markEnded();
            return CellErrors.interpreterDied(e);
        } finally {
            // First: no stop of an interrupt reaches the closing snippet.
            interrupts.endCell();
            endCellInJvm(js);
            interpreterOutput.endCell();
            cellSources.endCell();
        }
    }

    /** Lets the interpreter's JVM close the cell (its progress bar) while the cell's output still goes to the cell. */
    private void endCellInJvm(JShell js) {
        if (jvm.ended()) {
            return;
        }
        try {
            js.eval("dev.ember.kernel.Bindings.endCell();");
        } catch (IllegalStateException e) {
            jvm.markEnded();
        }
    }

    /** Runs the snippets of {@code code}, which is not a cell's code, in order, stopping at the first error. */
    private Outcome run(JShell js, String code) {
        return run(js, code, 0);
    }

    /**
     * Runs the snippets of {@code code} in order, stopping at the first error; {@code cell} is the execution count of
     * the cell {@code code} is, or 0 for code of the kernel's own.
     */
    private Outcome run(JShell js, String code, int cell) {
        SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
        String remaining = code;
        String value = null;
        Snippet valued = null;
        while (!remaining.isBlank()) {
            String remainingBefore = remaining;
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
            if (jvm.ended()) {
                break;
            }
            // Without its leading white space, the snippet's first line is where its code starts, for JShell too.
            String leading =
                    source.substring(0, source.length() - source.stripLeading().length());
            source = source.stripLeading();
            int firstLine = CellSources.lineOf(code, code.length() - remainingBefore.length() + leading.length());
            if (cell > 0) {
                cellSources.beforeSnippet(js, cell, firstLine, source);
            }
            List<SnippetEvent> events = js.eval(source);
            for (SnippetEvent event : events) {
                if (cell > 0 && event.causeSnippet() == null) {
                    cellSources.afterSnippet(js, event.snippet());
                }
            }
            for (SnippetEvent event : events) {
                if (event.causeSnippet() != null) {
                    continue; // a definition updated because of this one
                }
                if (event.status() == Snippet.Status.REJECTED) {
                    return CellErrors.compileError(js, event.snippet(), cell > 0 ? firstLine : 1);
                }
                if (event.exception() != null) {
                    return CellErrors.runtimeError(event.exception(), cellSources);
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

    /**
     * Runs a {@code %%sql} cell's statements with {@code spark} in the interpreter's JVM ({@link SqlCells#run}); its
     * result is the last statement's Dataset, shown as a table, or nothing after a command. A failing statement is a
     * concise error ({@link CellErrors#sqlError}).
     */
    private Outcome runSql(JShell js, String sql) {
        if (jvm.ended()) {
            return Outcome.ok(null);
        }
        for (SnippetEvent event : js.eval(SqlCells.callFor(sql))) {
            if (event.causeSnippet() != null) {
                continue;
            }
            if (event.status() == Snippet.Status.REJECTED) {
                return CellErrors.compileError(js, event.snippet(), 1);
            }
            if (event.exception() != null) {
                return CellErrors.sqlError(event.exception());
            }
            if (event.value() == null || event.value().equals("null")) {
                js.drop(event.snippet());
                return Outcome.ok(null);
            }
            Map<String, String> data = new LinkedHashMap<>();
            data.put("text/plain", event.value());
            data.putAll(richForms(js, event.snippet()));
            return new Outcome(data, null);
        }
        return Outcome.ok(null);
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

    @Override
    public void flushOutput() {
        interpreterOutput.drain();
    }

    /** Stops the running cell and cancels its jobs (see {@link CellInterrupts#interrupt}). */
    @Override
    public void interrupt() {
        jvm.live().ifPresent(interrupts::interrupt);
    }

    @Override
    public Completeness isComplete(String code) {
        SourceCodeAnalysis analysis = jvm.shell().sourceCodeAnalysis();
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
                jvm.shell().sourceCodeAnalysis().completionSuggestions(code, cursor, anchor);
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
                jvm.shell().sourceCodeAnalysis().documentation(code, cursor, true);
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
        jvm.close();
    }
}
