package dev.ember.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Carries comms between the kernel and code in cells, which runs in the interpreter's JVM: that JVM connects a DEALER
 * to this ROUTER on 127.0.0.1 ({@code dev.ember.kernel.bridge}) when a cell first uses comms. Cells open comms to the
 * front end's targets and register targets of their own; the kernel publishes what cells send, and passes on what
 * the front end sends to comms that cells own. Messages are JSON objects with an {@code op}: {@code hello},
 * {@code register}, {@code open}, {@code msg}, {@code close}. One thread owns the socket; others queue.
 */
final class CommBridge implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommBridge.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POLL_MS = 50;

    private final Comms comms;
    private final ZMQ.Socket socket;
    private final String address;
    private final BlockingQueue<ObjectNode> outgoing = new LinkedBlockingQueue<>();
    private final Set<String> cellComms = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private volatile boolean running = true;
    private byte[] peer;

    /** A bridge on a port of 127.0.0.1 whose socket drops a peer announcing a frame over {@code maxMessageSize}. */
    CommBridge(ZContext zmq, Comms comms, long maxMessageSize) {
        this.comms = comms;
        this.socket = zmq.createSocket(SocketType.ROUTER);
        socket.setReceiveTimeOut(POLL_MS);
        socket.setLinger(0);
        socket.setMaxMsgSize(maxMessageSize);
        int port = socket.bindToRandomPort("tcp://127.0.0.1");
        this.address = "tcp://127.0.0.1:" + port;
        this.thread = ThreadUtils.newThread("kernel-comm-bridge", true, this::loop);
        comms.bridge(this);
        thread.start();
    }

    /** Where the interpreter's JVM connects. */
    String address() {
        return address;
    }

    /** Whether a cell owns this comm (it opened it, or its target accepted it). */
    boolean ownsComm(String commId) {
        return cellComms.contains(commId);
    }

    /** Passes a front end's comm message or close on to the cell that owns the comm. */
    void toCell(String op, String commId, String target, JsonNode data) {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("op", op).put("comm_id", commId);
        if (target != null) {
            message.put("target", target);
            cellComms.add(commId);
        }
        message.set("data", data == null ? JsonNodeFactory.instance.objectNode() : data);
        if (op.equals("close")) {
            cellComms.remove(commId);
        }
        outgoing.add(message);
    }

    /** Asks the cells' JVM to cancel the jobs of a job group (a cell's), interrupting their tasks. */
    void cancelJobGroup(String group) {
        outgoing.add(JsonNodeFactory.instance.objectNode().put("op", "cancel").put("group", group));
    }

    private void loop() {
        while (running) {
            ObjectNode next;
            while ((next = outgoing.poll()) != null) {
                if (peer == null) {
                    if (!next.path("op").asText().equals("cancel")) {
                        LOG.warn("Dropped a comm message for the cells: their JVM has not connected");
                    }
                    continue;
                }
                try {
                    socket.send(peer, ZMQ.SNDMORE);
                    socket.send(JSON.writeValueAsBytes(next), 0);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Could not pass a comm message to the cells: {}", e.toString());
                }
            }
            byte[] identity = socket.recv(0);
            if (identity == null || !socket.hasReceiveMore()) {
                continue;
            }
            byte[] body = socket.recv(0);
            try {
                fromCell(identity, JSON.readTree(body));
            } catch (IOException | RuntimeException e) {
                LOG.warn("Dropped a comm message from the cells that cannot be read: {}", e.toString());
            }
        }
    }

    private void fromCell(byte[] identity, JsonNode message) {
        String op = message.path("op").asText("");
        String commId = message.path("comm_id").asText("");
        JsonNode data = message.path("data");
        switch (op) {
            case "hello" -> peer = identity;
            case "register" -> {
                peer = identity;
                String target = message.path("target").asText("");
                comms.register(target, (comm, openData) -> toCell("open", comm.id, target, openData));
                // Acknowledged, so that the cell registering it can count on it once the call returns.
                outgoing.add(JsonNodeFactory.instance
                        .objectNode()
                        .put("op", "registered")
                        .put("target", target));
            }
            case "open" -> {
                peer = identity;
                cellComms.add(commId);
                comms.openFromKernel(commId, message.path("target").asText(""), data);
            }
            case "msg" -> comms.sendFromKernel(commId, data);
            case "close" -> {
                cellComms.remove(commId);
                comms.closeFromKernel(commId, data);
            }
            default -> LOG.warn("Dropped a comm message from the cells with op '{}'", op);
        }
    }

    @Override
    public void close() {
        running = false;
        ThreadUtils.join(thread, Duration.ofSeconds(5));
    }
}
