package dev.ember.connect.client;

import com.google.protobuf.ByteString;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.connect.proto.AddArtifactsRequest;
import dev.ember.connect.proto.AddArtifactsResponse;
import dev.ember.connect.proto.AnalyzePlanRequest;
import dev.ember.connect.proto.ArtifactStatusesRequest;
import dev.ember.connect.proto.InterruptRequest;
import dev.ember.connect.proto.ReleaseSessionRequest;
import dev.ember.connect.proto.SparkConnectServiceGrpc;
import dev.ember.connect.proto.UserContext;
import dev.ember.connect.proto.rdd.RddNode;
import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.CRC32;

/**
 * A session on a remote Ember Connect server, for RDD jobs written with serializable Java functions: the lineage is
 * built here ({@link RemoteRdd}), and each action ships it, with the classes its functions need, to the server,
 * which runs it on its engine and streams the values back. No engine runs in this process.
 *
 * <pre>{@code
 * try (EmberConnect ember = EmberConnect.connect("sc://localhost:15002")) {
 *     List<Pair<String, Integer>> counts = ember.textFile("/data/words.txt")
 *             .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
 *             .mapToPair(word -> Pair.of(word, 1))
 *             .reduceByKey(Integer::sum)
 *             .collect();
 * }
 * }</pre>
 *
 * <p>The URL is Spark Connect's: {@code sc://host:port/;token=...;user_id=...;use_ssl=true}. Thread-safe: jobs may run
 * from several threads at once.
 */
public final class EmberConnect implements AutoCloseable {
    static final String CLIENT_TYPE = "ember-connect-client";
    private static final int MAX_INBOUND_BYTES = 512 << 20;
    private static final int CHUNK_BYTES = 4 << 20;

    private final ManagedChannel channel;
    private final SparkConnectServiceGrpc.SparkConnectServiceBlockingStub blocking;
    private final SparkConnectServiceGrpc.SparkConnectServiceStub async;
    private final String sessionId;
    private final UserContext user;
    private final Duration callTimeout;
    private final Duration jobTimeout;
    private final java.util.function.Consumer<JobProgress> progressListener;
    private final ClassShipper shipper = new ClassShipper();
    private final Set<String> uploaded = new HashSet<>();
    private final List<ClassShipper.Jar> addedJars = new ArrayList<>();
    private volatile boolean closed;

    private EmberConnect(Builder builder) {
        ConnectUrl url = ConnectUrl.parse(builder.url);
        NettyChannelBuilder channelBuilder =
                NettyChannelBuilder.forAddress(url.host(), url.port()).maxInboundMessageSize(MAX_INBOUND_BYTES);
        if (url.useSsl()) {
            channelBuilder.useTransportSecurity();
        } else {
            channelBuilder.usePlaintext();
        }
        this.channel = channelBuilder.build();
        SparkConnectServiceGrpc.SparkConnectServiceBlockingStub blockingStub =
                SparkConnectServiceGrpc.newBlockingStub(channel);
        SparkConnectServiceGrpc.SparkConnectServiceStub asyncStub = SparkConnectServiceGrpc.newStub(channel);
        if (url.token() != null) {
            CallCredentials bearer = new BearerToken(url.token());
            blockingStub = blockingStub.withCallCredentials(bearer);
            asyncStub = asyncStub.withCallCredentials(bearer);
        }
        this.blocking = blockingStub;
        this.async = asyncStub;
        this.sessionId =
                url.sessionId() != null ? url.sessionId() : UUID.randomUUID().toString();
        this.user = UserContext.newBuilder()
                .setUserId(url.userId())
                .setUserName(url.userId())
                .build();
        this.callTimeout = builder.callTimeout;
        this.jobTimeout = builder.jobTimeout;
        this.progressListener = builder.progressListener;
    }

    /** A session on the server at {@code url} ({@code sc://host:port/;params}), with the default timeouts. */
    public static EmberConnect connect(String url) {
        return builder().remote(url).create();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How a session is opened: the server's URL and how long calls and jobs may take. */
    public static final class Builder {
        private String url = "sc://localhost:" + ConnectUrl.DEFAULT_PORT;
        private Duration callTimeout = Duration.ofMinutes(2);
        private Duration jobTimeout = Duration.ofHours(24);
        private java.util.function.Consumer<JobProgress> progressListener;

        private Builder() {}

        /** The server's URL, {@code sc://host:port/;token=...;user_id=...}. */
        public Builder remote(String url) {
            this.url = url;
            return this;
        }

        /** The longest a call other than a job may take (uploads, interrupts, version); 2 minutes by default. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = positive(timeout, "callTimeout");
            return this;
        }

        /**
         * Called with each progress report of a running job, on the thread that runs the action, between the values
         * it reads. An exception it throws is ignored.
         */
        public Builder progressListener(java.util.function.Consumer<JobProgress> listener) {
            this.progressListener = listener;
            return this;
        }

        /** The longest a job may take, from its start to its last value; 24 hours by default. */
        public Builder jobTimeout(Duration timeout) {
            this.jobTimeout = positive(timeout, "jobTimeout");
            return this;
        }

        public EmberConnect create() {
            return new EmberConnect(this);
        }

        private static Duration positive(Duration timeout, String what) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new EmberException(ErrorClass.INVALID_ARGUMENT, what + " must be positive, not " + timeout);
            }
            return timeout;
        }
    }

    /** This session's id, which the server's UI and logs show. */
    public String sessionId() {
        return sessionId;
    }

    /** The version of the engine the server runs (as Spark Connect's {@code spark.version}). */
    public String version() {
        return call(() -> blocking.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .analyzePlan(AnalyzePlanRequest.newBuilder()
                                .setSessionId(sessionId)
                                .setUserContext(user)
                                .setClientType(CLIENT_TYPE)
                                .setSparkVersion(AnalyzePlanRequest.SparkVersion.getDefaultInstance())
                                .build()))
                .getSparkVersion()
                .getVersion();
    }

    // ---- sources ----

    /** {@code values} distributed over {@code slices} partitions of the server's engine. */
    public <T> RemoteRdd<T> parallelize(List<T> values, int slices) {
        if (slices < 1) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "parallelize needs at least 1 slice, not " + slices);
        }
        return parallelize(values, slices, "parallelize");
    }

    /** {@code values} over the server's default parallelism. */
    public <T> RemoteRdd<T> parallelize(List<T> values) {
        return parallelize(values, 0, "parallelize");
    }

    /** Pairs distributed as a {@link RemotePairRdd}. */
    public <K, V> RemotePairRdd<K, V> parallelizePairs(List<Pair<K, V>> pairs) {
        return new RemotePairRdd<>(parallelize(pairs, 0, "parallelizePairs"));
    }

    private <T> RemoteRdd<T> parallelize(List<T> values, int slices, String what) {
        Set<Class<?>> classes = Payloads.newClassSet();
        ByteString bytes = Payloads.write(new ArrayList<>(values), what + "'s values", classes);
        RddNode node = RddNode.newBuilder()
                .setOp("parallelize")
                .setValue(bytes)
                .setPartitions(slices)
                .build();
        return new RemoteRdd<>(this, node, classes);
    }

    /** The numbers {@code start} (inclusive) to {@code end} (exclusive) by {@code step}, over {@code slices}. */
    public RemoteRdd<Long> range(long start, long end, long step, int slices) {
        if (step == 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "range's step must not be 0");
        }
        RddNode node = RddNode.newBuilder()
                .setOp("range")
                .addNumbers(start)
                .addNumbers(end)
                .addNumbers(step)
                .setPartitions(Math.max(0, slices))
                .build();
        return new RemoteRdd<>(this, node, Payloads.newClassSet());
    }

    /** {@code range(start, end, 1, default parallelism)}. */
    public RemoteRdd<Long> range(long start, long end) {
        return range(start, end, 1, 0);
    }

    /** The lines of the text files at {@code path} as the server sees it (a file, directory or glob). */
    public RemoteRdd<String> textFile(String path) {
        return textFile(path, 0);
    }

    /** {@link #textFile(String)} in at least {@code minPartitions} partitions. */
    public RemoteRdd<String> textFile(String path, int minPartitions) {
        RddNode node = RddNode.newBuilder()
                .setOp("textFile")
                .addArguments(path)
                .setPartitions(Math.max(0, minPartitions))
                .build();
        return new RemoteRdd<>(this, node, Payloads.newClassSet());
    }

    /**
     * The rows of a SQL query run in this session, each as the list of its values (Java types: String, Long,
     * BigDecimal, Date, Timestamp...; nested rows and arrays as lists, maps as maps).
     */
    public RemoteRdd<List<Object>> sql(String query) {
        RddNode node = RddNode.newBuilder().setOp("sql").addArguments(query).build();
        return new RemoteRdd<>(this, node, Payloads.newClassSet());
    }

    /**
     * Adds a jar to every job of this session from now on: a library the functions call that is not on the server
     * (the classes the functions themselves hold are found and shipped without it).
     */
    public synchronized void addJar(Path jar) {
        ClassShipper.Jar packed = ClassShipper.jar(jar);
        upload(List.of(packed));
        addedJars.add(packed);
    }

    /** Interrupts every job of this session that runs on the server; returns the ids of the operations ended. */
    public List<String> interruptAll() {
        return call(() -> blocking.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                        .interrupt(InterruptRequest.newBuilder()
                                .setSessionId(sessionId)
                                .setUserContext(user)
                                .setClientType(CLIENT_TYPE)
                                .setInterruptType(InterruptRequest.InterruptType.INTERRUPT_TYPE_ALL)
                                .build()))
                .getInterruptedIdsList();
    }

    /** Ends the session on the server (its cached RDDs, classes and views go) and closes the connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            call(() -> blocking.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .releaseSession(ReleaseSessionRequest.newBuilder()
                            .setSessionId(sessionId)
                            .setUserContext(user)
                            .setClientType(CLIENT_TYPE)
                            .build()));
        } catch (EmberException unreachable) {
            // The server is gone or the session was: its idle timeout ends it there.
        } finally {
            channel.shutdown();
            try {
                if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                    channel.shutdownNow();
                }
            } catch (InterruptedException e) {
                channel.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    // ---- running jobs ----

    /** The jar artifacts a job with {@code classes} needs, uploaded when this session does not have them yet. */
    synchronized List<String> shipClasses(Set<Class<?>> classes) {
        checkOpen();
        List<ClassShipper.Jar> jars = new ArrayList<>(shipper.jarsFor(classes));
        for (ClassShipper.Jar added : addedJars) {
            if (jars.stream().noneMatch(jar -> jar.name().equals(added.name()))) {
                jars.add(added);
            }
        }
        upload(jars);
        List<String> names = new ArrayList<>();
        jars.forEach(jar -> names.add(jar.name()));
        return names;
    }

    private void upload(List<ClassShipper.Jar> jars) {
        List<ClassShipper.Jar> missing = new ArrayList<>();
        for (ClassShipper.Jar jar : jars) {
            if (!uploaded.contains(jar.name())) {
                missing.add(jar);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        // The server may have them from an earlier client of the same session.
        var statuses = call(() -> blocking.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .artifactStatus(ArtifactStatusesRequest.newBuilder()
                        .setSessionId(sessionId)
                        .setUserContext(user)
                        .setClientType(CLIENT_TYPE)
                        .addAllNames(
                                missing.stream().map(ClassShipper.Jar::name).toList())
                        .build()));
        for (ClassShipper.Jar jar : missing) {
            var status = statuses.getStatusesMap().get(jar.name());
            if (status == null || !status.getExists()) {
                send(jar);
            }
            uploaded.add(jar.name());
        }
    }

    /** Uploads one jar: in one message when small, else in chunks, each with its CRC-32. */
    private void send(ClassShipper.Jar jar) {
        CompletableFuture<AddArtifactsResponse> done = new CompletableFuture<>();
        StreamObserver<AddArtifactsRequest> requests = async.withDeadlineAfter(
                        callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .addArtifacts(new StreamObserver<>() {
                    @Override
                    public void onNext(AddArtifactsResponse response) {
                        done.complete(response);
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }

                    @Override
                    public void onCompleted() {
                        done.complete(null);
                    }
                });
        byte[] bytes = jar.bytes();
        AddArtifactsRequest.Builder base = AddArtifactsRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(user)
                .setClientType(CLIENT_TYPE);
        if (bytes.length <= CHUNK_BYTES) {
            requests.onNext(base.clone()
                    .setBatch(AddArtifactsRequest.Batch.newBuilder()
                            .addArtifacts(AddArtifactsRequest.SingleChunkArtifact.newBuilder()
                                    .setName(jar.name())
                                    .setData(chunk(bytes, 0, bytes.length))))
                    .build());
        } else {
            int chunks = (bytes.length + CHUNK_BYTES - 1) / CHUNK_BYTES;
            requests.onNext(base.clone()
                    .setBeginChunk(AddArtifactsRequest.BeginChunkedArtifact.newBuilder()
                            .setName(jar.name())
                            .setTotalBytes(bytes.length)
                            .setNumChunks(chunks)
                            .setInitialChunk(chunk(bytes, 0, CHUNK_BYTES)))
                    .build());
            for (int offset = CHUNK_BYTES; offset < bytes.length; offset += CHUNK_BYTES) {
                requests.onNext(base.clone()
                        .setChunk(chunk(bytes, offset, Math.min(bytes.length, offset + CHUNK_BYTES)))
                        .build());
            }
        }
        requests.onCompleted();
        AddArtifactsResponse response;
        try {
            response = done.get(callTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw Failures.of(e.getCause());
        } catch (TimeoutException e) {
            throw new EmberException(ErrorClass.TIMEOUT, "Uploading " + jar.name() + " took over " + callTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.JOB_CANCELLED, "Interrupted while uploading " + jar.name());
        }
        if (response == null
                || response.getArtifactsList().stream()
                        .noneMatch(summary -> summary.getName().equals(jar.name()) && summary.getIsCrcSuccessful())) {
            throw new EmberException(
                    ErrorClass.REMOTE_FAILURE, "The server did not take the class jar " + jar.name() + " intact");
        }
    }

    private static AddArtifactsRequest.ArtifactChunk chunk(byte[] bytes, int from, int to) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, to - from);
        return AddArtifactsRequest.ArtifactChunk.newBuilder()
                .setData(ByteString.copyFrom(bytes, from, to - from))
                .setCrc(crc.getValue())
                .build();
    }

    JobStream job() {
        checkOpen();
        return new JobStream(blocking, async, sessionId, user, jobTimeout, callTimeout, progressListener);
    }

    private void checkOpen() {
        if (closed) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "This Connect session is closed");
        }
    }

    private static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException e) {
            throw Failures.of(e);
        }
    }

    /** {@code authorization: Bearer <token>} on every call. */
    private static final class BearerToken extends CallCredentials {
        private static final Metadata.Key<String> AUTHORIZATION =
                Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
        private final String token;

        BearerToken(String token) {
            this.token = token;
        }

        @Override
        public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + token);
            applier.apply(headers);
        }
    }
}
