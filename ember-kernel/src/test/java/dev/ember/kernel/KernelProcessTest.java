package dev.ember.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ember.util.ThreadUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel as a front end runs it: a process of its own ({@link KernelMain}) with a connection file, and a
 * temporary directory of its own, so that what it leaves there can be seen.
 */
class KernelProcessTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String KEY = "kernel-process-test-key";

    @TempDir
    Path temp;

    private Process process;
    private final StringBuffer output = new StringBuffer();

    @AfterEach
    void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /**
     * Starts a kernel process on free ports and returns its connection; tries other ports (a bounded number of times)
     * when another process took one between choosing and binding.
     */
    private ConnectionInfo startKernelProcess(Path tmp) throws Exception {
        Files.createDirectories(tmp);
        for (int attempt = 1; ; attempt++) {
            int[] ports = KernelTest.freePorts();
            ConnectionInfo info = new ConnectionInfo(
                    "tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], KEY, "hmac-sha256", "ember");
            Path connectionFile = temp.resolve("connection-" + attempt + ".json");
            new ObjectMapper().writeValue(connectionFile.toFile(), info);
            output.setLength(0);
            process = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Djava.io.tmpdir=" + tmp,
                            "-cp",
                            System.getProperty("java.class.path"),
                            KernelMain.class.getName(),
                            connectionFile.toString())
                    .redirectErrorStream(true)
                    .start();
            if (listening(process).get(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                return info;
            }
            process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS);
            if (attempt == 3 || !output.toString().contains("Cannot listen on")) {
                throw new AssertionError("The kernel process did not start:\n" + output);
            }
        }
    }

    /** Completes with true once the kernel logs that it listens, with false if its output ends first. */
    private CompletableFuture<Boolean> listening(Process kernel) {
        CompletableFuture<Boolean> listening = new CompletableFuture<>();
        ThreadUtils.newThread("kernel-process-output", true, () -> {
                    try (BufferedReader lines = new BufferedReader(
                            new InputStreamReader(kernel.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = lines.readLine()) != null) {
                            output.append(line).append('\n');
                            if (line.contains("listening on")) {
                                listening.complete(true);
                            }
                        }
                    } catch (IOException e) {
                        output.append(e).append('\n');
                    }
                    listening.complete(false);
                })
                .start();
        return listening;
    }

    /** The directories for the cells' classes under {@code tmp}. */
    private static List<Path> classDirectories(Path tmp) throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(file -> file.getFileName().toString().startsWith("ember-kernel-classes-"))
                    .toList();
        }
    }

    @Test
    void sigtermDeletesTheClassDirectory() throws Exception {
        Path tmp = temp.resolve("tmp");
        startKernelProcess(tmp);
        List<Path> classDirectories = classDirectories(tmp);
        assertThat(classDirectories).hasSize(1);
        assertThat(classDirectories.get(0)).isDirectory();

        process.destroy(); // SIGTERM
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the kernel exits on SIGTERM within " + WAIT + "; its output:\n" + output)
                .isTrue();
        assertThat(classDirectories.get(0)).doesNotExist();
    }

    @Test
    void aShutdownRequestDeletesTheClassDirectory() throws Exception {
        Path tmp = temp.resolve("tmp");
        ConnectionInfo info = startKernelProcess(tmp);
        List<Path> classDirectories = classDirectories(tmp);
        assertThat(classDirectories).hasSize(1);

        WireCodec codec = new WireCodec(KEY.getBytes(StandardCharsets.UTF_8));
        try (ZContext zmq = new ZContext()) {
            ZMQ.Socket control = zmq.createSocket(SocketType.DEALER);
            control.setReceiveTimeOut((int) WAIT.toMillis());
            control.connect("tcp://127.0.0.1:" + info.controlPort());
            KernelMessage shutdown = new KernelMessage(
                    List.of(),
                    KernelMessage.header("shutdown_request", "client-session", "tester"),
                    JsonNodeFactory.instance.objectNode(),
                    JsonNodeFactory.instance.objectNode(),
                    JsonNodeFactory.instance.objectNode().put("restart", false),
                    List.of());
            List<byte[]> frames = codec.encode(shutdown);
            for (int i = 0; i < frames.size(); i++) {
                control.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
            }
            List<byte[]> reply = new ArrayList<>();
            do {
                byte[] frame = control.recv();
                assertThat(frame).as("the shutdown reply within " + WAIT).isNotNull();
                reply.add(frame);
            } while (control.hasReceiveMore());
            assertThat(codec.decode(reply).type()).isEqualTo("shutdown_reply");
        }
        assertThat(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS))
                .as("the kernel exits after a shutdown request within " + WAIT + "; its output:\n" + output)
                .isTrue();
        assertThat(process.exitValue()).isZero();
        assertThat(classDirectories.get(0)).doesNotExist();
    }
}
