package dev.ember.network.rpc;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.NetworkConfig;
import dev.ember.network.TransportConf;
import dev.ember.network.TransportContext;
import dev.ember.network.client.StreamCallback;
import dev.ember.network.client.TransportClient;
import dev.ember.network.client.TransportClientFactory;
import dev.ember.network.protocol.ManagedBuffer;
import dev.ember.network.server.RpcHandler;
import dev.ember.network.server.TransportServer;
import dev.ember.network.wire.MessageSet;
import dev.ember.network.wire.WireInput;
import dev.ember.network.wire.WireOutput;
import dev.ember.network.wire.WireType;
import dev.ember.util.ThreadUtils;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's RPC environment: a server on one port, named {@link RpcEndpoint}s behind it, and references to
 * endpoints anywhere ({@link RpcEndpointRef}). Messages are encoded with the wire protocol of the
 * {@link MessageSet}s the environment was given ({@link #register}; see {@link MessageCodec}), never with Java
 * serialization; a message to an endpoint of this same environment is handed over as it is.
 *
 * <p>Threads: the transport's event loops only hand each arriving message to the "rpc-decode" threads, which decode
 * the messages of one connection one at a time, in order, within {@code ember.rpc.decode.budget}, and post them to
 * the receiving endpoint's own thread ({@link Inbox}). A message that cannot be decoded (malformed, of another Ember
 * version, too slow) closes its connection, with a warning naming the peer; nothing else waits for it. Replies to
 * asks are decoded there too. Connecting to another process happens on "rpc-connect" threads so that {@code send}
 * and {@code ask} never block the caller; "rpc-timeouts" fails asks whose time ran out.
 *
 * <p>Every environment has the built-in endpoint {@value #VERIFIER}, which {@link #endpointRef} asks whether a
 * name exists before returning a reference to it.
 */
public final class RpcEnv implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcEnv.class);

    /** The name of the built-in endpoint that answers whether an endpoint exists. */
    public static final String VERIFIER = "endpoint-verifier";

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final TransportConf transportConf;
    private final TransportContext context;
    private final TransportServer server;
    private final TransportClientFactory clients;
    private final MessageCodec codec;
    private final RpcAddress address;
    private final Duration askTimeout;
    private final Duration lookupTimeout;
    private final Map<String, Inbox> endpoints = new ConcurrentHashMap<>();
    /** The environment each connection speaks for, learned from its first message or from connecting to it. */
    private final Map<TransportClient, RpcAddress> peers = new ConcurrentHashMap<>();

    private final ExecutorService connecting;
    /** One ordered lane per destination, so that messages to one process leave in the order they were sent. */
    private final Map<RpcAddress, SerialLane> lanes = new ConcurrentHashMap<>();

    private final ScheduledExecutorService timeouts;
    private final ExecutorService decoding;
    /** One decoding lane per connection, so that its messages are decoded and delivered in arrival order. */
    private final Map<TransportClient, DecodeLane> decodeLanes = new ConcurrentHashMap<>();

    private final AtomicBoolean stopped = new AtomicBoolean();
    private volatile StreamResolver streams = streamId -> {
        throw new EmberException(ErrorClass.BLOCK_UNAVAILABLE, "This process serves no streams");
    };

    /** Serves the bytes of named streams, such as files the driver offers to executors. */
    @FunctionalInterface
    public interface StreamResolver {
        /** The stream's bytes; throws, with a message for the requester, when there is no such stream. */
        ManagedBuffer open(String streamId) throws Exception;
    }

    /** The message the verifier answers with a boolean. */
    record CheckExistence(String name) {}

    /** The environment's own messages and types, set 0 of the wire protocol: every environment has it. */
    public static final MessageSet MESSAGES = MessageSet.builder(0, "rpc")
            .records(RpcEnv.CheckExistence.class, RpcAddress.class)
            .type(RpcEndpointRef.class, "1", new WireType<>() {
                @Override
                public void write(RpcEndpointRef ref, WireOutput out) {
                    out.writeString(ref.address().host())
                            .writeInt(ref.address().port())
                            .writeString(ref.name());
                }

                @Override
                public RpcEndpointRef read(WireInput in) {
                    String host = in.readString();
                    int port = in.readInt();
                    String name = in.readString();
                    try {
                        return new RpcEndpointRef(new RpcAddress(host, port), name, in.context(RpcEnv.class));
                    } catch (IllegalArgumentException e) {
                        throw in.error("not an endpoint reference: " + e.getMessage());
                    }
                }
            })
            .build();

    private RpcEnv(EmberConf conf, String bindHost, String advertisedHost, int port) {
        this.transportConf = TransportConf.fromConf(conf);
        this.codec = new MessageCodec(Duration.ofMillis(conf.get(NetworkConfig.DECODE_BUDGET)));
        // Decoding off the event loops, so that a costly message holds up only its own connection's lane.
        this.decoding = ThreadUtils.newDaemonFixedThreadPool(conf.get(NetworkConfig.DECODE_THREADS), "rpc-decode");
        this.askTimeout = Duration.ofMillis(conf.get(NetworkConfig.ASK_TIMEOUT));
        this.lookupTimeout = Duration.ofMillis(conf.get(NetworkConfig.LOOKUP_TIMEOUT));
        this.context = new TransportContext(transportConf, new Handler());
        this.server = context.createServer(bindHost, port);
        this.address = new RpcAddress(advertisedHost, server.port());
        this.clients = context.createClientFactory();
        this.connecting = ThreadUtils.newDaemonCachedThreadPool("rpc-connect");
        this.timeouts = ThreadUtils.newDaemonSingleThreadScheduledExecutor("rpc-timeouts");
        setupEndpoint(VERIFIER, new RpcEndpoint() {
            @Override
            public void receiveAndReply(Object message, RpcCallContext context) {
                if (message instanceof CheckExistence check) {
                    context.reply(endpoints.containsKey(check.name()));
                } else {
                    RpcEndpoint.super.receiveAndReply(message, context);
                }
            }
        });
    }

    /**
     * Starts an environment listening on {@code bindHost:port} (port 0 picks a free port) that others reach at
     * {@code advertisedHost}.
     */
    public static RpcEnv create(EmberConf conf, String bindHost, String advertisedHost, int port) {
        requireNonNull(conf, "conf is null");
        requireNonNull(bindHost, "bindHost is null");
        requireNonNull(advertisedHost, "advertisedHost is null");
        return new RpcEnv(conf, bindHost, advertisedHost, port);
    }

    public RpcAddress address() {
        return address;
    }

    public Duration askTimeout() {
        return askTimeout;
    }

    /**
     * Adds the messages of {@code set} to what this environment sends and accepts; every process that exchanges
     * them registers the same set before it starts its endpoints. Registering a set twice does nothing.
     */
    public RpcEnv register(MessageSet set) {
        codec.register(set);
        return this;
    }

    /** Registers {@code endpoint} under {@code name}; its {@link RpcEndpoint#onStart} runs first on its thread. */
    public RpcEndpointRef setupEndpoint(String name, RpcEndpoint endpoint) {
        requireNonNull(name, "name is null");
        requireNonNull(endpoint, "endpoint is null");
        checkRunning();
        Inbox inbox = endpoints.computeIfAbsent(name, key -> new Inbox(key, endpoint));
        if (inbox.endpoint() != endpoint) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "An endpoint named " + name + " already exists at " + address);
        }
        return new RpcEndpointRef(address, name, this);
    }

    /** A reference to the endpoint {@code name} at {@code remote}, after checking that it exists there. */
    public RpcEndpointRef endpointRef(RpcAddress remote, String name) {
        RpcEndpointRef verifier = new RpcEndpointRef(remote, VERIFIER, this);
        Boolean exists = verifier.askSync(new CheckExistence(name), lookupTimeout);
        if (!exists) {
            throw new EmberException(
                    ErrorClass.RPC_ENDPOINT_NOT_FOUND, "There is no endpoint named " + name + " at " + remote);
        }
        return new RpcEndpointRef(remote, name, this);
    }

    /**
     * A reference to the endpoint {@code name} at {@code remote} without checking that it exists (it may not be up
     * yet, or any more); messages to a missing endpoint fail or are dropped as usual.
     */
    public RpcEndpointRef unverifiedRef(RpcAddress remote, String name) {
        requireNonNull(remote, "remote is null");
        requireNonNull(name, "name is null");
        return new RpcEndpointRef(remote, name, this);
    }

    /** Stops the endpoint behind {@code ref}, which must be local: its {@link RpcEndpoint#onStop} runs last. */
    public void stop(RpcEndpointRef ref) {
        if (!ref.address().equals(address)) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, ref + " is not an endpoint of " + address);
        }
        Inbox inbox = endpoints.remove(ref.name());
        if (inbox != null) {
            inbox.stop(STOP_TIMEOUT);
        }
    }

    public void setStreamResolver(StreamResolver resolver) {
        this.streams = requireNonNull(resolver, "resolver is null");
    }

    /** Fetches the stream {@code streamId} from the environment at {@code remote}; results go to {@code callback}. */
    public void openStream(RpcAddress remote, String streamId, StreamCallback callback) {
        checkRunning();
        lane(remote).execute(() -> {
            try {
                client(remote).stream(streamId, callback);
            } catch (RuntimeException e) {
                callback.onFailure(streamId, e);
            }
        });
    }

    void send(RpcEndpointRef ref, Object message) {
        checkRunning();
        if (ref.address().equals(address)) {
            Inbox inbox = endpoints.get(ref.name());
            if (inbox == null || !inbox.post(() -> inbox.endpoint().receive(message, address))) {
                LOG.warn(
                        "Dropped a {} for {}: no such endpoint here",
                        message.getClass().getSimpleName(),
                        ref);
            }
            return;
        }
        ByteBuffer body = codec.encode(address, ref.name(), message);
        lane(ref.address()).execute(() -> {
            try {
                client(ref.address()).send(body).whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.warn(
                                "Could not send a {} to {}: {}",
                                message.getClass().getSimpleName(),
                                ref,
                                error.toString());
                    }
                });
            } catch (RuntimeException e) {
                LOG.warn("Could not send a {} to {}: {}", message.getClass().getSimpleName(), ref, e.toString());
            }
        });
    }

    <T> CompletableFuture<T> ask(RpcEndpointRef ref, Object message, Duration timeout) {
        checkRunning();
        CompletableFuture<Object> reply = new CompletableFuture<>();
        var timer = timeouts.schedule(
                () -> reply.completeExceptionally(new EmberException(
                        ErrorClass.TIMEOUT,
                        "No reply from " + ref + " to a " + message.getClass().getSimpleName() + " within "
                                + timeout.toMillis() + " ms (ember.rpc.askTimeout)")),
                timeout.toMillis(),
                TimeUnit.MILLISECONDS);
        reply.whenComplete((value, error) -> timer.cancel(false));
        if (ref.address().equals(address)) {
            Inbox inbox = endpoints.get(ref.name());
            if (inbox == null) {
                reply.completeExceptionally(notFound(ref.name()));
            } else {
                LocalContext context = new LocalContext(reply);
                if (!inbox.post(() -> answer(inbox.endpoint(), message, context))) {
                    reply.completeExceptionally(notFound(ref.name()));
                }
            }
        } else {
            ByteBuffer body;
            try {
                body = codec.encode(address, ref.name(), message);
            } catch (RuntimeException e) {
                reply.completeExceptionally(e);
                return cast(reply);
            }
            lane(ref.address()).execute(() -> {
                try {
                    CompletableFuture<ByteBuffer> raw = client(ref.address()).sendRpc(body);
                    reply.whenComplete((value, error) -> raw.cancel(false));
                    raw.whenCompleteAsync(
                            (bytes, error) -> {
                                if (error != null) {
                                    reply.completeExceptionally(error);
                                } else {
                                    try {
                                        reply.complete(codec.deserialize(bytes, this));
                                    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                                        reply.completeExceptionally(e);
                                    }
                                }
                            },
                            decoding);
                } catch (RuntimeException e) {
                    reply.completeExceptionally(e);
                }
            });
        }
        return cast(reply);
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<T> cast(CompletableFuture<Object> reply) {
        return (CompletableFuture<T>) (CompletableFuture<?>) reply;
    }

    private static void answer(RpcEndpoint endpoint, Object message, RpcCallContext context) {
        try {
            endpoint.receiveAndReply(message, context);
        } catch (RuntimeException e) {
            context.sendFailure(e);
            throw e;
        }
    }

    private SerialLane lane(RpcAddress remote) {
        return lanes.computeIfAbsent(remote, key -> new SerialLane(connecting));
    }

    private TransportClient client(RpcAddress remote) {
        TransportClient client = clients.createClient(remote.host(), remote.port());
        peers.putIfAbsent(client, remote);
        return client;
    }

    private EmberException notFound(String name) {
        return new EmberException(
                ErrorClass.RPC_ENDPOINT_NOT_FOUND, "There is no endpoint named " + name + " at " + address);
    }

    private void checkRunning() {
        if (stopped.get()) {
            throw new EmberException(ErrorClass.CONNECTION_FAILED, "The RPC environment at " + address + " is stopped");
        }
    }

    /** Stops every endpoint, then the server and the connections. */
    @Override
    public void close() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        for (String name : endpoints.keySet()) {
            Inbox inbox = endpoints.remove(name);
            if (inbox != null) {
                inbox.stop(STOP_TIMEOUT);
            }
        }
        server.close();
        clients.close();
        context.close();
        ThreadUtils.shutdownAndAwait(connecting, STOP_TIMEOUT);
        ThreadUtils.shutdownAndAwait(timeouts, STOP_TIMEOUT);
        ThreadUtils.shutdownAndAwait(decoding, STOP_TIMEOUT);
    }

    @Override
    public String toString() {
        return "RpcEnv[" + address + "]";
    }

    private final class LocalContext implements RpcCallContext {
        private final CompletableFuture<Object> reply;

        LocalContext(CompletableFuture<Object> reply) {
            this.reply = reply;
        }

        @Override
        public void reply(Object response) {
            reply.complete(response);
        }

        @Override
        public void sendFailure(Throwable error) {
            reply.completeExceptionally(error);
        }

        @Override
        public RpcAddress senderAddress() {
            return address;
        }
    }

    /**
     * Requests arriving on the transport. Runs on event loops and only queues each body on its connection's decoding
     * lane; decoding, and the hand-over to the endpoint's thread, happen there.
     */
    private final class Handler implements RpcHandler {
        @Override
        public void receive(TransportClient client, ByteBuffer body, RpcResponseCallback callback) {
            DecodeLane lane = decodeLane(client);
            lane.submit(body.remaining(), () -> deliver(client, lane, body, callback));
        }

        @Override
        public void receive(TransportClient client, ByteBuffer body) {
            DecodeLane lane = decodeLane(client);
            lane.submit(body.remaining(), () -> deliver(client, lane, body, null));
        }

        private DecodeLane decodeLane(TransportClient client) {
            return decodeLanes.computeIfAbsent(client, key -> new DecodeLane(decoding, client.channel()));
        }

        /** On a decoding thread: reads the message and posts it to its endpoint; {@code callback} null for a send. */
        private void deliver(TransportClient client, DecodeLane lane, ByteBuffer body, RpcResponseCallback callback) {
            MessageCodec.Envelope envelope;
            Object message;
            try {
                envelope = codec.decodeEnvelope(body);
            } catch (RuntimeException e) {
                refuse(client, lane, "?", e, callback);
                return;
            }
            Inbox inbox = endpoints.get(envelope.endpoint());
            if (inbox == null) {
                if (callback != null) {
                    callback.onFailure(notFound(envelope.endpoint()));
                } else {
                    LOG.warn(
                            "Dropped a message from {} for {}: no such endpoint here",
                            envelope.sender(),
                            envelope.endpoint());
                }
                return;
            }
            try {
                message = codec.deserialize(envelope.payload(), RpcEnv.this);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // An error too: the message is what caused it, and its connection is what must go.
                RuntimeException reason = e instanceof RuntimeException runtime
                        ? runtime
                        : new EmberException(ErrorClass.SERIALIZATION_FAILED, "Decoding failed: " + e, e);
                refuse(client, lane, envelope.sender() + " for " + envelope.endpoint(), reason, callback);
                return;
            }
            // The environment a connection speaks for is the one its first readable message names, as the peer says:
            // without authentication nothing proves it (see docs/cluster.md, Security).
            peers.putIfAbsent(client, envelope.sender());
            if (callback == null) {
                inbox.post(() -> inbox.endpoint().receive(message, envelope.sender()));
            } else {
                RemoteContext context = new RemoteContext(callback, envelope.sender());
                if (!inbox.post(() -> answer(inbox.endpoint(), message, context))) {
                    callback.onFailure(notFound(envelope.endpoint()));
                }
            }
        }

        /** A message that cannot be read: the peer is told why (when it asked) and disconnected. */
        private void refuse(
                TransportClient client,
                DecodeLane lane,
                String what,
                RuntimeException error,
                RpcResponseCallback callback) {
            lane.refuse();
            LOG.warn(
                    "Closing the connection from {}: a message ({}) could not be decoded: {}",
                    client.remoteAddress(),
                    what,
                    error.getMessage());
            if (callback != null) {
                callback.onFailure(error);
            }
            client.close();
        }

        @Override
        public ManagedBuffer openStream(String streamId) throws Exception {
            return streams.open(streamId);
        }

        @Override
        public void channelInactive(TransportClient client) {
            // After the messages the connection sent before it closed: endpoints hear of them first.
            Runnable disconnected =
                    () -> Optional.ofNullable(peers.remove(client)).ifPresent(remote -> {
                        for (Inbox inbox : endpoints.values()) {
                            inbox.post(() -> inbox.endpoint().onDisconnected(remote));
                        }
                    });
            DecodeLane lane = decodeLanes.remove(client);
            if (lane == null) {
                disconnected.run();
            } else {
                lane.last(disconnected);
            }
        }
    }

    private final class RemoteContext implements RpcCallContext {
        private final RpcHandler.RpcResponseCallback callback;
        private final RpcAddress sender;

        RemoteContext(RpcHandler.RpcResponseCallback callback, RpcAddress sender) {
            this.callback = callback;
            this.sender = sender;
        }

        @Override
        public void reply(Object response) {
            byte[] bytes;
            try {
                bytes = codec.serialize(response);
            } catch (RuntimeException e) {
                callback.onFailure(e);
                return;
            }
            callback.onSuccess(ByteBuffer.wrap(bytes));
        }

        @Override
        public void sendFailure(Throwable error) {
            callback.onFailure(error);
        }

        @Override
        public RpcAddress senderAddress() {
            return sender;
        }
    }
}
