package dev.ember.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.zeromq.ZMQ;

/**
 * Input for a running cell: {@code System.in} of the interpreter reads from here, and each line read asks the front
 * end with an {@code input_request} on the stdin socket, for the cell whose request allowed it
 * ({@code allow_stdin}). Without a front end that allows it, reads see the end of input. Only the thread reading input
 * uses the stdin socket.
 */
final class Stdin {
    private final Kernel kernel;
    private volatile ZMQ.Socket socket;
    private volatile KernelMessage cell;
    private volatile Runnable beforeInput = () -> {};

    Stdin(Kernel kernel) {
        this.kernel = kernel;
    }

    void attach(ZMQ.Socket socket) {
        this.socket = socket;
    }

    /** Run before each input request: shows the prompt the cell printed. */
    void beforeInput(Runnable action) {
        this.beforeInput = action;
    }

    /** The request of the cell now running, or null between cells; input is asked for only when it allows it. */
    void cell(KernelMessage request) {
        this.cell = request != null && request.content().path("allow_stdin").asBoolean(false) ? request : null;
    }

    /** Asks the front end for a line; null when no front end can answer (the input ends). */
    String readLine(String prompt) {
        KernelMessage request = cell;
        ZMQ.Socket stdin = socket;
        if (request == null || stdin == null) {
            return null;
        }
        beforeInput.run();
        ObjectNode content =
                JsonNodeFactory.instance.objectNode().put("prompt", prompt).put("password", false);
        kernel.send(stdin, KernelMessage.reply(request, "input_request", content, kernel.session()));
        while (cell == request) {
            KernelMessage reply = kernel.receive("stdin", stdin, 0);
            if (reply != null && reply.type().equals("input_reply")) {
                return reply.content().path("value").asText("");
            }
        }
        return null; // the cell ended (interrupted) before an answer came
    }

    /** The interpreter's {@code System.in}. */
    InputStream stream() {
        return new InputStream() {
            private byte[] line = new byte[0];
            private int position;

            @Override
            public synchronized int read() {
                if (position == line.length) {
                    String next = readLine("");
                    if (next == null) {
                        return -1;
                    }
                    line = (next + "\n").getBytes(StandardCharsets.UTF_8);
                    position = 0;
                }
                return line[position++] & 0xFF;
            }

            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                if (length == 0) {
                    return 0;
                }
                int first = read();
                if (first < 0) {
                    return -1;
                }
                buffer[offset] = (byte) first;
                int count = 1;
                while (count < length && position < line.length) {
                    buffer[offset + count++] = line[position++];
                }
                return count;
            }
        };
    }
}
