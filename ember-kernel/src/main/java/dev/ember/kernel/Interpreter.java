package dev.ember.kernel;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the code of notebook cells, keeping definitions from one cell to the next. Kept apart from the message
 * handlers: code that crashes, hangs or exhausts memory costs the interpreter's state, never the kernel.
 */
public interface Interpreter extends AutoCloseable {
    /** Where a cell's output goes while it runs: {@code name} is {@code stdout} or {@code stderr}. */
    interface Output {
        void stream(String name, String text);

        /** A display message of the cell: {@code display_data}, {@code update_display_data} or {@code clear_output}. */
        default void display(String type, com.fasterxml.jackson.databind.node.ObjectNode content) {}
    }

    /**
     * A cell's outcome: its last expression's value by MIME type ({@code text/plain} and any richer forms; null when
     * there is none), or the error that stopped it.
     */
    record Outcome(Map<String, String> data, Failure failure) {
        static Outcome ok(String text) {
            return new Outcome(text == null ? null : Map.of("text/plain", text), null);
        }

        static Outcome failed(String name, String value, List<String> traceback) {
            return new Outcome(null, new Failure(name, value, traceback));
        }
    }

    /** What Jupyter shows of an error: its name, its message and a traceback of plain lines. */
    record Failure(String name, String value, List<String> traceback) {}

    /** Whether code is ready to run: {@code complete}, {@code incomplete}, {@code invalid} or {@code unknown}. */
    record Completeness(String status, String indent) {}

    /** Completions of the word at the cursor: the text between {@code start} and {@code end} is replaced. */
    record Completions(List<String> matches, int start, int end) {}

    /** Runs a cell's {@code code}; {@code executionCount} is the number the front end shows for the cell. */
    Outcome execute(String code, int executionCount, Output output);

    /** Passes on output the running cell wrote without ending its line (before asking for input). */
    default void flushOutput() {}

    /** Stops the running cell, from another thread; the interpreter stays usable. */
    void interrupt();

    Completeness isComplete(String code);

    Completions complete(String code, int cursor);

    /** Documentation of what is at the cursor, as plain text. */
    Optional<String> inspect(String code, int cursor);

    @Override
    void close();
}
