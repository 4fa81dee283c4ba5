package dev.ember.kernel;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output channel of the interpreter's JVM: what its code prints on standard output and standard error comes back
 * through JShell into {@link #stdout()} and {@link #stderr()}, which pass it on, in order, to the running cell's
 * {@link Interpreter.Output}: text as {@code stream} text named {@code stdout} or {@code stderr}, the display messages
 * in it ({@link DisplayMarker}) as displays. Whole lines are passed on as soon as they arrive, so the front end sees a
 * cell's output while it runs; the start of a line waits for its end, for {@link #drain} (before the cell asks for
 * input) or for the end of the cell. Output that comes while no cell runs is logged.
 *
 * <pre>
 *   interpreter's JVM ──JShell──► stdout / stderr ──drain──► DisplayMarker.forward ──► the cell's Output
 * </pre>
 *
 * <p>The shell thread starts and ends cells; JShell's threads write; {@link #drain} may be called from any thread.
 */
final class InterpreterOutput {
    private static final Logger LOG = LoggerFactory.getLogger(InterpreterOutput.class);

    private final ForwardingStream stdout;
    private final ForwardingStream stderr;

    /**
     * An output channel that passes text through {@code rename} (which names places in cells as the user wrote them,
     * {@link CellSources#rename}) on its way, the text of progress bars included.
     */
    InterpreterOutput(UnaryOperator<String> rename) {
        this.stdout = new ForwardingStream("stdout", rename);
        this.stderr = new ForwardingStream("stderr", rename);
    }

    /** Where the interpreter's JVM prints its standard output. */
    OutputStream stdout() {
        return stdout;
    }

    /** Where the interpreter's JVM prints its standard error. */
    OutputStream stderr() {
        return stderr;
    }

    /** Sends what is printed from now on to {@code output}, the output of the cell that starts. */
    void startCell(Interpreter.Output output) {
        stdout.target = output;
        stderr.target = output;
    }

    /** Passes on everything pending, half lines included. */
    void drain() {
        stdout.drain();
        stderr.drain();
    }

    /** Passes on everything pending to the cell that ended; what is printed after it is logged. */
    void endCell() {
        stdout.drain();
        stderr.drain();
        stdout.target = null;
        stderr.target = null;
    }

    /** Bytes the interpreter's JVM prints, passed on as text to the running cell's output. */
    private static final class ForwardingStream extends OutputStream {
        private final String name;
        private final UnaryOperator<String> rename;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private volatile Interpreter.Output target;

        ForwardingStream(String name, UnaryOperator<String> rename) {
            this.name = name;
            this.rename = rename;
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
            drain();
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
            Interpreter.Output out = target;
            if (out == null) {
                LOG.info("Interpreter {} outside a cell: {}", name, text.strip());
                return;
            }
            DisplayMarker.forward(name, rename.apply(text), new Interpreter.Output() {
                @Override
                public void stream(String streamName, String streamText) {
                    out.stream(streamName, streamText);
                }

                @Override
                public void display(String type, ObjectNode content) {
                    out.display(type, NotebookProgress.isBar(content) ? renamed(content) : content);
                }
            });
        }

        /** A progress bar's display with its stage names renamed. */
        private ObjectNode renamed(ObjectNode content) {
            ObjectNode copy = content.deepCopy();
            if (copy.get("data") instanceof ObjectNode data) {
                data.properties().forEach(entry -> {
                    if (entry.getValue().isTextual()) {
                        entry.setValue(
                                TextNode.valueOf(rename.apply(entry.getValue().asText())));
                    }
                });
            }
            return copy;
        }
    }
}
