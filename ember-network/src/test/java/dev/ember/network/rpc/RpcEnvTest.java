package dev.ember.network.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.client.StreamCallback;
import dev.ember.network.protocol.ManagedBuffer;
import dev.ember.network.wire.MessageSet;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RpcEnvTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    record Echo(String text) {}

    record Greet(String name, RpcEndpointRef replyTo) {}

    record Fail(String why) {}

    record Ignore() {}

    /** The test's messages, as set 200. */
    static final MessageSet TEST_MESSAGES = MessageSet.builder(200, "test")
            .records(Echo.class, Greet.class, Fail.class, Ignore.class)
            .build();

    /** An environment on a free port of the loopback address that speaks the test's messages. */
    static RpcEnv create(EmberConf conf) {
        return RpcEnv.create(conf, "127.0.0.1", "127.0.0.1", 0).register(TEST_MESSAGES);
    }

    /** Answers Echo with its text reversed, fails on Fail, never answers Ignore, and records one-way messages. */
    static final class Reverser implements RpcEndpoint {
        final LinkedBlockingQueue<Object> told = new LinkedBlockingQueue<>();
        final LinkedBlockingQueue<RpcAddress> disconnected = new LinkedBlockingQueue<>();

        @Override
        public void receive(Object message, RpcAddress sender) {
            if (message instanceof Greet greet) {
                greet.replyTo().send(new Echo("hello " + greet.name()));
            }
            told.add(message);
        }

        @Override
        public void receiveAndReply(Object message, RpcCallContext context) {
            if (message instanceof Echo echo) {
                context.reply(new StringBuilder(echo.text()).reverse().toString());
            } else if (message instanceof Fail fail) {
                throw new IllegalStateException(fail.why());
            } else if (!(message instanceof Ignore)) {
                RpcEndpoint.super.receiveAndReply(message, context);
            }
        }

        @Override
        public void onDisconnected(RpcAddress remote) {
            disconnected.add(remote);
        }
    }

    static EmberConf conf() {
        return new EmberConf().set("ember.network.io.threads", "2");
    }

    private RpcEnv server;
    private RpcEnv client;
    private Reverser reverser;

    @BeforeEach
    void start() {
        server = create(conf());
        client = create(conf());
        reverser = new Reverser();
        server.setupEndpoint("reverser", reverser);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void asksAcrossTheNetworkAndLocally() throws Exception {
        RpcEndpointRef remote = client.endpointRef(server.address(), "reverser");
        assertThat(remote.<String>askSync(new Echo("ember"), WAIT)).isEqualTo("rebme");
        RpcEndpointRef local = server.endpointRef(server.address(), "reverser");
        assertThat(await(local.<String>ask(new Echo("local")))).isEqualTo("lacol");
    }

    @Test
    void oneWayMessagesArriveInOrderAndReferencesInsideMessagesCanAnswer() throws Exception {
        RpcEndpointRef remote = client.endpointRef(server.address(), "reverser");
        Reverser back = new Reverser();
        RpcEndpointRef replyTo = client.setupEndpoint("back", back);
        for (int i = 0; i < 100; i++) {
            remote.send(new Echo("m" + i));
        }
        remote.send(new Greet("client", replyTo));
        for (int i = 0; i < 100; i++) {
            assertThat(reverser.told.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(new Echo("m" + i));
        }
        assertThat(back.told.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(new Echo("hello client"));
    }

    @Test
    void aFailureInTheEndpointReachesTheAskerAndTheEndpointKeepsServing() {
        RpcEndpointRef remote = client.endpointRef(server.address(), "reverser");
        assertThatThrownBy(() -> remote.askSync(new Fail("no way"), WAIT))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("IllegalStateException: no way")
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.REMOTE_FAILURE));
        assertThat(remote.<String>askSync(new Echo("ok"), WAIT)).isEqualTo("ko");
    }

    @Test
    void anUnansweredAskTimesOut() {
        RpcEndpointRef remote = client.endpointRef(server.address(), "reverser");
        assertThatThrownBy(() -> remote.askSync(new Ignore(), Duration.ofMillis(300)))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("within 300 ms")
                .satisfies(e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.TIMEOUT));
    }

    @Test
    void unknownEndpointsAreReportedByName() {
        assertThatThrownBy(() -> client.endpointRef(server.address(), "nobody"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("no endpoint named nobody")
                .satisfies(e ->
                        assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.RPC_ENDPOINT_NOT_FOUND));
    }

    @Test
    void onlyTypesOfRegisteredMessageSetsCanBeSent() {
        RpcEndpointRef remote = client.endpointRef(server.address(), "reverser");
        assertThatThrownBy(() -> remote.askSync(List.of(new AtomicLong(5)), WAIT))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("java.util.concurrent.atomic.AtomicLong cannot be sent");
        assertThat(remote.<String>askSync(new Echo("still here"), WAIT)).isEqualTo("ereh llits");
    }

    @Test
    void aPeerWithAnotherVersionOfAMessageSetIsRefusedWithBothSchemasNamed() {
        MessageSet older = MessageSet.builder(200, "test").records(Echo.class).build();
        try (RpcEnv old = RpcEnv.create(conf(), "127.0.0.1", "127.0.0.1", 0).register(older)) {
            old.setupEndpoint("reverser", new Reverser());
            RpcEndpointRef remote = client.endpointRef(old.address(), "reverser");
            assertThatThrownBy(() -> remote.askSync(new Echo("x"), WAIT))
                    .isInstanceOf(EmberException.class)
                    .hasMessageContaining(
                            "The peer's test messages (schema " + Integer.toHexString(TEST_MESSAGES.fingerprint()))
                    .hasMessageContaining("are not this process's (schema " + Integer.toHexString(older.fingerprint()))
                    .hasMessageContaining("every process of a cluster must run the same Ember version");
        }
    }

    @Test
    void aPeerWithoutTheMessageSetIsRefusedWithTheSetNamedAndKeepsNothingBroken() throws InterruptedException {
        try (RpcEnv bare = RpcEnv.create(conf(), "127.0.0.1", "127.0.0.1", 0)) {
            bare.setupEndpoint("reverser", new RpcEndpoint() {});
            CountDownLatch closed = new CountDownLatch(1);
            client.setupEndpoint("watcher", new RpcEndpoint() {
                @Override
                public void onDisconnected(RpcAddress remote) {
                    if (remote.equals(bare.address())) {
                        closed.countDown();
                    }
                }
            });
            RpcEndpointRef remote = client.endpointRef(bare.address(), "reverser");
            assertThatThrownBy(() -> remote.askSync(new Echo("x"), WAIT))
                    .isInstanceOf(EmberException.class)
                    .hasMessageContaining("message set 200, which this process does not take");
            // The peer closed the connection; once the client sees it gone, the next ask opens another.
            assertThat(closed.await(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .as("the refusing peer closed the connection")
                    .isTrue();
            assertThat(client.endpointRef(bare.address(), RpcEnv.VERIFIER)).isNotNull();
        }
    }

    @Test
    void aMessageLargerThanTheFrameLimitFailsWithTheLimitNamed() {
        try (RpcEnv small = create(conf().set("ember.network.maxFrameSize", "4k"))) {
            RpcEndpointRef remote = small.endpointRef(server.address(), "reverser");
            assertThatThrownBy(() -> remote.askSync(new Echo("x".repeat(10_000)), WAIT))
                    .isInstanceOf(EmberException.class)
                    .hasMessageContaining("ember.network.maxFrameSize");
            assertThat(remote.<String>askSync(new Echo("small"), WAIT)).isEqualTo("llams");
        }
    }

    @Test
    void aClosingPeerIsReportedToEndpointsAndFailsWaitingAsks() throws Exception {
        RpcEndpointRef remote = client.endpointRef(server.address(), "reverser");
        CompletableFuture<Object> waiting = remote.ask(new Ignore(), WAIT);
        RpcAddress clientAddress = client.address();
        client.close();
        assertThat(reverser.disconnected.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS))
                .isEqualTo(clientAddress);
        assertThatThrownBy(() -> await(waiting)).isInstanceOf(ExecutionException.class);
        client = create(conf());
    }

    @Test
    void streamsAFileLargerThanAFrameAndReportsMissingStreams(@TempDir Path dir) throws Exception {
        byte[] content = new byte[5 * 1024 * 1024 + 17];
        new Random(3).nextBytes(content);
        Path file = dir.resolve("block.data");
        Files.write(file, content);
        server.setStreamResolver(streamId -> {
            if (!streamId.equals("blocks/1")) {
                throw new IllegalArgumentException("no stream " + streamId);
            }
            return ManagedBuffer.ofFile(file, 17, content.length - 17);
        });
        assertThat(await(fetch(client, server.address(), "blocks/1")))
                .isEqualTo(java.util.Arrays.copyOfRange(content, 17, content.length));
        assertThatThrownBy(() -> await(fetch(client, server.address(), "blocks/2")))
                .hasMessageContaining("no stream blocks/2");
        assertThat(await(fetch(client, server.address(), "blocks/1"))).hasSize(content.length - 17);
    }

    @Test
    void aStreamThatIsSlowToOpenHoldsUpNeitherOtherConnectionsNorTheOrderOfItsOwn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        // One event loop for every connection of the serving process: a resolver blocking it would stall them all.
        try (RpcEnv serving = create(conf().set("ember.network.io.threads", "1"));
                RpcEnv other = create(conf())) {
            serving.setupEndpoint("reverser", new Reverser());
            serving.setStreamResolver(streamId -> {
                if (streamId.equals("slow")) {
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                }
                return ManagedBuffer.of(ByteBuffer.wrap(streamId.getBytes(StandardCharsets.UTF_8)));
            });
            CompletableFuture<byte[]> slow = fetch(client, serving.address(), "slow");
            CompletableFuture<byte[]> fast = fetch(client, serving.address(), "fast");

            // Another connection is served while the slow stream is still being opened.
            RpcEndpointRef reverser = other.endpointRef(serving.address(), "reverser");
            assertThat(reverser.<String>askSync(new Echo("abc"), WAIT)).isEqualTo("cba");
            assertThat(await(fetch(other, serving.address(), "quick")))
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("quick");
            // On the first connection the later stream waits for the earlier one: answers keep their order.
            assertThat(slow).isNotDone();
            assertThat(fast).isNotDone();

            release.countDown();
            assertThat(await(slow)).asString(StandardCharsets.UTF_8).isEqualTo("slow");
            assertThat(await(fast)).asString(StandardCharsets.UTF_8).isEqualTo("fast");
        }
    }

    static CompletableFuture<byte[]> fetch(RpcEnv env, RpcAddress from, String streamId) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        env.openStream(from, streamId, new StreamCallback() {
            @Override
            public void onData(String id, ByteBuffer data) {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                received.writeBytes(bytes);
            }

            @Override
            public void onComplete(String id) {
                result.complete(received.toByteArray());
            }

            @Override
            public void onFailure(String id, Throwable error) {
                result.completeExceptionally(error);
            }
        });
        return result;
    }
}
