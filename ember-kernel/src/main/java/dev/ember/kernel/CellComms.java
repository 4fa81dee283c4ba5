package dev.ember.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The Comm API for code in cells: open a comm to a target the front end registered, send and receive on it, close
 * it; or register a target the front end may open comms to. Data is anything Jackson maps to JSON (maps, lists,
 * strings, numbers, records); what arrives is given as Java maps, lists and values. Runs in the interpreter's JVM and
 * talks to the kernel over a local socket ({@code dev.ember.kernel.bridge}); handlers run on one background thread.
 */
public final class CellComms {
    private static final Logger LOG = LoggerFactory.getLogger(CellComms.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One comm, from the cells' side. */
    public static final class Comm {
        private final String id;
        private final String target;
        private volatile Consumer<Object> onMessage = data -> {};
        private volatile Consumer<Object> onClose = data -> {};

        Comm(String id, String target) {
            this.id = id;
            this.target = target;
        }

        public String id() {
            return id;
        }

        public String target() {
            return target;
        }

        /** Sends {@code data} to the front end's side. */
        public void send(Object data) {
            message("msg", id, null, data);
        }

        /** Called with the data of each message from the front end. */
        public Comm onMessage(Consumer<Object> handler) {
            this.onMessage = handler;
            return this;
        }

        /** Called when the front end closes the comm. */
        public Comm onClose(Consumer<Object> handler) {
            this.onClose = handler;
            return this;
        }

        public void close(Object data) {
            comms.remove(id);
            message("close", id, null, data);
        }
    }

    private static final Map<String, Comm> comms = new ConcurrentHashMap<>();
    private static final Map<String, Consumer<Comm>> targets = new ConcurrentHashMap<>();
    private static ZContext zmq;
    private static ZMQ.Socket socket;

    private CellComms() {}

    /** Opens a comm to the front end's target {@code target}, with {@code data}. */
    public static Comm open(String target, Object data) {
        Comm comm = new Comm(UUID.randomUUID().toString(), target);
        comms.put(comm.id, comm);
        message("open", comm.id, target, data);
        return comm;
    }

    /**
     * Lets the front end open comms to {@code target}; {@code opened} gets each one. Returns once the kernel knows
     * the target (at most 10 s).
     */
    public static void registerTarget(String target, Consumer<Comm> opened) {
        targets.put(target, opened);
        java.util.concurrent.CompletableFuture<Void> known = new java.util.concurrent.CompletableFuture<>();
        registrations.put(target, known);
        message("register", null, target, null);
        try {
            known.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The kernel did not acknowledge the comm target " + target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while registering the comm target " + target, e);
        }
    }

    private static final Map<String, java.util.concurrent.CompletableFuture<Void>> registrations =
            new ConcurrentHashMap<>();

    /** Connects to the kernel, if this JVM runs under one and is not connected yet. */
    static synchronized void connect() {
        if (System.getProperty("dev.ember.kernel.bridge") != null) {
            ensureConnected();
        }
    }

    private static synchronized void message(String op, String id, String target, Object data) {
        if (System.getProperty("dev.ember.kernel.bridge") == null) {
            throw new IllegalStateException("Comms need the Jupyter kernel: this interpreter does not run in one");
        }
        ensureConnected();
        ObjectNode message = JSON.createObjectNode().put("op", op);
        if (id != null) {
            message.put("comm_id", id);
        }
        if (target != null) {
            message.put("target", target);
        }
        message.set("data", data == null ? JSON.createObjectNode() : JSON.valueToTree(data));
        send(message);
    }

    private static void ensureConnected() {
        String address = System.getProperty("dev.ember.kernel.bridge");
        if (socket == null) {
            zmq = new ZContext();
            socket = zmq.createSocket(SocketType.DEALER);
            socket.setLinger(1000);
            socket.setReceiveTimeOut(200);
            socket.setMaxMsgSize(KernelConfig.maxMessageSize());
            socket.connect(address);
            ThreadUtils.newThread("cell-comms", true, CellComms::receive).start();
            send(JSON.createObjectNode().put("op", "hello"));
        }
    }

    private static void send(ObjectNode message) {
        try {
            socket.send(JSON.writeValueAsBytes(message), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot send a comm message: " + e.getMessage(), e);
        }
    }

    /** Messages from the kernel: comms the front end opened to our targets, messages, closes. */
    private static void receive() {
        ZMQ.Socket in;
        synchronized (CellComms.class) {
            in = socket;
        }
        while (!Thread.currentThread().isInterrupted()) {
            byte[] bytes;
            synchronized (CellComms.class) {
                bytes = in.recv(ZMQ.DONTWAIT);
            }
            if (bytes == null) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                continue;
            }
            try {
                dispatch(JSON.readTree(bytes));
            } catch (IOException | RuntimeException e) {
                LOG.warn("A comm message from the kernel failed: {}", e.toString());
            }
        }
    }

    private static void dispatch(JsonNode message) throws IOException {
        String id = message.path("comm_id").asText("");
        Object data = JSON.treeToValue(message.path("data"), Object.class);
        switch (message.path("op").asText("")) {
            case "open" -> {
                Comm comm = new Comm(id, message.path("target").asText(""));
                comms.put(id, comm);
                Consumer<Comm> opened = targets.get(comm.target);
                if (opened != null) {
                    opened.accept(comm);
                }
            }
            case "msg" -> {
                Comm comm = comms.get(id);
                if (comm != null) {
                    comm.onMessage.accept(data);
                }
            }
            case "close" -> {
                Comm comm = comms.remove(id);
                if (comm != null) {
                    comm.onClose.accept(data);
                }
            }
            case "cancel" -> Bindings.cancelGroup(message.path("group").asText(""));
            case "registered" -> {
                var known = registrations.remove(message.path("target").asText(""));
                if (known != null) {
                    known.complete(null);
                }
            }
            default ->
                LOG.warn(
                        "Ignored a comm message from the kernel: {}",
                        message.path("op").asText());
        }
    }
}
