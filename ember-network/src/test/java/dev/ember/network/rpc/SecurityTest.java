package dev.ember.network.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.rpc.RpcEnvTest.Echo;
import dev.ember.network.rpc.RpcEnvTest.Reverser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Authentication, TLS and hostile peers, over real sockets. */
class SecurityTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static EmberConf authenticated(String secret) {
        return RpcEnvTest.conf()
                .set("ember.authenticate", "true")
                .set("ember.authenticate.secret", secret)
                .set("ember.network.connectTimeout", "5s");
    }

    private static RpcEnv start(EmberConf conf) {
        RpcEnv env = RpcEnvTest.create(conf);
        env.setupEndpoint("reverser", new Reverser());
        return env;
    }

    @Test
    void peersWithTheSameSecretTalkAndAWrongSecretIsRefused() {
        try (RpcEnv server = start(authenticated("s3cret"));
                RpcEnv good = RpcEnvTest.create(authenticated("s3cret"));
                RpcEnv bad = RpcEnvTest.create(authenticated("guess"));
                RpcEnv none = RpcEnvTest.create(RpcEnvTest.conf())) {
            assertThat(good.endpointRef(server.address(), "reverser").<String>askSync(new Echo("abc"), WAIT))
                    .isEqualTo("cba");
            assertThatThrownBy(() -> bad.endpointRef(server.address(), "reverser"))
                    .isInstanceOf(EmberException.class)
                    .satisfies(e ->
                            assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.AUTHENTICATION_FAILED));
            assertThatThrownBy(() -> none.endpointRef(server.address(), "reverser"))
                    .isInstanceOf(EmberException.class);
            assertThat(good.endpointRef(server.address(), "reverser").<String>askSync(new Echo("xyz"), WAIT))
                    .isEqualTo("zyx");
        }
    }

    @Test
    void aServerThatCannotProveTheSecretIsNotTrusted() {
        try (RpcEnv impostor = start(authenticated("other"));
                RpcEnv client = RpcEnvTest.create(authenticated("s3cret"))) {
            assertThatThrownBy(() -> client.endpointRef(impostor.address(), "reverser"))
                    .isInstanceOf(EmberException.class)
                    .satisfies(e ->
                            assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.AUTHENTICATION_FAILED));
        }
    }

    @Test
    void authenticationIsRefusedToStartWithoutASecret() {
        assertThatThrownBy(() -> RpcEnvTest.create(RpcEnvTest.conf().set("ember.authenticate", "true")))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("ember.authenticate.secret is not set");
    }

    /** Reads until the server closes the socket; fails if it stays open longer than the wait. */
    private static void assertClosedByServer(Socket socket) throws IOException {
        socket.setSoTimeout((int) WAIT.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // The server may send its challenge first; whatever it sends, it must then hang up.
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept a hostile connection open for " + WAIT, e);
        } catch (IOException reset) {
            // A reset is a close too.
        }
    }

    @Test
    void garbageOversizedAndTruncatedFramesAreDroppedAndTheServerKeepsServing() throws Exception {
        for (EmberConf conf : List.of(RpcEnvTest.conf(), authenticated("s3cret"))) {
            try (RpcEnv server = start(conf.clone().set("ember.network.timeout", "1s"));
                    RpcEnv client = RpcEnvTest.create(conf)) {
                List<byte[]> attacks = new ArrayList<>();
                byte[] random = new byte[64 * 1024];
                new Random(7).nextBytes(random);
                attacks.add(random);
                attacks.add(new byte[] {0x7f, -1, -1, -1, 1});
                attacks.add(new byte[] {0, 0, 0, 100, 1, 0, 0});
                attacks.add("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                for (byte[] attack : attacks) {
                    try (Socket socket =
                            new Socket("127.0.0.1", server.address().port())) {
                        OutputStream out = socket.getOutputStream();
                        try {
                            out.write(attack);
                            out.flush();
                        } catch (IOException closedWhileWriting) {
                            // The server hung up mid-attack: what the test wants.
                        }
                        assertClosedByServer(socket);
                    }
                }
                try (Socket silent = new Socket("127.0.0.1", server.address().port())) {
                    // Says nothing at all: closed by the authentication deadline or, once a byte is half a frame,
                    // by the network timeout. Without authentication an idle, empty connection may stay.
                    silent.getOutputStream().write(new byte[] {0, 0});
                    assertClosedByServer(silent);
                }
                assertThat(client.endpointRef(server.address(), "reverser").<String>askSync(new Echo("alive"), WAIT))
                        .isEqualTo("evila");
            }
        }
    }

    @Test
    void aPeerDrippingAFrameIsCutOffAtItsDeadlineThoughItNeverFallsSilent() throws Exception {
        try (RpcEnv server = start(RpcEnvTest.conf().set("ember.network.timeout", "1s"));
                RpcEnv client = RpcEnvTest.create(RpcEnvTest.conf());
                Socket dripping = new Socket("127.0.0.1", server.address().port())) {
            OutputStream out = dripping.getOutputStream();
            out.write(new byte[] {0, 0, 0, 100});
            out.flush();
            long start = System.nanoTime();
            InputStream in = dripping.getInputStream();
            // One byte every 200 ms: the connection is never idle for the 1 s timeout, but its frame is late.
            dripping.setSoTimeout(200);
            boolean closed = false;
            while (!closed && System.nanoTime() - start < WAIT.toNanos()) {
                try {
                    closed = in.read() < 0;
                } catch (SocketTimeoutException quiet) {
                    try {
                        out.write(1);
                        out.flush();
                    } catch (IOException reset) {
                        closed = true;
                    }
                } catch (IOException reset) {
                    closed = true;
                }
            }
            assertThat(closed).as("the server closed the dripping connection").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThat(client.endpointRef(server.address(), "reverser").<String>askSync(new Echo("on"), WAIT))
                    .isEqualTo("no");
        }
    }

    @Test
    void aJavaSerializedMessageInAValidEnvelopeIsRefusedAndItsConnectionClosed() throws Exception {
        try (RpcEnv server = start(RpcEnvTest.conf());
                RpcEnv client = RpcEnvTest.create(RpcEnvTest.conf())) {
            java.io.ByteArrayOutputStream serialized = new java.io.ByteArrayOutputStream();
            try (java.io.ObjectOutputStream objects = new java.io.ObjectOutputStream(serialized)) {
                objects.writeObject(new java.util.HashSet<>(List.of("a", "b")));
            }
            byte[] envelope = envelope("reverser", serialized.toByteArray());
            try (Socket socket = new Socket("127.0.0.1", server.address().port())) {
                OutputStream out = socket.getOutputStream();
                // A one-way message frame: length, type 4, body.
                out.write(java.nio.ByteBuffer.allocate(5 + envelope.length)
                        .putInt(1 + envelope.length)
                        .put((byte) 4)
                        .put(envelope)
                        .array());
                out.flush();
                assertClosedByServer(socket);
            }
            assertThat(client.endpointRef(server.address(), "reverser").<String>askSync(new Echo("ok"), WAIT))
                    .isEqualTo("ko");
        }
    }

    /** An RPC envelope as {@link MessageCodec} writes it, around {@code payload}. */
    static byte[] envelope(String endpoint, byte[] payload) {
        byte[] host = "127.0.0.1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] name = endpoint.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return java.nio.ByteBuffer.allocate(1 + 2 + host.length + 4 + 2 + name.length + payload.length)
                .put(MessageCodec.VERSION)
                .putShort((short) host.length)
                .put(host)
                .putInt(1)
                .putShort((short) name.length)
                .put(name)
                .put(payload)
                .array();
    }

    @Test
    void anUnauthenticatedPeerThatSaysNothingIsDisconnected() throws Exception {
        try (RpcEnv server = start(authenticated("s3cret").set("ember.authenticate.timeout", "500ms"));
                Socket silent = new Socket("127.0.0.1", server.address().port())) {
            assertClosedByServer(silent);
        }
    }

    @Test
    void tlsCarriesAsksAndStreamsAndRefusesUntrustedPeers(@TempDir Path dir) throws Exception {
        Path trusted = KeyStores.create(dir, "trusted");
        Path stranger = KeyStores.create(dir, "stranger");
        EmberConf tls = tlsConf(trusted, trusted);
        try (RpcEnv server = start(tls);
                RpcEnv client = RpcEnvTest.create(tls);
                RpcEnv untrusted = RpcEnvTest.create(tlsConf(stranger, stranger));
                RpcEnv plain = RpcEnvTest.create(RpcEnvTest.conf().set("ember.network.connectTimeout", "5s"))) {
            assertThat(client.endpointRef(server.address(), "reverser").<String>askSync(new Echo("tls"), WAIT))
                    .isEqualTo("slt");
            byte[] content = new byte[300_000];
            new Random(11).nextBytes(content);
            Path file = dir.resolve("blob");
            java.nio.file.Files.write(file, content);
            server.setStreamResolver(id -> dev.ember.network.protocol.ManagedBuffer.ofFile(file, 0, content.length));
            assertThat(RpcEnvTest.fetch(client, server.address(), "blob").get(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(content);
            assertThatThrownBy(() -> untrusted.endpointRef(server.address(), "reverser"))
                    .isInstanceOf(EmberException.class);
            assertThatThrownBy(() -> plain.endpointRef(server.address(), "reverser"))
                    .isInstanceOf(EmberException.class);
            assertThat(client.endpointRef(server.address(), "reverser").<String>askSync(new Echo("again"), WAIT))
                    .isEqualTo("niaga");
        }
    }

    private static EmberConf tlsConf(Path keyStore, Path trustStore) {
        return RpcEnvTest.conf()
                .set("ember.network.connectTimeout", "5s")
                .set("ember.ssl.enabled", "true")
                .set("ember.ssl.keyStore", keyStore.resolve("keystore.p12").toString())
                .set("ember.ssl.keyStorePassword", KeyStores.PASSWORD)
                .set(
                        "ember.ssl.trustStore",
                        trustStore.resolve("truststore.p12").toString())
                .set("ember.ssl.trustStorePassword", KeyStores.PASSWORD);
    }
}
