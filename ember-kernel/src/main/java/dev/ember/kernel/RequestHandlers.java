package dev.ember.kernel;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.zeromq.ZMQ;

/** One handler per request type of the shell and control sockets. */
final class RequestHandlers {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Kernel kernel;
    private final Interpreter interpreter;
    private final Comms comms;
    /** The shell socket's handlers, for requests queued behind a failed cell. */
    private Map<String, Kernel.Handler> shellHandlers = Map.of();

    RequestHandlers(Kernel kernel, Interpreter interpreter, Comms comms) {
        this.kernel = kernel;
        this.interpreter = interpreter;
        this.comms = comms;
    }

    void registerShell(Map<String, Kernel.Handler> handlers) {
        shellHandlers = handlers;
        handlers.put("kernel_info_request", this::kernelInfo);
        handlers.put("execute_request", this::execute);
        handlers.put("is_complete_request", this::isComplete);
        handlers.put("complete_request", this::complete);
        handlers.put("inspect_request", this::inspect);
        handlers.put("history_request", this::history);
        handlers.put("comm_info_request", this::commInfo);
        handlers.put("comm_open", (request, socket) -> comms.opened(request));
        handlers.put("comm_msg", (request, socket) -> comms.message(request));
        handlers.put("comm_close", (request, socket) -> comms.closed(request));
        handlers.put("shutdown_request", this::shutdown);
    }

    void registerControl(Map<String, Kernel.Handler> handlers) {
        handlers.put("kernel_info_request", this::kernelInfo);
        handlers.put("shutdown_request", this::shutdown);
        handlers.put("interrupt_request", this::interrupt);
    }

    private void reply(KernelMessage request, ZMQ.Socket socket, String type, ObjectNode content) {
        kernel.send(socket, KernelMessage.reply(request, type, content, kernel.session()));
    }

    private void publish(KernelMessage request, String type, ObjectNode content) {
        kernel.publish(KernelMessage.reply(request, type, content, kernel.session()));
    }

    private static ObjectNode ok() {
        return JSON.objectNode().put("status", "ok");
    }

    private void kernelInfo(KernelMessage request, ZMQ.Socket socket) {
        ObjectNode content = ok().put("protocol_version", KernelMessage.PROTOCOL_VERSION)
                .put("implementation", "ember")
                .put("implementation_version", version())
                .put("banner", "Ember " + version() + " on Java " + Runtime.version() + ": `ctx` is the EmberContext");
        content.set(
                "language_info",
                JSON.objectNode()
                        .put("name", "java")
                        .put("version", Integer.toString(Runtime.version().feature()))
                        .put("mimetype", "text/x-java-source")
                        .put("file_extension", ".jshell")
                        .put("pygments_lexer", "java")
                        .put("codemirror_mode", "text/x-java"));
        content.set("help_links", JSON.arrayNode());
        reply(request, socket, "kernel_info_reply", content);
    }

    static String version() {
        String version = Kernel.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }

    private void execute(KernelMessage request, ZMQ.Socket socket) {
        ObjectNode content = request.content();
        String code = content.path("code").asText("");
        boolean silent = content.path("silent").asBoolean(false);
        boolean store = content.path("store_history").asBoolean(!silent) && !silent;
        int count = kernel.nextExecutionCount(store);
        if (!silent) {
            publish(
                    request,
                    "execute_input",
                    JSON.objectNode().put("code", code).put("execution_count", count));
        }
        if (store) {
            kernel.addHistory(count, code);
        }
        kernel.stdin().cell(request);
        comms.cell(request);
        Interpreter.Outcome outcome;
        try {
            outcome = interpreter.execute(code, count, new Interpreter.Output() {
                @Override
                public void stream(String name, String text) {
                    if (!silent) {
                        publish(
                                request,
                                "stream",
                                JSON.objectNode().put("name", name).put("text", text));
                    }
                }

                @Override
                public void display(String type, ObjectNode content) {
                    if (!silent) {
                        publish(request, type, content);
                    }
                }
            });
        } finally {
            kernel.stdin().cell(null);
        }
        if (outcome.failure() == null) {
            if (outcome.data() != null && !silent) {
                ObjectNode result = JSON.objectNode().put("execution_count", count);
                ObjectNode data = JSON.objectNode();
                outcome.data().forEach(data::put);
                result.set("data", data);
                result.set("metadata", JSON.objectNode());
                publish(request, "execute_result", result);
            }
            ObjectNode reply = ok().put("execution_count", count);
            reply.set("user_expressions", JSON.objectNode());
            reply.set("payload", JSON.arrayNode());
            reply(request, socket, "execute_reply", reply);
            return;
        }
        Interpreter.Failure failure = outcome.failure();
        ArrayNode traceback = JSON.arrayNode();
        failure.traceback().forEach(traceback::add);
        ObjectNode error = JSON.objectNode().put("ename", failure.name()).put("evalue", failure.value());
        error.set("traceback", traceback);
        if (!silent) {
            publish(request, "error", error.deepCopy());
        }
        ObjectNode reply = error.put("status", "error").put("execution_count", count);
        // Taken before the error is answered, so that a cell sent after the front end saw the error is never among
        // them: only what was queued behind the failed cell is aborted.
        List<KernelMessage> queued =
                content.path("stop_on_error").asBoolean(true) ? kernel.drainQueued(socket) : List.of();
        reply(request, socket, "execute_reply", reply);
        abort(queued, socket);
    }

    /** After an error: cells queued behind it are not run (answered {@code aborted}); other requests are served. */
    private void abort(List<KernelMessage> queued, ZMQ.Socket socket) {
        for (KernelMessage message : queued) {
            kernel.publish(KernelMessage.reply(message, "status", Kernel.status("busy"), kernel.session()));
            if (message.type().equals("execute_request")) {
                reply(
                        message,
                        socket,
                        "execute_reply",
                        JSON.objectNode().put("status", "aborted").put("execution_count", kernel.executionCount()));
            } else {
                Kernel.Handler handler = shellHandlers.get(message.type());
                if (handler != null) {
                    handler.handle(message, socket);
                }
            }
            kernel.publish(KernelMessage.reply(message, "status", Kernel.status("idle"), kernel.session()));
        }
    }

    private void isComplete(KernelMessage request, ZMQ.Socket socket) {
        Interpreter.Completeness completeness =
                interpreter.isComplete(request.content().path("code").asText(""));
        ObjectNode content = JSON.objectNode().put("status", completeness.status());
        if (completeness.status().equals("incomplete")) {
            content.put("indent", completeness.indent());
        }
        reply(request, socket, "is_complete_reply", content);
    }

    private void complete(KernelMessage request, ZMQ.Socket socket) {
        String code = request.content().path("code").asText("");
        int cursor = clamp(request.content().path("cursor_pos").asInt(code.length()), code);
        Interpreter.Completions completions = interpreter.complete(code, cursor);
        ArrayNode matches = JSON.arrayNode();
        completions.matches().forEach(matches::add);
        ObjectNode content = ok().put("cursor_start", completions.start()).put("cursor_end", completions.end());
        content.set("matches", matches);
        content.set("metadata", JSON.objectNode());
        reply(request, socket, "complete_reply", content);
    }

    private void inspect(KernelMessage request, ZMQ.Socket socket) {
        String code = request.content().path("code").asText("");
        int cursor = clamp(request.content().path("cursor_pos").asInt(code.length()), code);
        Optional<String> doc = interpreter.inspect(code, cursor);
        ObjectNode content = ok().put("found", doc.isPresent());
        content.set("data", doc.isPresent() ? JSON.objectNode().put("text/plain", doc.get()) : JSON.objectNode());
        content.set("metadata", JSON.objectNode());
        reply(request, socket, "inspect_reply", content);
    }

    private static int clamp(int cursor, String code) {
        return Math.max(0, Math.min(cursor, code.length()));
    }

    private void history(KernelMessage request, ZMQ.Socket socket) {
        ObjectNode content = ok();
        content.set("history", kernel.history(request.content()));
        reply(request, socket, "history_reply", content);
    }

    private void commInfo(KernelMessage request, ZMQ.Socket socket) {
        ObjectNode content = ok();
        content.set("comms", comms.info(request.content().path("target_name").asText("")));
        reply(request, socket, "comm_info_reply", content);
    }

    private void shutdown(KernelMessage request, ZMQ.Socket socket) {
        boolean restart = request.content().path("restart").asBoolean(false);
        reply(request, socket, "shutdown_reply", ok().put("restart", restart));
        kernel.requestShutdown(restart);
    }

    private void interrupt(KernelMessage request, ZMQ.Socket socket) {
        interpreter.interrupt();
        reply(request, socket, "interrupt_reply", ok());
    }
}
