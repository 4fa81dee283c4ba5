package dev.ember.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZFrame;
import org.zeromq.ZMQ;
import org.zeromq.ZMsg;

/**
 * The kernel's sockets, codec, routing and handlers, talked to over ZeroMQ as a front end does, with an interpreter
 * that answers from a script (the JShell interpreter is exercised end to end by the distribution's KernelIT).
 */
class KernelTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final byte[] KEY = "kernel-test-key".getBytes(StandardCharsets.UTF_8);

    /** Answers cells from their code: {@code fail}, {@code print X}, {@code block}, or a value. */
    static final class ScriptedInterpreter implements Interpreter {
        final CountDownLatch blocked = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean interrupted;

        @Override
        public Outcome execute(String code, int executionCount, Output output) {
            if (code.equals("fail")) {
                return Outcome.failed(
                        "java.lang.IllegalStateException", "boom", List.of("IllegalStateException: boom"));
            }
            if (code.startsWith("print ")) {
                output.stream("stdout", code.substring(6) + "\n");
                return Outcome.ok(null);
            }
            if (code.equals("block")) {
                blocked.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return interrupted ? Outcome.failed("Interrupted", "stopped", List.of()) : Outcome.ok(null);
            }
            return Outcome.ok("value of " + code);
        }

        @Override
        public void interrupt() {
            interrupted = true;
            release.countDown();
        }

        @Override
        public Completeness isComplete(String code) {
            return code.endsWith("{") ? new Completeness("incomplete", "    ") : new Completeness("complete", "");
        }

        @Override
        public Completions complete(String code, int cursor) {
            return new Completions(List.of("String", "StringBuilder"), 0, cursor);
        }

        @Override
        public Optional<String> inspect(String code, int cursor) {
            return code.isEmpty() ? Optional.empty() : Optional.of("docs of " + code);
        }

        @Override
        public void close() {}
    }

    private final ScriptedInterpreter interpreter = new ScriptedInterpreter();
    private final ZContext zmq = new ZContext();
    private final WireCodec clientCodec = new WireCodec(KEY);
    private Kernel kernel;
    private ZMQ.Socket shell;
    private ZMQ.Socket control;
    private ZMQ.Socket iopub;
    private ZMQ.Socket heartbeat;
    private ConnectionInfo info;

    /** Five distinct ports that were free a moment ago: all held open until the last is chosen. */
    static int[] freePorts() throws Exception {
        ServerSocket[] sockets = new ServerSocket[5];
        try {
            int[] ports = new int[sockets.length];
            for (int i = 0; i < sockets.length; i++) {
                sockets[i] = new ServerSocket(0);
                ports[i] = sockets[i].getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }

    /**
     * Starts the kernel on free ports, choosing again if another process took one between choosing and binding (a
     * bounded number of times). Clients connect only once the kernel listens: a client connecting earlier keeps
     * retrying from ephemeral ports, which could be the very ports the kernel is about to bind.
     */
    private ConnectionInfo startKernel() throws Exception {
        for (int attempt = 1; ; attempt++) {
            int[] ports = freePorts();
            ConnectionInfo info = new ConnectionInfo(
                    "tcp",
                    "127.0.0.1",
                    ports[0],
                    ports[1],
                    ports[2],
                    ports[3],
                    ports[4],
                    new String(KEY, StandardCharsets.UTF_8),
                    "hmac-sha256",
                    "ember");
            try {
                kernel = Kernel.start(info, channels -> interpreter);
                return info;
            } catch (EmberException e) {
                if (attempt == 3 || e.errorClass() != ErrorClass.CONNECTION_FAILED) {
                    throw e;
                }
            }
        }
    }

    @BeforeEach
    void start() throws Exception {
        info = startKernel();
        iopub = connect(SocketType.SUB, info.iopubPort());
        iopub.subscribe(new byte[0]);
        shell = connect(SocketType.DEALER, info.shellPort());
        control = connect(SocketType.DEALER, info.controlPort());
        heartbeat = connect(SocketType.REQ, info.hbPort());
        awaitIopub();
    }

    /**
     * A subscription takes effect a moment after connecting, and what is published before is lost (as for any
     * front end): ask for kernel info until its status arrives on iopub, then drain what came before it.
     */
    private void awaitIopub() throws Exception {
        iopub.setReceiveTimeOut(200);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String id = send(shell, "kernel_info_request", JsonNodeFactory.instance.objectNode());
                reply(shell, id);
                ZMsg message;
                while ((message = ZMsg.recvMsg(iopub)) != null) {
                    List<byte[]> frames = new ArrayList<>();
                    for (ZFrame frame : message) {
                        frames.add(frame.getData());
                    }
                    KernelMessage published = clientCodec.decode(frames);
                    if (published.parentHeader().path("msg_id").asText().equals(id)
                            && published
                                    .content()
                                    .path("execution_state")
                                    .asText()
                                    .equals("idle")) {
                        return;
                    }
                }
            }
            throw new AssertionError("iopub delivered nothing within " + WAIT);
        } finally {
            iopub.setReceiveTimeOut((int) WAIT.toMillis());
        }
    }

    private ZMQ.Socket connect(SocketType type, int port) {
        ZMQ.Socket socket = zmq.createSocket(type);
        socket.setReceiveTimeOut((int) WAIT.toMillis());
        socket.connect("tcp://127.0.0.1:" + port);
        return socket;
    }

    @AfterEach
    void stop() {
        kernel.close();
        zmq.close();
    }

    private KernelMessage request(String type, ObjectNode content) {
        return new KernelMessage(
                List.of(),
                KernelMessage.header(type, "client-session", "tester"),
                JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode(),
                content,
                List.of());
    }

    private String send(ZMQ.Socket socket, String type, ObjectNode content) {
        KernelMessage message = request(type, content);
        sendFrames(socket, clientCodec.encode(message));
        return message.id();
    }

    private static void sendFrames(ZMQ.Socket socket, List<byte[]> frames) {
        for (int i = 0; i < frames.size(); i++) {
            socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
        }
    }

    private KernelMessage receive(ZMQ.Socket socket) throws Exception {
        ZMsg message = ZMsg.recvMsg(socket);
        assertThat(message).as("a message within " + WAIT).isNotNull();
        List<byte[]> frames = new ArrayList<>();
        for (ZFrame frame : message) {
            frames.add(frame.getData());
        }
        return clientCodec.decode(frames);
    }

    /** The reply to {@code id} on {@code socket}. */
    private KernelMessage reply(ZMQ.Socket socket, String id) throws Exception {
        while (true) {
            KernelMessage message = receive(socket);
            if (message.parentHeader().path("msg_id").asText().equals(id)) {
                return message;
            }
        }
    }

    /** The iopub messages caused by {@code id}, up to its idle status. */
    private List<KernelMessage> published(String id) throws Exception {
        List<KernelMessage> messages = new ArrayList<>();
        while (true) {
            KernelMessage message = receive(iopub);
            if (!message.parentHeader().path("msg_id").asText().equals(id)) {
                continue;
            }
            messages.add(message);
            if (message.type().equals("status")
                    && message.content().path("execution_state").asText().equals("idle")) {
                return messages;
            }
        }
    }

    private static ObjectNode code(String code) {
        return JsonNodeFactory.instance.objectNode().put("code", code);
    }

    @Test
    void kernelInfoAndHeartbeat() throws Exception {
        heartbeat.send("ping".getBytes(StandardCharsets.UTF_8));
        assertThat(new String(heartbeat.recv(), StandardCharsets.UTF_8)).isEqualTo("ping");

        String id = send(shell, "kernel_info_request", JsonNodeFactory.instance.objectNode());
        KernelMessage reply = reply(shell, id);
        assertThat(reply.type()).isEqualTo("kernel_info_reply");
        assertThat(reply.content().path("language_info").path("name").asText()).isEqualTo("java");
        assertThat(reply.header().path("session").asText()).isNotEmpty();
        assertThat(published(id))
                .extracting(message -> message.content().path("execution_state").asText())
                .containsExactly("busy", "idle");
    }

    @Test
    void executeCountsPublishesAndAbortsQueuedCellsAfterAnError() throws Exception {
        String first = send(shell, "execute_request", code("print hello"));
        KernelMessage reply = reply(shell, first);
        assertThat(reply.content().path("status").asText()).isEqualTo("ok");
        assertThat(reply.content().path("execution_count").asInt()).isEqualTo(1);
        List<KernelMessage> output = published(first);
        assertThat(output)
                .extracting(KernelMessage::type)
                .containsExactly("status", "execute_input", "stream", "status");
        assertThat(output.get(2).content().path("text").asText()).isEqualTo("hello\n");

        String second = send(shell, "execute_request", code("6 * 7"));
        assertThat(reply(shell, second).content().path("execution_count").asInt())
                .isEqualTo(2);
        KernelMessage result = published(second).stream()
                .filter(message -> message.type().equals("execute_result"))
                .findFirst()
                .orElseThrow();
        assertThat(result.content().path("data").path("text/plain").asText()).isEqualTo("value of 6 * 7");

        // An error, with two cells queued behind it: both are aborted, not run.
        String failing = send(shell, "execute_request", code("fail"));
        String queued1 = send(shell, "execute_request", code("print never"));
        String queued2 = send(shell, "execute_request", code("print never either"));
        KernelMessage error = reply(shell, failing);
        assertThat(error.content().path("status").asText()).isEqualTo("error");
        assertThat(error.content().path("ename").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(reply(shell, queued1).content().path("status").asText()).isEqualTo("aborted");
        assertThat(reply(shell, queued2).content().path("status").asText()).isEqualTo("aborted");

        String silent = send(shell, "execute_request", code("quiet").put("silent", true));
        assertThat(reply(shell, silent).content().path("execution_count").asInt())
                .as("silent cells do not count")
                .isEqualTo(3);
        assertThat(published(silent)).extracting(KernelMessage::type).containsExactly("status", "status");

        String history = send(
                shell,
                "history_request",
                JsonNodeFactory.instance
                        .objectNode()
                        .put("hist_access_type", "tail")
                        .put("n", 10));
        assertThat(reply(shell, history).content().path("history").toString())
                .contains("print hello", "6 * 7", "fail")
                .doesNotContain("quiet");
    }

    @Test
    void completionInspectionAndCompleteness() throws Exception {
        String complete = send(shell, "complete_request", code("Strin").put("cursor_pos", 5));
        KernelMessage completions = reply(shell, complete);
        assertThat(completions.content().path("matches").toString()).contains("String", "StringBuilder");
        assertThat(completions.content().path("cursor_end").asInt()).isEqualTo(5);

        String inspect = send(shell, "inspect_request", code("String").put("cursor_pos", 99));
        KernelMessage docs = reply(shell, inspect);
        assertThat(docs.content().path("found").asBoolean()).isTrue();
        assertThat(docs.content().path("data").path("text/plain").asText()).isEqualTo("docs of String");

        String incomplete = send(shell, "is_complete_request", code("for (;;) {"));
        KernelMessage answer = reply(shell, incomplete);
        assertThat(answer.content().path("status").asText()).isEqualTo("incomplete");
        assertThat(answer.content().path("indent").asText()).isEqualTo("    ");
    }

    @Test
    void interruptOnControlIsNotStuckBehindARunningCell() throws Exception {
        String running = send(shell, "execute_request", code("block"));
        assertThat(interpreter.blocked.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isTrue();

        String interrupt = send(control, "interrupt_request", JsonNodeFactory.instance.objectNode());
        assertThat(reply(control, interrupt).type()).isEqualTo("interrupt_reply");
        KernelMessage stopped = reply(shell, running);
        assertThat(stopped.content().path("ename").asText()).isEqualTo("Interrupted");

        String shutdown = send(
                control,
                "shutdown_request",
                JsonNodeFactory.instance.objectNode().put("restart", false));
        assertThat(reply(control, shutdown).content().path("restart").asBoolean())
                .isFalse();
        assertThat(kernel.awaitShutdown(WAIT)).isTrue();
    }

    @Test
    void commsEchoAndUnknownTargetsAreClosed() throws Exception {
        send(
                shell,
                "comm_open",
                JsonNodeFactory.instance.objectNode().put("comm_id", "c1").put("target_name", "ember.echo"));
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("comm_id", "c1");
        message.putObject("data").put("n", 5);
        send(shell, "comm_msg", message);
        KernelMessage echoed;
        do {
            echoed = receive(iopub);
        } while (!echoed.type().equals("comm_msg"));
        assertThat(echoed.content().path("data").path("n").asInt()).isEqualTo(5);

        String info = send(shell, "comm_info_request", JsonNodeFactory.instance.objectNode());
        assertThat(reply(shell, info).content().path("comms").has("c1")).isTrue();

        send(
                shell,
                "comm_open",
                JsonNodeFactory.instance.objectNode().put("comm_id", "c2").put("target_name", "nobody"));
        KernelMessage closed;
        do {
            closed = receive(iopub);
        } while (!closed.type().equals("comm_close"));
        assertThat(closed.content().path("comm_id").asText()).isEqualTo("c2");
    }

    @Test
    void garbageForgeriesAndReplaysAreDroppedAndTheKernelKeepsServing() throws Exception {
        KernelMessage valid = request("kernel_info_request", JsonNodeFactory.instance.objectNode());
        List<byte[]> frames = clientCodec.encode(valid);
        List<byte[]> forged = new ArrayList<>(frames);
        forged.set(1, "f".repeat(64).getBytes(StandardCharsets.US_ASCII));
        sendFrames(shell, forged);
        sendFrames(shell, List.of("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII)));
        sendFrames(shell, List.of("random".getBytes(StandardCharsets.UTF_8), new byte[] {0, 1, 2}));
        sendFrames(shell, frames);
        sendFrames(shell, frames); // replayed
        send(shell, "made_up_request", JsonNodeFactory.instance.objectNode());
        String after = send(shell, "kernel_info_request", JsonNodeFactory.instance.objectNode());

        List<String> answered = new ArrayList<>();
        while (answered.size() < 2) {
            answered.add(receive(shell).parentHeader().path("msg_id").asText());
        }
        assertThat(answered)
                .as("one answer to the valid message, none to its replay, and one to the next")
                .containsExactly(valid.id(), after);
    }

    // ---- hostile peers on the kernel's ports ----

    /** How long the kernel may take to answer, or to close a hostile connection, once the hostile bytes are sent. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    /** The greeting of a ZMTP 3.0 peer with the NULL mechanism, as a client. */
    private static byte[] zmtpGreeting() {
        ByteBuffer greeting = ByteBuffer.allocate(64);
        greeting.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F); // signature
        greeting.put((byte) 3).put((byte) 0); // version 3.0
        greeting.put("NULL".getBytes(StandardCharsets.US_ASCII)).put(new byte[16]); // mechanism, 20 bytes
        greeting.put((byte) 0); // as-server: no
        greeting.put(new byte[31]); // filler
        return greeting.array();
    }

    /**
     * Reads what the kernel sends on {@code socket} until it closes the connection; fails if it is still open after
     * {@link #PROMPTLY}.
     */
    private static void assertClosedByTheKernel(Socket socket) throws IOException {
        socket.setSoTimeout(200);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        long deadline = System.nanoTime() + PROMPTLY.toNanos();
        while (true) {
            try {
                if (in.read(buffer) < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("The kernel kept the hostile connection open for " + PROMPTLY);
                }
            } catch (IOException e) {
                return; // reset by the kernel: closed too
            }
        }
    }

    /** The kernel still echoes on heartbeat and answers kernel info on shell and control, within {@link #PROMPTLY}. */
    private void assertStillServing() throws Exception {
        for (ZMQ.Socket socket : List.of(heartbeat, shell, control)) {
            socket.setReceiveTimeOut((int) PROMPTLY.toMillis());
        }
        heartbeat.send("still there?".getBytes(StandardCharsets.UTF_8));
        byte[] echo = heartbeat.recv();
        assertThat(echo).as("a heartbeat echo within " + PROMPTLY).isNotNull();
        assertThat(new String(echo, StandardCharsets.UTF_8)).isEqualTo("still there?");
        for (ZMQ.Socket socket : List.of(shell, control)) {
            String id = send(socket, "kernel_info_request", JsonNodeFactory.instance.objectNode());
            assertThat(reply(socket, id).type()).isEqualTo("kernel_info_reply");
        }
    }

    @Test
    void aFrameHeaderAnnouncingTwoGigabytesClosesThatConnectionOnly() throws Exception {
        try (Socket hostile = new Socket()) {
            hostile.connect(new InetSocketAddress("127.0.0.1", info.shellPort()), (int) PROMPTLY.toMillis());
            OutputStream out = hostile.getOutputStream();
            out.write(zmtpGreeting());
            // A long frame (flags 0x02) of 2^31 - 1 bytes: the largest size ZeroMQ would try to reserve (it refuses
            // larger ones itself), far above the kernel's limit.
            out.write(ByteBuffer.allocate(9)
                    .put((byte) 0x02)
                    .putLong(Integer.MAX_VALUE)
                    .array());
            out.write("the start of the body".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertClosedByTheKernel(hostile);
        }
        assertStillServing();
    }

    @Test
    void garbageWithoutAGreetingOnControlAndHeartbeatLeavesTheKernelServing() throws Exception {
        byte[] junk = new byte[4096];
        new Random(11).nextBytes(junk);
        List<Socket> hostile = new ArrayList<>();
        try {
            for (int port : new int[] {info.controlPort(), info.hbPort(), info.controlPort(), info.hbPort()}) {
                Socket socket = new Socket();
                hostile.add(socket);
                socket.connect(new InetSocketAddress("127.0.0.1", port), (int) PROMPTLY.toMillis());
                socket.setSoTimeout((int) PROMPTLY.toMillis());
                try {
                    socket.getOutputStream().write(junk);
                    socket.getOutputStream().flush();
                } catch (IOException e) {
                    // The kernel may drop the connection before reading it all: that is fine.
                }
            }
            // Answers while the hostile connections are still open, and after they are gone.
            assertStillServing();
        } finally {
            for (Socket socket : hostile) {
                socket.close();
            }
        }
        assertStillServing();
    }
}
