package dev.ember.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The output channel of the interpreter's JVM: what its code prints on standard output and standard error comes back
 * through JShell into {@link #stdout()} and {@link #stderr()}, which pass it on, in order, to the running cell's
 * {@link Interpreter.Output}: text as {@code stream} text named {@code stdout} or {@code stderr}, the display messages
 * in it ({@link DisplayMarker}) as displays. Bytes wait in the stream until they are passed on: when a line end is
 * written on its own, on {@link #drain} (before the cell asks for input) and at the end of the cell. Output that
 * comes while no cell runs is logged.
 *
 * <pre>
 *   interpreter's JVM ──JShell──► stdout / stderr ──drain──► DisplayMarker.forward ──► the cell's Output
 * </pre>
 *
 * <p>The shell thread starts and ends cells; JShell's threads write; {@link #drain} may be called from any thread.
 */
final class InterpreterOutput {
    private static final Logger LOG = LoggerFactory.getLogger(InterpreterOutput.class);

    private final ForwardingStream stdout = new ForwardingStream("stdout");
    private final ForwardingStream stderr = new ForwardingStream("stderr");

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
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private volatile Interpreter.Output target;

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
            Interpreter.Output out = target;
            if (out == null) {
                LOG.info("Interpreter {} outside a cell: {}", name, text.strip());
                return;
            }
            DisplayMarker.forward(name, text, out);
        }
    }
}
