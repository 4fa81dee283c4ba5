package dev.ember.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.ember.connect.ConnectServer;
import dev.ember.connect.proto.AddArtifactsRequest;
import dev.ember.connect.proto.AddArtifactsResponse;
import dev.ember.connect.proto.ExecutePlanRequest;
import dev.ember.connect.proto.ExecutePlanResponse;
import dev.ember.connect.proto.LocalRelation;
import dev.ember.connect.proto.Plan;
import dev.ember.connect.proto.Range;
import dev.ember.connect.proto.Relation;
import dev.ember.connect.proto.SparkConnectServiceGrpc;
import dev.ember.connect.proto.UserContext;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.apache.spark.sql.connect.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Clients that mean harm, against the real server on its port: garbage, oversized and slow requests, wrong tokens,
 * crafted messages. After each, the server answers an ordinary Spark client as before.
 */
class HostileClientsTest {
    private static final String TOKEN = "s3cret-" + UUID.randomUUID();

    private static ConnectServerFixture fixture;
    private static ConnectServer server;
    private static ConnectServer guarded;
    private ManagedChannel channel;

    @BeforeAll
    static void start() {
        fixture = new ConnectServerFixture();
        server = fixture.server(Map.of(
                "ember.connect.grpc.maxInboundMessageSize", "256k",
                "ember.connect.grpc.requestTimeout", "1s"));
        guarded = fixture.server(Map.of("ember.connect.authenticate.token", TOKEN));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (guarded != null) {
            guarded.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow();
            channel.awaitTermination(10, TimeUnit.SECONDS);
        }
        stillServes(server, "sc://127.0.0.1:" + server.port());
    }

    private static void stillServes(ConnectServer target, String url) {
        try (SparkSession spark = ConnectServerFixture.client(url)) {
            assertThat(spark.range(100).filter("id % 2 = 0").count()).isEqualTo(50L);
        }
    }

    private SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub(ConnectServer target) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", target.port())
                .usePlaintext()
                .maxInboundMessageSize(64 * 1024 * 1024)
                .build();
        return SparkConnectServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
    }

    private static ExecutePlanRequest execute(Relation root) {
        return ExecutePlanRequest.newBuilder()
                .setSessionId(UUID.randomUUID().toString())
                .setUserContext(UserContext.newBuilder().setUserId("mallory"))
                .setPlan(Plan.newBuilder().setRoot(root))
                .build();
    }

    private static List<ExecutePlanResponse> drain(Iterator<ExecutePlanResponse> responses) {
        List<ExecutePlanResponse> all = new ArrayList<>();
        responses.forEachRemaining(all::add);
        return all;
    }

    @Test
    void garbageAndOtherProtocolsOnThePortAreDropped() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt = 0; attempt < 3; attempt++) {
            byte[] garbage = new byte[64 * 1024];
            random.nextBytes(garbage);
            assertThat(sendAndReadUntilClosed(garbage)).isTrue();
        }
        byte[] http1 = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(sendAndReadUntilClosed(http1)).isTrue();
    }

    /** Writes {@code bytes}, then reads until the server closes the connection; false if it kept it open 30 s. */
    private static boolean sendAndReadUntilClosed(byte[] bytes) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException closedWhileWriting) {
                return true;
            }
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                while (in.read(buffer) >= 0) {
                    // What the server answers (an HTTP/2 GOAWAY) is read and dropped.
                }
                return true;
            } catch (java.net.SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
    }

    @Test
    void anOversizedMessageIsRefusedBeforeItIsRead() {
        byte[] large = new byte[1024 * 1024];
        Relation huge = Relation.newBuilder()
                .setLocalRelation(LocalRelation.newBuilder().setData(ByteString.copyFrom(large)))
                .build();
        var blocking = stub(server);
        assertThatThrownBy(() -> drain(blocking.executePlan(execute(huge))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED));
    }

    @Test
    void aRequestThatNeverFinishesArrivingIsClosed() throws Exception {
        stub(server);
        CompletableFuture<Status> ended = new CompletableFuture<>();
        StreamObserver<AddArtifactsRequest> upload = SparkConnectServiceGrpc.newStub(channel)
                .addArtifacts(new StreamObserver<>() {
                    @Override
                    public void onNext(AddArtifactsResponse value) {}

                    @Override
                    public void onError(Throwable t) {
                        ended.complete(Status.fromThrowable(t));
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.OK);
                    }
                });
        byte[] part = new byte[1000];
        upload.onNext(AddArtifactsRequest.newBuilder()
                .setSessionId(UUID.randomUUID().toString())
                .setUserContext(UserContext.newBuilder().setUserId("mallory"))
                .setBeginChunk(AddArtifactsRequest.BeginChunkedArtifact.newBuilder()
                        .setName("jars/slow.jar")
                        .setTotalBytes(10_000)
                        .setNumChunks(10)
                        .setInitialChunk(chunk(part)))
                .build());
        // ...and the other nine chunks never come: the server's one-second budget closes the call.
        assertThat(ended.get(30, TimeUnit.SECONDS).getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }

    @Test
    void wrongOrMissingTokensAreRefusedAndTheRightOneIsLetIn() {
        Relation range =
                Relation.newBuilder().setRange(Range.newBuilder().setEnd(10)).build();
        var noToken = stub(guarded);
        assertThatThrownBy(() -> drain(noToken.executePlan(execute(range))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> drain(withToken(noToken, "Bearer wrong").executePlan(execute(range))))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThatThrownBy(() -> drain(withToken(noToken, TOKEN).executePlan(execute(range))))
                .isInstanceOf(StatusRuntimeException.class);
        List<ExecutePlanResponse> answered =
                drain(withToken(noToken, "Bearer " + TOKEN).executePlan(execute(range)));
        assertThat(answered).anyMatch(ExecutePlanResponse::hasArrowBatch);
        assertThat(answered.get(answered.size() - 1).hasResultComplete()).isTrue();
    }

    private static SparkConnectServiceGrpc.SparkConnectServiceBlockingStub withToken(
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), value);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    @Test
    void craftedMessagesGetErrorsThatSayWhatIsWrong() {
        var blocking = stub(server);
        ExecutePlanRequest badSession =
                execute(Relation.newBuilder()
                                .setRange(Range.newBuilder().setEnd(3))
                                .build())
                        .toBuilder()
                        .setSessionId("../../etc/passwd")
                        .build();
        assertThatThrownBy(() -> drain(blocking.executePlan(badSession))).hasMessageContaining("INVALID_HANDLE.FORMAT");

        Relation notArrow = Relation.newBuilder()
                .setLocalRelation(LocalRelation.newBuilder().setData(ByteString.copyFromUtf8("not arrow at all")))
                .build();
        assertThatThrownBy(() -> drain(blocking.executePlan(execute(notArrow))))
                .hasMessageContaining("Arrow data cannot be read");

        // A plan nested far deeper than any program builds, written byte by byte (a client library would overflow
        // its own stack serializing it): refused while being read, by the parser's depth limit.
        ByteString relation = Relation.newBuilder()
                .setRange(Range.newBuilder().setEnd(1))
                .build()
                .toByteString();
        for (int i = 0; i < 20_000; i++) {
            relation = field(4, field(1, relation));
        }
        ByteString request =
                field(1, ByteString.copyFromUtf8(UUID.randomUUID().toString())).concat(field(3, field(1, relation)));
        MethodDescriptor<byte[], byte[]> raw = SparkConnectServiceGrpc.getExecutePlanMethod().toBuilder(
                        new Bytes(), new Bytes())
                .build();
        ClientCall<byte[], byte[]> call =
                channel.newCall(raw, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        assertThatThrownBy(() -> ClientCalls.blockingServerStreamingCall(call, request.toByteArray())
                        .forEachRemaining(response -> {}))
                .isInstanceOf(StatusRuntimeException.class);

        Relation empty = Relation.getDefaultInstance();
        assertThatThrownBy(() -> drain(blocking.executePlan(execute(empty)))).hasMessageContaining("no kind");

        ExecutePlanRequest unknownOperation =
                execute(Relation.newBuilder()
                                .setRange(Range.newBuilder().setEnd(1))
                                .build())
                        .toBuilder()
                        .setOperationId("not-a-uuid")
                        .build();
        assertThatThrownBy(() -> drain(blocking.executePlan(unknownOperation)))
                .hasMessageContaining("INVALID_HANDLE.FORMAT");
    }

    @Test
    void artifactsWithBadChecksumsOrEscapingNamesAreRefused() throws Exception {
        stub(server);
        String session = UUID.randomUUID().toString();
        AddArtifactsResponse response = upload(
                session,
                AddArtifactsRequest.SingleChunkArtifact.newBuilder()
                        .setName("cache/abc")
                        .setData(AddArtifactsRequest.ArtifactChunk.newBuilder()
                                .setData(ByteString.copyFromUtf8("payload"))
                                .setCrc(12345))
                        .build());
        assertThat(response.getArtifacts(0).getIsCrcSuccessful()).isFalse();
        assertThatThrownBy(() -> upload(
                        session,
                        AddArtifactsRequest.SingleChunkArtifact.newBuilder()
                                .setName("jars/../../../../tmp/owned.jar")
                                .setData(chunk(new byte[] {1, 2, 3}))
                                .build()))
                .hasMessageContaining("not a relative path");
    }

    private AddArtifactsResponse upload(String session, AddArtifactsRequest.SingleChunkArtifact artifact)
            throws Exception {
        CompletableFuture<AddArtifactsResponse> answer = new CompletableFuture<>();
        StreamObserver<AddArtifactsRequest> upload = SparkConnectServiceGrpc.newStub(channel)
                .addArtifacts(new StreamObserver<>() {
                    @Override
                    public void onNext(AddArtifactsResponse value) {
                        answer.complete(value);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {}
                });
        upload.onNext(AddArtifactsRequest.newBuilder()
                .setSessionId(session)
                .setUserContext(UserContext.newBuilder().setUserId("mallory"))
                .setBatch(AddArtifactsRequest.Batch.newBuilder().addArtifacts(artifact))
                .build());
        upload.onCompleted();
        return answer.get(30, TimeUnit.SECONDS);
    }

    @Test
    void anUnknownMethodIsUnimplemented() {
        stub(server);
        MethodDescriptor<byte[], byte[]> nope = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY)
                .setFullMethodName("spark.connect.SparkConnectService/Nope")
                .setRequestMarshaller(new Bytes())
                .setResponseMarshaller(new Bytes())
                .build();
        ClientCall<byte[], byte[]> call =
                channel.newCall(nope, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS));
        assertThatThrownBy(() -> ClientCalls.blockingUnaryCall(call, new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(
                        StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    /** A length-delimited protobuf field: its tag, its length, and {@code payload}. */
    private static ByteString field(int number, ByteString payload) {
        ByteString.Output out = ByteString.newOutput();
        try {
            com.google.protobuf.CodedOutputStream coded = com.google.protobuf.CodedOutputStream.newInstance(out);
            coded.writeTag(number, com.google.protobuf.WireFormat.WIRETYPE_LENGTH_DELIMITED);
            coded.writeUInt32NoTag(payload.size());
            coded.flush();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteString().concat(payload);
    }

    private static AddArtifactsRequest.ArtifactChunk chunk(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return AddArtifactsRequest.ArtifactChunk.newBuilder()
                .setData(ByteString.copyFrom(data))
                .setCrc(crc.getValue())
                .build();
    }

    private static final class Bytes implements MethodDescriptor.Marshaller<byte[]> {
        @Override
        public InputStream stream(byte[] value) {
            return new java.io.ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
