package dev.ember.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's side of the Comm API: targets the front end may open comms to, the comms open now, and messages in
 * both directions. A comm opened to a target nobody registered is closed at once, as the protocol asks. The kernel
 * registers {@value #ECHO}, which sends every message back: a way to check that comms work end to end.
 */
final class Comms {
    private static final Logger LOG = LoggerFactory.getLogger(Comms.class);

    /** A target that answers each message with the same data. */
    static final String ECHO = "ember.echo";

    /** What a target does with a comm opened to it. */
    interface Target {
        void opened(Comm comm, JsonNode data);
    }

    /** One open comm. Messages from the front end go to {@link #onMessage}. */
    final class Comm {
        final String id;
        final String target;
        private volatile Consumer<JsonNode> onMessage = data -> {};
        private volatile KernelMessage parent;

        Comm(String id, String target) {
            this.id = id;
            this.target = target;
        }

        void onMessage(Consumer<JsonNode> handler) {
            this.onMessage = handler;
        }

        /** Sends data to the front end's side of this comm. */
        void send(JsonNode data) {
            ObjectNode content = JsonNodeFactory.instance.objectNode().put("comm_id", id);
            content.set("data", data);
            publisher.accept(KernelMessage.reply(parent, "comm_msg", content, session));
        }

        /** Closes the comm from the kernel's side. */
        void close(JsonNode data) {
            if (open.remove(id) != null) {
                ObjectNode content = JsonNodeFactory.instance.objectNode().put("comm_id", id);
                content.set("data", data);
                publisher.accept(KernelMessage.reply(parent, "comm_close", content, session));
            }
        }
    }

    private final Consumer<KernelMessage> publisher;
    private final Map<String, Target> targets = new ConcurrentHashMap<>();
    private final Map<String, Comm> open = new ConcurrentHashMap<>();
    private volatile String session = "";
    private volatile CommBridge bridge;
    /** The request of the cell running now (or the last one): comm messages from cells are published under it. */
    private volatile KernelMessage cell;

    Comms(Consumer<KernelMessage> publisher) {
        this.publisher = publisher;
        register(ECHO, (comm, data) -> comm.onMessage(comm::send));
    }

    void session(String session) {
        this.session = session;
    }

    void bridge(CommBridge bridge) {
        this.bridge = bridge;
    }

    void cell(KernelMessage request) {
        this.cell = request;
    }

    /** A cell opened a comm to a front-end target. */
    void openFromKernel(String id, String target, JsonNode data) {
        ObjectNode content =
                JsonNodeFactory.instance.objectNode().put("comm_id", id).put("target_name", target);
        content.set("data", data.isMissingNode() ? JsonNodeFactory.instance.objectNode() : data);
        Comm comm = new Comm(id, target);
        comm.parent = cell;
        open.put(id, comm);
        publisher.accept(KernelMessage.reply(cell, "comm_open", content, session));
    }

    /** A cell sent on a comm it owns. */
    void sendFromKernel(String id, JsonNode data) {
        Comm comm = open.get(id);
        if (comm != null) {
            comm.send(data.isMissingNode() ? JsonNodeFactory.instance.objectNode() : data);
        }
    }

    /** A cell closed a comm it owns. */
    void closeFromKernel(String id, JsonNode data) {
        Comm comm = open.get(id);
        if (comm != null) {
            comm.close(data.isMissingNode() ? JsonNodeFactory.instance.objectNode() : data);
        }
    }

    void register(String name, Target target) {
        targets.put(name, target);
    }

    void opened(KernelMessage request) {
        String id = request.content().path("comm_id").asText("");
        String name = request.content().path("target_name").asText("");
        Target target = targets.get(name);
        if (id.isEmpty() || target == null || open.containsKey(id)) {
            LOG.info("Closing comm '{}': no target named '{}' here", id, name);
            ObjectNode content = JsonNodeFactory.instance.objectNode().put("comm_id", id);
            content.set("data", JsonNodeFactory.instance.objectNode());
            publisher.accept(KernelMessage.reply(request, "comm_close", content, session));
            return;
        }
        Comm comm = new Comm(id, name);
        comm.parent = request;
        open.put(id, comm);
        target.opened(comm, request.content().path("data"));
    }

    void message(KernelMessage request) {
        Comm comm = open.get(request.content().path("comm_id").asText(""));
        if (comm == null) {
            LOG.info(
                    "Ignored a message to comm '{}', which is not open",
                    request.content().path("comm_id").asText());
            return;
        }
        comm.parent = request;
        CommBridge cells = bridge;
        if (cells != null && cells.ownsComm(comm.id)) {
            cells.toCell("msg", comm.id, null, request.content().path("data"));
            return;
        }
        comm.onMessage.accept(request.content().path("data"));
    }

    void closed(KernelMessage request) {
        String id = request.content().path("comm_id").asText("");
        open.remove(id);
        CommBridge cells = bridge;
        if (cells != null && cells.ownsComm(id)) {
            cells.toCell("close", id, null, request.content().path("data"));
        }
    }

    /** The open comms, of {@code targetName} only unless it is empty. */
    ObjectNode info(String targetName) {
        ObjectNode comms = JsonNodeFactory.instance.objectNode();
        open.values().forEach(comm -> {
            if (targetName.isEmpty() || targetName.equals(comm.target)) {
                comms.set(comm.id, JsonNodeFactory.instance.objectNode().put("target_name", comm.target));
            }
        });
        return comms;
    }
}
