package dev.ember.kernel;

import dev.ember.kernel.Interpreter.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.UnresolvedReferenceException;

/**
 * What Jupyter shows when a cell fails: the error's name, message and traceback ({@link Interpreter.Failure}, the
 * {@code ename}, {@code evalue} and {@code traceback} of an {@code error} message), made from JShell's diagnostics and
 * exceptions. The names:
 *
 * <ul>
 *   <li>{@code CompilationError}: JShell rejected a snippet; each diagnostic with its line, the source line and a
 *       caret under the position;
 *   <li>the exception's class name: the cell's code threw; its stack trace and causes, as Java prints them;
 *   <li>{@code UnresolvedReference}: the cell used a definition that is not fully defined;
 *   <li>{@code Interrupted}: the cell was interrupted;
 *   <li>{@code InterpreterDied}: the interpreter's JVM ended while the cell ran;
 *   <li>{@code InterpreterError}: the interpreter's JVM could not be started.
 * </ul>
 *
 * A magic that cannot be run is a {@code MagicError} ({@link Magics}).
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class CellErrors {
    private CellErrors() {}

    /** The interpreter's JVM could not be started. */
    static Outcome cannotStart(RuntimeException e) {
        return Outcome.failed(
                "InterpreterError", "Cannot start the interpreter: " + e.getMessage(), List.of(e.toString()));
    }

    /** The cell was stopped by an interrupt. */
    static Outcome interrupted() {
        return Outcome.failed(
                "Interrupted",
                "The cell was interrupted",
                List.of("Interrupted: the cell was stopped, and the Ember jobs it waited for were cancelled"));
    }

    /**
     * The interpreter's JVM ended while the cell ran: {@code error} is how a call to it failed, or null when JShell
     * said so.
     */
    static Outcome interpreterDied(IllegalStateException error) {
        return Outcome.failed(
                "InterpreterDied",
                "The interpreter's JVM ended while the cell ran (the code exited, crashed or ran out of memory);"
                        + " the next cell starts a new one",
                List.of(error == null ? "InterpreterDied: the interpreter's JVM ended" : error.toString()));
    }

    /** JShell rejected {@code snippet}, which starts on line {@code firstLine} of its cell: its diagnostics. */
    static Outcome compileError(JShell js, Snippet snippet, int firstLine) {
        List<String> traceback = new ArrayList<>();
        String source = snippet.source();
        StringBuilder messages = new StringBuilder();
        js.diagnostics(snippet).forEach(diag -> {
            String message = diag.getMessage(Locale.ROOT);
            if (messages.length() > 0) {
                messages.append("; ");
            }
            messages.append(message);
            traceback.addAll(pointAt(source, firstLine, diag, message));
        });
        if (traceback.isEmpty()) {
            traceback.add("The snippet was rejected: " + source.strip());
        }
        return Outcome.failed("CompilationError", messages.toString(), traceback);
    }

    /** The error message, the source line it is on (counted in the cell), and a caret under the position. */
    private static List<String> pointAt(String source, int firstLine, Diag diag, String message) {
        long position = Math.max(0, Math.min(diag.getStartPosition(), source.length()));
        int lineStart = source.lastIndexOf('\n', (int) position - 1) + 1;
        int lineEnd = source.indexOf('\n', (int) position);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        int lineNumber = firstLine
                + (int) source.substring(0, lineStart)
                        .chars()
                        .filter(c -> c == '\n')
                        .count();
        return List.of(
                "line " + lineNumber + ": " + (diag.isError() ? "error" : "warning") + ": " + message,
                line,
                " ".repeat((int) position - lineStart) + "^");
    }

    /**
     * The cell's code threw {@code exception}, or used a definition that is not complete. Frames in cells read as
     * {@code at NAME (cell [N], line M)} ({@link CellSources}); when an exception comes out of Ember's own code, only
     * the frame of the Ember method the cell called is kept above the cell's frames.
     */
    static Outcome runtimeError(JShellException exception, CellSources sources) {
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
        addFrames(traceback, exception.getStackTrace(), sources);
        Throwable cause = exception.getCause();
        while (cause != null) {
            String causeName = cause instanceof EvalException eval
                    ? eval.getExceptionClassName()
                    : cause.getClass().getName();
            traceback.add("Caused by: " + causeName + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
            addFrames(traceback, cause.getStackTrace(), sources);
            cause = cause.getCause();
        }
        return Outcome.failed(name, message, traceback);
    }

    /**
     * A {@code %%sql} cell's statement failed with {@code exception}: its class and whole message (a parse error's
     * position and caret line included), without a stack trace, which would show the engine's frames only.
     */
    static Outcome sqlError(JShellException exception) {
        String name = exception instanceof EvalException eval
                ? eval.getExceptionClassName()
                : exception.getClass().getName();
        String message = exception.getMessage() == null ? "" : exception.getMessage();
        String shortName = name.substring(name.lastIndexOf('.') + 1);
        List<String> traceback = new ArrayList<>(List.of((shortName + ": " + message).split("\n", -1)));
        return Outcome.failed(name, message, traceback);
    }

    private static void addFrames(List<String> traceback, StackTraceElement[] frames, CellSources sources) {
        int firstInCell = 0;
        while (firstInCell < frames.length && !isInCell(frames[firstInCell])) {
            firstInCell++;
        }
        int start = 0;
        if (firstInCell < frames.length && firstInCell > 1) {
            boolean allEmber = true;
            for (int i = 0; i < firstInCell; i++) {
                allEmber &= frames[i].getClassName().startsWith("dev.ember.");
            }
            // Ember's scheduler and executor frames say nothing to the cell's author; the API method called does.
            start = allEmber ? firstInCell - 1 : 0;
        }
        for (int i = start; i < frames.length; i++) {
            StackTraceElement frame = frames[i];
            String inCell = sources.frame(frame.getMethodName(), frame.getFileName(), frame.getLineNumber());
            traceback.add("\t" + (inCell == null ? "at " + frame : inCell));
        }
    }

    private static boolean isInCell(StackTraceElement frame) {
        return frame.getFileName() != null && frame.getFileName().startsWith("#");
    }
}
