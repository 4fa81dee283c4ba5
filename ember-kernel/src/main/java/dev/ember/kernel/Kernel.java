package dev.ember.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.util.ThreadUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * A Jupyter kernel, layer by layer: ZeroMQ sockets bound from a connection file (heartbeat REP echoing raw bytes,
 * shell, control and stdin ROUTERs, iopub PUB), the codec that parses and checks every message, the routing of each
 * message type to its handler, the handlers, and the {@link Interpreter}. Each socket belongs to one thread: shell
 * requests run one after the other on the shell thread, control requests (interrupt, shutdown) on their own thread
 * so they are never stuck behind a running cell, and iopub messages go out through a queue to the iopub thread.
 */
public final class Kernel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Kernel.class);

    /** How long a socket thread waits for a message before looking whether the kernel stops. */
    private static final int POLL_MS = 200;

    /** After an error, cells arriving within this many ms of the last are aborted too. */
    private static final int ABORT_WINDOW_MS = 50;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** What the kernel gives its interpreter: the input its cells read. */
    public record Channels(InputStream stdin, String commBridge, java.util.function.Consumer<String> cancelJobGroup) {}

    /** Handles one request; {@code socket} is where its reply goes. */
    interface Handler {
        void handle(KernelMessage request, ZMQ.Socket socket);
    }

    private final ConnectionInfo connection;
    /** {@link KernelConfig#MAX_MESSAGE_SIZE}, set on every socket before it binds. */
    private final long maxMessageSize;

    private final WireCodec codec;
    private final Interpreter interpreter;
    private final String session = UUID.randomUUID().toString();
    private final ZContext zmq = new ZContext();
    private final BlockingQueue<List<byte[]>> iopubQueue = new LinkedBlockingQueue<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<Thread> threads = new ArrayList<>();
    private final Map<String, Handler> shellHandlers = new HashMap<>();
    private final Map<String, Handler> controlHandlers = new HashMap<>();
    private final Comms comms;
    private final CommBridge bridge;
    private final Stdin stdin;

    private volatile boolean running = true;
    private volatile boolean restartRequested;

    // Shell-thread state.
    private int executionCount;
    private final List<String[]> history = new ArrayList<>();

    private Kernel(ConnectionInfo connection, Function<Channels, Interpreter> interpreters) {
        this.connection = connection;
        this.maxMessageSize = KernelConfig.maxMessageSize();
        this.codec = new WireCodec(connection.keyBytes());
        this.comms = new Comms(this::publish);
        comms.session(session);
        this.stdin = new Stdin(this);
        this.bridge = new CommBridge(zmq, comms, maxMessageSize);
        this.interpreter = interpreters.apply(new Channels(stdin.stream(), bridge.address(), bridge::cancelJobGroup));
        stdin.beforeInput(interpreter::flushOutput);
        RequestHandlers handlers = new RequestHandlers(this, interpreter, comms);
        handlers.registerShell(shellHandlers);
        handlers.registerControl(controlHandlers);
    }

    /**
     * Binds the sockets of {@code connection} and starts serving; the interpreter made by {@code interpreters} (given
     * the input stream its cells read) runs the cells.
     */
    public static Kernel start(ConnectionInfo connection, Function<Channels, Interpreter> interpreters) {
        Kernel kernel = new Kernel(connection, interpreters);
        try {
            kernel.bindAndStart();
        } catch (RuntimeException e) {
            kernel.close();
            throw e;
        }
        return kernel;
    }

    private void bindAndStart() {
        ZMQ.Socket heartbeat = bind(SocketType.REP, connection.hbPort());
        ZMQ.Socket iopub = bind(SocketType.PUB, connection.iopubPort());
        ZMQ.Socket shell = bind(SocketType.ROUTER, connection.shellPort());
        ZMQ.Socket control = bind(SocketType.ROUTER, connection.controlPort());
        ZMQ.Socket stdinSocket = bind(SocketType.ROUTER, connection.stdinPort());
        stdin.attach(stdinSocket);
        threads.add(ThreadUtils.newThread("kernel-heartbeat", true, () -> echo(heartbeat)));
        threads.add(ThreadUtils.newThread("kernel-iopub", true, () -> publishLoop(iopub)));
        threads.add(ThreadUtils.newThread("kernel-shell", true, () -> serve("shell", shell, shellHandlers)));
        threads.add(ThreadUtils.newThread("kernel-control", true, () -> serve("control", control, controlHandlers)));
        threads.forEach(Thread::start);
        publish(KernelMessage.reply(null, "status", status("starting"), session));
        LOG.info("Kernel {} listening on {} (shell port {})", session, connection.ip(), connection.shellPort());
    }

    private ZMQ.Socket bind(SocketType type, int port) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setLinger(1000);
        socket.setReceiveTimeOut(POLL_MS);
        // Before binding: a connection takes the limit from its socket when it is accepted.
        socket.setMaxMsgSize(maxMessageSize);
        if (type == SocketType.ROUTER) {
            socket.setRouterMandatory(false);
        }
        try {
            socket.bind(connection.address(port));
        } catch (RuntimeException e) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.CONNECTION_FAILED,
                    "Cannot listen on " + connection.address(port) + ": " + e.getMessage(),
                    e);
        }
        return socket;
    }

    String session() {
        return session;
    }

    /** Waits until a shutdown request is handled, at most {@code timeout}; returns whether it was. */
    public boolean awaitShutdown(Duration timeout) throws InterruptedException {
        return stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether the last shutdown request asked for a restart (the front end starts the new kernel). */
    public boolean restartRequested() {
        return restartRequested;
    }

    void requestShutdown(boolean restart) {
        restartRequested = restart;
        running = false;
        stopped.countDown();
    }

    // ---- the socket threads ----

    private void echo(ZMQ.Socket heartbeat) {
        while (running) {
            byte[] ping = heartbeat.recv(0);
            if (ping != null) {
                heartbeat.send(ping, 0);
            }
        }
    }

    private void publishLoop(ZMQ.Socket iopub) {
        while (running || !iopubQueue.isEmpty()) {
            try {
                List<byte[]> frames = iopubQueue.poll(POLL_MS, TimeUnit.MILLISECONDS);
                if (frames != null) {
                    sendFrames(iopub, frames);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void serve(String name, ZMQ.Socket socket, Map<String, Handler> handlers) {
        while (running) {
            KernelMessage request = receive(name, socket, 0);
            if (request != null) {
                dispatch(name, socket, request, handlers);
            }
        }
    }

    /** The next valid message on {@code socket}, or null (none, or one dropped and logged). */
    KernelMessage receive(String name, ZMQ.Socket socket, int flags) {
        ZMsg message = ZMsg.recvMsg(socket, flags);
        if (message == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>(message.size());
        for (ZFrame frame : message) {
            frames.add(frame.getData());
        }
        message.destroy();
        try {
            return codec.decode(frames);
        } catch (WireCodec.BadMessage e) {
            LOG.warn("Dropped a message on the {} socket: {}", name, e.getMessage());
            return null;
        }
    }

    private void dispatch(String name, ZMQ.Socket socket, KernelMessage request, Map<String, Handler> handlers) {
        Handler handler = handlers.get(request.type());
        if (handler == null) {
            LOG.warn("Dropped a message of unknown type '{}' on the {} socket", request.type(), name);
            return;
        }
        publish(KernelMessage.reply(request, "status", status("busy"), session));
        try {
            handler.handle(request, socket);
        } catch (RuntimeException | LinkageError e) {
            // The request fails, with the reason; the socket's thread goes on serving.
            LOG.error("Handling {} failed", request.type(), e);
            String replyType = request.type().replace("_request", "_reply");
            if (replyType.endsWith("_reply")) {
                ObjectNode content = JSON.objectNode();
                content.put("status", "error");
                content.put("ename", e.getClass().getSimpleName());
                content.put("evalue", String.valueOf(e.getMessage()));
                content.set("traceback", JSON.arrayNode().add(e.toString()));
                send(socket, KernelMessage.reply(request, replyType, content, session));
            }
        } finally {
            publish(KernelMessage.reply(request, "status", status("idle"), session));
        }
    }

    // ---- sending ----

    /** Sends a reply on {@code socket}; only from the thread that owns it. */
    void send(ZMQ.Socket socket, KernelMessage message) {
        sendFrames(socket, codec.encode(message));
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    /** Queues a message for iopub, from any thread, with a topic frame naming its type. */
    void publish(KernelMessage message) {
        KernelMessage topical = new KernelMessage(
                List.of(("kernel." + session + "." + message.type()).getBytes(StandardCharsets.UTF_8)),
                message.header(),
                message.parentHeader(),
                message.metadata(),
                message.content(),
                message.buffers());
        iopubQueue.add(codec.encode(topical));
    }

    static ObjectNode status(String state) {
        return JSON.objectNode().put("execution_state", state);
    }

    // ---- shell-thread state, for the handlers ----

    int nextExecutionCount(boolean store) {
        if (store) {
            executionCount++;
        }
        return executionCount;
    }

    int executionCount() {
        return executionCount;
    }

    void addHistory(int line, String code) {
        history.add(new String[] {session, Integer.toString(line), code});
    }

    ArrayNode history(JsonNode request) {
        ArrayNode entries = JSON.arrayNode();
        String access = request.path("hist_access_type").asText("tail");
        int n = request.path("n").asInt(history.size());
        int start = access.equals("tail") ? Math.max(0, history.size() - n) : 0;
        for (int i = start; i < history.size(); i++) {
            String[] entry = history.get(i);
            int line = Integer.parseInt(entry[1]);
            if (access.equals("range")) {
                int from = request.path("start").asInt(0);
                int to = request.path("stop").asInt(Integer.MAX_VALUE);
                if (line < from || line >= to) {
                    continue;
                }
            } else if (access.equals("search")) {
                String pattern = request.path("pattern").asText("*");
                String regex = "\\Q" + pattern.replace("*", "\\E.*\\Q").replace("?", "\\E.\\Q") + "\\E";
                if (!entry[2].matches("(?s)" + regex)) {
                    continue;
                }
            }
            entries.add(JSON.arrayNode().add(0).add(line).add(entry[2]));
        }
        return entries;
    }

    Stdin stdin() {
        return stdin;
    }

    /**
     * The shell socket's pending requests, to abort them after an error: those already queued, and those that
     * follow within {@value #ABORT_WINDOW_MS} ms of each other (a front end sending several cells at once).
     */
    List<KernelMessage> drainQueued(ZMQ.Socket shell) {
        List<KernelMessage> queued = new ArrayList<>();
        shell.setReceiveTimeOut(ABORT_WINDOW_MS);
        try {
            while (true) {
                KernelMessage message = receive("shell", shell, 0);
                if (message == null) {
                    return queued;
                }
                queued.add(message);
            }
        } finally {
            shell.setReceiveTimeOut(POLL_MS);
        }
    }

    @Override
    public void close() {
        running = false;
        stopped.countDown();
        for (Thread thread : threads) {
            ThreadUtils.join(thread, Duration.ofSeconds(5));
        }
        interpreter.close();
        bridge.close();
        zmq.close();
    }
}
