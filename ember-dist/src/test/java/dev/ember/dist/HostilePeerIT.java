package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.deploy.DeployMessages;
import dev.ember.deploy.MasterClient;
import dev.ember.network.TransportConf;
import dev.ember.network.TransportContext;
import dev.ember.network.client.TransportClient;
import dev.ember.network.client.TransportClientFactory;
import dev.ember.network.server.RpcHandler;
import dev.ember.serializer.JavaSerializer;
import dev.ember.util.ThreadUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's master and worker daemons, each a real process, attacked as a hostile peer would: crafted
 * payloads (a Java-serialized set bomb, an array announcing 2 GiB, a priority queue with a lambda comparator),
 * garbage, oversized and half frames, a frame dripped a byte at a time, a flood of idle connections, a wrong secret,
 * a replayed handshake, and a peer that knows the secret but sends a bomb. After each, the hostile connection must
 * have been closed by the daemon, and the daemon must still answer its normal clients within a few seconds.
 */
class HostilePeerIT {
    private static final Path DIST = Launcher.dist();
    private static final String SECRET = "hostile-it-secret";
    /** How long a normal client may wait for the master's answer while it is under attack. */
    private static final Duration ANSWER = Duration.ofSeconds(5);
    /** How long the daemon may take to cut a hostile peer off (frame deadline and network timeout are 2 s). */
    private static final Duration CUT_OFF = Duration.ofSeconds(15);

    @TempDir
    Path temp;

    private final Daemons daemons = new Daemons();

    @AfterEach
    void stopDaemons() throws Exception {
        daemons.close();
    }

    private record Cluster(String masterUrl, InetSocketAddress master, InetSocketAddress worker, EmberConf client) {}

    /** A master and one worker, with authentication when {@code secret} is set. */
    private Cluster startCluster(String secret) throws Exception {
        List<String> settings = new ArrayList<>(List.of("--conf", "ember.network.timeout=2s"));
        Map<String, String> environment = Map.of();
        if (secret != null) {
            settings.addAll(List.of("--conf", "ember.authenticate=true"));
            environment = Map.of("EMBER_AUTH_SECRET", secret);
        }
        List<String> master = new ArrayList<>(
                List.of(DIST.resolve("bin/ember").toString(), "master", "--host", "127.0.0.1", "--port", "0"));
        master.addAll(settings);
        String url = daemons.start(master, environment, temp.resolve("master.log"), "Master started at ")
                .substring("Master started at ".length())
                .trim();
        List<String> worker = new ArrayList<>(List.of(
                DIST.resolve("bin/ember").toString(),
                "worker",
                url,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "512m",
                "--work-dir",
                temp.resolve("work").toString()));
        worker.addAll(settings);
        String started = daemons.start(worker, environment, temp.resolve("worker.log"), "Worker ");
        String workerHostPort = started.split(" started at ")[1].split(" ")[0];
        EmberConf client = new EmberConf(false).set("ember.rpc.askTimeout", ANSWER.toSeconds() + "s");
        if (secret != null) {
            client.set("ember.authenticate", "true").set("ember.authenticate.secret", secret);
        }
        Cluster cluster =
                new Cluster(url, address(url.substring("ember://".length())), address(workerHostPort), client);
        awaitWorkerRegistered(cluster);
        return cluster;
    }

    /** The worker prints its start before it has registered: asks the master every 100 ms, for at most 30 s. */
    private static void awaitWorkerRegistered(Cluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (MasterClient client = MasterClient.connect(cluster.client(), cluster.masterUrl())) {
            while (client.state().workers().isEmpty()) {
                assertThat(System.nanoTime())
                        .as("the worker registered within 30 s")
                        .isLessThan(deadline);
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** The master answers a status request within {@link #ANSWER} and still has its worker alive. */
    private static void assertServing(Cluster cluster) {
        try (MasterClient client = MasterClient.connect(cluster.client(), cluster.masterUrl())) {
            long start = System.nanoTime();
            DeployMessages.MasterState state = client.state();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(ANSWER);
            assertThat(state.workers()).singleElement().satisfies(worker -> assertThat(worker.state())
                    .isEqualTo("ALIVE"));
        }
    }

    /** Sends {@code attack} on a new connection and asserts the daemon hangs up within {@link #CUT_OFF}. */
    private static void assertCutOff(InetSocketAddress target, byte[] attack) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(target, 5000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(attack);
                out.flush();
            } catch (IOException hungUpWhileWriting) {
                return;
            }
            assertClosedByPeer(socket);
        }
    }

    private static void assertClosedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout((int) CUT_OFF.toMillis());
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // Whatever the daemon answers first (a challenge, a failure), it must then hang up.
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the daemon kept a hostile connection open for " + CUT_OFF, e);
        } catch (IOException reset) {
            // A reset is a hang-up too.
        }
    }

    // ---- payloads ----

    private static byte[] javaSerialized(Object value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    /** Sets of sets sharing their children, 40 levels: a few kilobytes that take 2^40 hash codes to rebuild. */
    private static byte[] setBomb() throws IOException {
        Set<Object> root = new HashSet<>();
        Set<Object> left = root;
        Set<Object> right = new HashSet<>();
        for (int level = 0; level < 40; level++) {
            Set<Object> nextLeft = new HashSet<>();
            Set<Object> nextRight = new HashSet<>();
            nextLeft.add("level " + level);
            left.add(nextLeft);
            left.add(nextRight);
            right.add(nextLeft);
            right.add(nextRight);
            left = nextLeft;
            right = nextRight;
        }
        return javaSerialized(root);
    }

    /** A Java stream of a {@code byte[]} whose length says 2^31 - 1: 28 bytes. */
    private static byte[] hugeArray() throws IOException {
        byte[] bytes = javaSerialized(new byte[] {1});
        ByteBuffer.wrap(bytes).putInt(bytes.length - 5, Integer.MAX_VALUE);
        return bytes;
    }

    /** A priority queue whose comparator is a serialized lambda ({@code Map.Entry.comparingByKey()}). */
    private static byte[] lambdaComparator() {
        PriorityQueue<Map.Entry<String, Integer>> queue = new PriorityQueue<>(Map.Entry.comparingByKey());
        queue.add(new AbstractMap.SimpleEntry<>("b", 2));
        queue.add(new AbstractMap.SimpleEntry<>("a", 1));
        return new JavaSerializer().newInstance().serialize(queue);
    }

    /** The wire format's byte array value announcing 2^31 - 1 bytes, with two present. */
    private static byte[] wireHugeBytes() {
        return new byte[] {0, 7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 1, 2};
    }

    /** An RPC envelope of {@code version} for {@code endpoint} around {@code payload}. */
    private static byte[] envelope(int version, String endpoint, byte[] payload) {
        byte[] host = "127.0.0.1".getBytes(StandardCharsets.UTF_8);
        byte[] name = endpoint.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + 2 + host.length + 4 + 2 + name.length + payload.length)
                .put((byte) version)
                .putShort((short) host.length)
                .put(host)
                .putInt(7077)
                .putShort((short) name.length)
                .put(name)
                .put(payload)
                .array();
    }

    /** A request frame: length, type 1, request id, body. */
    private static byte[] requestFrame(byte[] body) {
        return ByteBuffer.allocate(4 + 1 + 8 + body.length)
                .putInt(1 + 8 + body.length)
                .put((byte) 1)
                .putLong(1)
                .put(body)
                .array();
    }

    /** A one-way frame: length, type 4, body. */
    private static byte[] oneWayFrame(byte[] body) {
        return ByteBuffer.allocate(4 + 1 + body.length)
                .putInt(1 + body.length)
                .put((byte) 4)
                .put(body)
                .array();
    }

    @Test
    void withoutAuthenticationCraftedPayloadsAndBrokenFramesAreCutOffWhileTheClusterKeepsServing() throws Exception {
        Cluster cluster = startCluster(null);
        assertServing(cluster);

        List<byte[]> payloads = List.of(setBomb(), hugeArray(), lambdaComparator(), wireHugeBytes());
        for (InetSocketAddress target : List.of(cluster.master(), cluster.worker())) {
            String endpoint = target.equals(cluster.master()) ? DeployMessages.MASTER : DeployMessages.WORKER;
            for (byte[] payload : payloads) {
                assertCutOff(target, requestFrame(envelope(2, endpoint, payload)));
                assertCutOff(target, oneWayFrame(envelope(2, endpoint, payload)));
                // The envelope of earlier versions, whose messages were Java-serialized.
                assertCutOff(target, requestFrame(envelope(1, endpoint, payload)));
            }
            assertServing(cluster);
        }
        // Three bombs at once, as in the report that found them, and the master still answers.
        byte[] bomb = requestFrame(envelope(2, DeployMessages.MASTER, setBomb()));
        ExecutorService attackers = ThreadUtils.newDaemonFixedThreadPool(3, "attacker");
        try {
            List<Future<?>> attacks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                attacks.add(attackers.submit(() -> {
                    assertCutOff(cluster.master(), bomb);
                    return null;
                }));
            }
            assertServing(cluster);
            for (Future<?> attack : attacks) {
                attack.get(CUT_OFF.toSeconds() * 2, TimeUnit.SECONDS);
            }
        } finally {
            attackers.shutdownNow();
        }

        byte[] garbage = new byte[64 * 1024];
        new Random(11).nextBytes(garbage);
        for (InetSocketAddress target : List.of(cluster.master(), cluster.worker())) {
            assertCutOff(target, garbage);
            // A frame announcing 2 GiB, and half a frame followed by silence.
            assertCutOff(target, new byte[] {0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1});
            assertCutOff(target, new byte[] {0, 0, 0, 100, 1, 0, 0});
            assertCutOff(target, "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertServing(cluster);
    }

    @Test
    void aFrameDrippedAByteAtATimeIsCutOffAndAnIdleFloodDoesNotStopTheMaster() throws Exception {
        Cluster cluster = startCluster(null);
        try (Socket dripping = new Socket()) {
            dripping.connect(cluster.master(), 5000);
            OutputStream out = dripping.getOutputStream();
            out.write(new byte[] {0, 0, 0, 100});
            out.flush();
            dripping.setSoTimeout(300);
            InputStream in = dripping.getInputStream();
            long start = System.nanoTime();
            boolean closed = false;
            // A byte every 300 ms: never silent for the 2 s network timeout, yet the frame never completes.
            while (!closed && System.nanoTime() - start < CUT_OFF.toNanos()) {
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
            assertThat(closed).as("the master cut the dripping peer off").isTrue();
        }

        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket socket = new Socket();
                socket.connect(cluster.master(), 5000);
                idle.add(socket);
            }
            assertServing(cluster);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        assertServing(cluster);
    }

    @Test
    void withAuthenticationWrongSecretsReplaysAndBombsFromAuthenticatedPeersAreCutOff() throws Exception {
        Cluster cluster = startCluster(SECRET);
        assertServing(cluster);

        EmberConf wrong = cluster.client().clone().set("ember.authenticate.secret", "a-guess");
        assertThatThrownBy(
                        () -> MasterClient.connect(wrong, cluster.masterUrl()).close())
                .isInstanceOf(EmberException.class)
                .satisfies(
                        e -> assertThat(((EmberException) e).errorClass()).isEqualTo(ErrorClass.AUTHENTICATION_FAILED));

        // Before authentication, a bomb does not even fit in a frame.
        assertCutOff(cluster.master(), requestFrame(envelope(2, DeployMessages.MASTER, setBomb())));

        // A legitimate client's bytes, recorded by a relay and replayed on a new connection, are refused.
        byte[] recorded = recordThroughRelay(cluster);
        assertThat(recorded.length).isGreaterThan(64);
        assertCutOff(cluster.master(), recorded);

        // A peer that knows the secret: authenticated, but its Java-serialized bomb is still refused.
        TransportContext context = new TransportContext(TransportConf.fromConf(cluster.client()), new RpcHandler() {
            @Override
            public void receive(TransportClient client, ByteBuffer message, RpcResponseCallback callback) {
                callback.onFailure(new IllegalStateException("not serving"));
            }

            @Override
            public void receive(TransportClient client, ByteBuffer message) {}
        });
        TransportClientFactory factory = context.createClientFactory();
        try {
            TransportClient insider =
                    factory.createClient("127.0.0.1", cluster.master().getPort());
            var reply = insider.sendRpc(ByteBuffer.wrap(envelope(2, DeployMessages.MASTER, setBomb())));
            assertThatThrownBy(() -> reply.get(CUT_OFF.toSeconds(), TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("SERIALIZATION_FAILED");
            assertThat(insider.channel().closeFuture().await(CUT_OFF.toMillis()))
                    .as("the master closed the insider's connection")
                    .isTrue();
        } finally {
            factory.close();
            context.close();
        }
        assertServing(cluster);
    }

    /**
     * Runs one status request of a real client through a relay on a free port and returns what the client sent: its
     * side of the handshake and its request.
     */
    private byte[] recordThroughRelay(Cluster cluster) throws Exception {
        ByteArrayOutputStream recorded = new ByteArrayOutputStream();
        ExecutorService pumps = ThreadUtils.newDaemonFixedThreadPool(3, "relay");
        try (ServerSocket relay = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Future<?> relaying = pumps.submit(() -> {
                try (Socket client = relay.accept();
                        Socket master = new Socket()) {
                    master.connect(cluster.master(), 5000);
                    Future<?> back = pumps.submit(() -> pump(master.getInputStream(), client.getOutputStream(), null));
                    pump(client.getInputStream(), master.getOutputStream(), recorded);
                    back.cancel(true);
                }
                return null;
            });
            try (MasterClient client =
                    MasterClient.connect(cluster.client(), "ember://127.0.0.1:" + relay.getLocalPort())) {
                assertThat(client.state().workers()).hasSize(1);
            }
            relaying.get(CUT_OFF.toSeconds(), TimeUnit.SECONDS);
        } finally {
            pumps.shutdownNow();
        }
        synchronized (recorded) {
            return recorded.toByteArray();
        }
    }

    /** Copies until the source ends, keeping a copy in {@code record} when given. */
    private static Void pump(InputStream from, OutputStream to, ByteArrayOutputStream record) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            for (int n = from.read(buffer); n >= 0; n = from.read(buffer)) {
                if (record != null) {
                    synchronized (record) {
                        record.write(buffer, 0, n);
                    }
                }
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException closed) {
            // Either side hanging up ends the relay.
        }
        return null;
    }
}
