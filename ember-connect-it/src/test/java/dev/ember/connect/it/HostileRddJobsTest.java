package dev.ember.connect.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import dev.ember.connect.ConnectServer;
import dev.ember.connect.client.EmberConnect;
import dev.ember.connect.proto.ExecutePlanRequest;
import dev.ember.connect.proto.ExecutePlanResponse;
import dev.ember.connect.proto.Plan;
import dev.ember.connect.proto.Relation;
import dev.ember.connect.proto.SparkConnectServiceGrpc;
import dev.ember.connect.proto.UserContext;
import dev.ember.connect.proto.rdd.RddAction;
import dev.ember.connect.proto.rdd.RddJob;
import dev.ember.connect.proto.rdd.RddNode;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RDD jobs (Ember's extension of the protocol) crafted by a hostile client, sent over raw gRPC: payloads that are
 * not what their place needs, serialization streams that claim more than they hold, lineages deeper than allowed,
 * jars never uploaded. Each gets an error that says what and where, and the server keeps serving a normal client.
 */
class HostileRddJobsTest {
    private static ConnectServerFixture fixture;
    private static ConnectServer server;
    private static ManagedChannel channel;
    private static SparkConnectServiceGrpc.SparkConnectServiceBlockingStub stub;

    @BeforeAll
    static void start() {
        fixture = new ConnectServerFixture();
        server = fixture.server(Map.of());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        stub = SparkConnectServiceGrpc.newBlockingStub(channel);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow();
        channel.awaitTermination(10, TimeUnit.SECONDS);
        server.close();
        fixture.close();
    }

    @AfterEach
    void stillServes() {
        try (EmberConnect ember = EmberConnect.connect("sc://127.0.0.1:" + server.port())) {
            assertThat(ember.range(0, 10).map(x -> x * 2).reduce(Long::sum)).isEqualTo(90L);
        }
    }

    private static String failure(RddNode rdd, RddAction action, List<String> jars) {
        RddJob job = RddJob.newBuilder()
                .setRdd(rdd)
                .setAction(action)
                .addAllClassJars(jars)
                .build();
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(UUID.randomUUID().toString())
                .setUserContext(UserContext.newBuilder().setUserId("mallory"))
                .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setExtension(Any.pack(job))))
                .build();
        try {
            List<ExecutePlanResponse> responses = new ArrayList<>();
            stub.withDeadlineAfter(60, TimeUnit.SECONDS).executePlan(request).forEachRemaining(responses::add);
            throw new AssertionError("The job ran: " + responses);
        } catch (StatusRuntimeException e) {
            return e.getStatus().getDescription();
        }
    }

    private static RddNode range() {
        return RddNode.newBuilder()
                .setOp("range")
                .addNumbers(0)
                .addNumbers(10)
                .addNumbers(1)
                .build();
    }

    private static RddAction collect() {
        return RddAction.newBuilder().setName("collect").build();
    }

    @Test
    void garbageWhereAFunctionBelongsIsRefused() {
        RddNode map = RddNode.newBuilder()
                .setOp("map")
                .addInputs(range())
                .setFunction(ByteString.copyFromUtf8("certainly not a serialized function"))
                .build();
        assertThat(failure(map, collect(), List.of())).contains("map's function");
    }

    @Test
    void aValueOfTheWrongTypeWhereAFunctionBelongsIsRefused() throws Exception {
        RddNode map = RddNode.newBuilder()
                .setOp("map")
                .addInputs(range())
                .setFunction(ByteString.copyFrom(serialize("a string, not a function")))
                .build();
        assertThat(failure(map, collect(), List.of()))
                .contains("map's function must be a dev.ember.function.Function")
                .contains("java.lang.String");
    }

    @Test
    void aStreamClaimingAHugeArrayIsRefusedBeforeItIsAllocated() throws Exception {
        byte[] bytes = serialize(new long[] {42L});
        // The array's length is the int before its one element: claim two billion elements in a few dozen bytes.
        int at = bytes.length - 12;
        bytes[at] = 0x7f;
        bytes[at + 1] = (byte) 0xff;
        bytes[at + 2] = (byte) 0xff;
        bytes[at + 3] = (byte) 0xff;
        RddNode parallelize = RddNode.newBuilder()
                .setOp("parallelize")
                .setValue(ByteString.copyFrom(bytes))
                .build();
        assertThat(failure(parallelize, collect(), List.of())).contains("parallelize's values");
    }

    @Test
    void unknownOperationsAndActionsAreNamed() {
        RddNode unknown =
                RddNode.newBuilder().setOp("launchMissiles").addInputs(range()).build();
        assertThat(failure(unknown, collect(), List.of())).contains("Unknown RDD operation 'launchMissiles'");
        assertThat(failure(range(), RddAction.newBuilder().setName("explode").build(), List.of()))
                .contains("Unknown RDD action 'explode'");
        RddNode noInput = RddNode.newBuilder().setOp("distinct").build();
        assertThat(failure(noInput, collect(), List.of())).contains("distinct needs an input RDD");
    }

    @Test
    void jarsTheSessionNeverUploadedAreRefused() {
        assertThat(failure(range(), collect(), List.of("jars/not-there.jar"))).contains("jars/not-there.jar");
        assertThat(failure(range(), collect(), List.of("../../etc/passwd"))).contains("has not uploaded");
    }

    @Test
    void aLineageDeeperThanAllowedIsRefused() {
        RddNode node = range();
        for (int i = 0; i < 1200; i++) {
            node = RddNode.newBuilder().setOp("distinct").addInputs(node).build();
        }
        assertThat(failure(node, collect(), List.of())).containsAnyOf("deeper than", "does not parse");
    }

    private static byte[] serialize(Object value) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }
}
