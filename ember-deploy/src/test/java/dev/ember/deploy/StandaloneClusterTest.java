package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.rpc.RpcAddress;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A standalone master and workers started by hand, with applications connecting to them by URL. */
class StandaloneClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String HOST = "127.0.0.1";

    @TempDir
    Path temp;

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private <T extends AutoCloseable> T track(T closeable) {
        started.add(closeable);
        return closeable;
    }

    private EmberContext app(String masterUrl, EmberConf base) {
        EmberConf conf = base.clone().setMaster(masterUrl).setAppName("standalone-test");
        return track(new EmberContext(conf));
    }

    private static long sumOfSquares(EmberContext ctx) {
        return ctx.parallelize(IntStream.range(0, 10_000).boxed().toList(), 6)
                .mapToPair(x -> new dev.ember.Pair<>(x % 7, (long) x * x))
                .reduceByKey(Long::sum, 3)
                .values()
                .reduce(Long::sum);
    }

    private static final long SUM_OF_SQUARES =
            IntStream.range(0, 10_000).mapToLong(x -> (long) x * x).sum();

    @Test
    void restartedMasterRecoversItsWorkersAndApplicationsFromTheRecoveryDirectory() {
        EmberConf conf = new EmberConf(false)
                .set("ember.deploy.recoveryMode", "FILESYSTEM")
                .set("ember.deploy.recoveryDirectory", temp.resolve("recovery").toString())
                .set("ember.worker.timeout", "4s");
        Master first = Master.start(conf, HOST, 0);
        RpcAddress address = first.address();
        Worker worker = track(Worker.start(conf, HOST, 0, address, 2, 1024, temp.resolve("work")));
        first.awaitState(state -> state.workers().size() == 1, WAIT);
        EmberContext ctx = app(first.url(), new EmberConf(false).set("ember.cores.max", "2"));
        assertThat(sumOfSquares(ctx)).isEqualTo(SUM_OF_SQUARES);
        String appId = ctx.applicationId();

        first.close();
        Master second = track(Master.start(conf, HOST, address.port()));
        DeployMessages.MasterState recovered = second.awaitState(
                state -> state.workers().stream().anyMatch(w -> w.state().equals("ALIVE"))
                        && state.apps().stream()
                                .anyMatch(a ->
                                        a.appId().equals(appId) && a.state().equals("RUNNING")),
                WAIT);
        assertThat(recovered.workers()).singleElement().satisfies(w -> {
            assertThat(w.workerId()).isEqualTo(worker.workerId());
            assertThat(w.coresUsed()).isEqualTo(2);
        });
        assertThat(recovered.apps()).singleElement().satisfies(a -> assertThat(a.executors())
                .hasSize(1));
        // The application never lost its executor and goes on working under the new master.
        assertThat(sumOfSquares(ctx)).isEqualTo(SUM_OF_SQUARES);
        ctx.stop();
        second.awaitState(
                state -> state.apps().stream().allMatch(app -> app.state().equals("FINISHED")), WAIT);
    }

    @Test
    void withAuthenticationAWrongSecretIsRefusedAndGarbageIsDroppedWhileTheClusterKeepsServing() throws Exception {
        EmberConf secured = new EmberConf(false)
                .set("ember.authenticate", "true")
                .set("ember.authenticate.secret", "the-cluster-secret");
        Master master = track(Master.start(secured, HOST, 0));
        Worker worker = track(Worker.start(secured, HOST, 0, master.address(), 1, 1024, temp.resolve("work")));
        master.awaitState(state -> state.workers().size() == 1, WAIT);

        EmberConf wrong = new EmberConf(false)
                .set("ember.authenticate", "true")
                .set("ember.authenticate.secret", "not-the-secret")
                .set("ember.network.connectTimeout", "5s");
        Throwable refused = catchThrowable(() -> app(master.url(), wrong));
        assertThat(refused).isInstanceOf(EmberException.class).hasMessageContaining("authentic");
        assertThat(master.state(WAIT).apps()).isEmpty();

        for (RpcAddress target : List.of(master.address(), worker.address())) {
            sendGarbage(target);
        }
        EmberContext ctx = app(master.url(), secured);
        assertThat(sumOfSquares(ctx)).isEqualTo(SUM_OF_SQUARES);
        // The executor's own port gets garbage too, and keeps serving its shuffle blocks.
        var executors = java.util.Arrays.stream(dev.ember.internal.ContextInternals.mapOutputTracker(ctx)
                        .mapStatuses(0))
                .map(status -> status.location())
                .distinct()
                .toList();
        assertThat(executors).isNotEmpty().noneMatch(location -> location.isDriver());
        for (var location : executors) {
            sendGarbage(new RpcAddress(location.host(), location.port()));
        }
        // And the driver's port, where executors register and fetch broadcast pieces.
        var driver = dev.ember.internal.ContextInternals.env(ctx).blockManager().blockManagerId();
        sendGarbage(new RpcAddress(driver.host(), driver.port()));
        var pair = ctx.broadcast(List.of(3, 4));
        assertThat(ctx.parallelize(List.of(0, 1), 2)
                        .map(i -> pair.value().get(i))
                        .collect())
                .containsExactly(3, 4);
        assertThat(sumOfSquares(ctx)).isEqualTo(SUM_OF_SQUARES);
    }

    @Test
    void theMastersWebPageShowsTheClusterAndSurvivesGarbage() throws Exception {
        EmberConf conf = new EmberConf(false).set("ember.master.ui.port", "0");
        Master master = track(Master.start(conf, HOST, 0));
        Worker worker = track(Worker.start(conf, HOST, 0, master.address(), 2, 1024, temp.resolve("work")));
        master.awaitState(state -> state.workers().size() == 1, WAIT);
        java.net.URI page = java.net.URI.create(master.webUiUrl().orElseThrow());
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .build();

        var html = get(http, page, "GET");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(html.body()).contains(worker.workerId(), "ALIVE", "0 / 2", "0 / 1024", "Applications");

        var json = get(http, page.resolve("/json"), "GET");
        assertThat(json.statusCode()).isEqualTo(200);
        com.fasterxml.jackson.databind.JsonNode tree =
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body());
        assertThat(tree.get("url").asText()).isEqualTo(master.url());
        assertThat(tree.get("workers").get(0).get("workerId").asText()).isEqualTo(worker.workerId());
        assertThat(tree.get("workers").get(0).get("cores").asInt()).isEqualTo(2);

        assertThat(get(http, page.resolve("/nothing-here"), "GET").statusCode()).isEqualTo(404);
        assertThat(get(http, page, "DELETE").statusCode()).isEqualTo(405);

        // Raw garbage and a client that connects and says nothing: the page is still served.
        RpcAddress ui = new RpcAddress(HOST, page.getPort());
        sendGarbage(ui);
        try (Socket silent = new Socket()) {
            silent.connect(new InetSocketAddress(HOST, page.getPort()), 5000);
            for (int i = 0; i < 3; i++) {
                assertThat(get(http, page, "GET").statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void theWebPageEscapesWhatUsersNamed() {
        DeployMessages.MasterState state = new DeployMessages.MasterState(
                "ember://h:1",
                List.of(),
                List.of(
                        new DeployMessages.AppSummary(
                                "app-1",
                                "<script>alert('x')</script>",
                                "RUNNING",
                                1,
                                List.of(),
                                "http://h:4040/\"><script>alert(2)</script>"),
                        new DeployMessages.AppSummary(
                                "app-2", "crafted", "RUNNING", 1, List.of(), "javascript:alert(3)"),
                        new DeployMessages.AppSummary("app-3", "live", "RUNNING", 1, List.of(), "http://h:4041"),
                        new DeployMessages.AppSummary("app-4", "done", "FINISHED", 0, List.of(), "http://h:4042")),
                List.of());
        String html = MasterWebUI.html(state);
        assertThat(html)
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;")
                .contains("<a href=\"http://h:4040/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;\">")
                .contains("<a href=\"http://h:4041\">http://h:4041</a>")
                .doesNotContain("<script>")
                .doesNotContain("href=\"javascript")
                .doesNotContain("http://h:4042");
    }

    private static java.net.http.HttpResponse<String> get(
            java.net.http.HttpClient http, java.net.URI uri, String method) throws Exception {
        return http.send(
                java.net.http.HttpRequest.newBuilder(uri)
                        .method(method, java.net.http.HttpRequest.BodyPublishers.noBody())
                        .timeout(WAIT)
                        .build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    private static void sendGarbage(RpcAddress target) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), 5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] noise = new byte[4096];
            new java.util.Random(7).nextBytes(noise);
            out.write(noise);
            out.flush();
        }
    }

    @Test
    void anApplicationWhoseExecutorsCannotStartIsRemovedAfterTheRetryLimit() {
        EmberConf conf = new EmberConf(false).set("ember.deploy.maxExecutorRetries", "3");
        Master master = track(Master.start(conf, HOST, 0));
        track(Worker.start(conf, HOST, 0, master.address(), 1, 1024, temp.resolve("work")));
        master.awaitState(state -> state.workers().size() == 1, WAIT);

        // Every executor JVM refuses to start; the application asks for one core, so it waits for it.
        EmberConf doomed = new EmberConf(false)
                .set("ember.executor.extraJavaOptions", "-XX:+NoSuchJvmOptionAnywhere")
                .set("ember.executor.memory", "512m")
                .set("ember.cores.max", "1");
        Throwable error = catchThrowable(() -> app(master.url(), doomed));

        assertThat(error).isInstanceOf(EmberException.class).hasMessageContaining("maxExecutorRetries");
        assertThat(((EmberException) error).errorClass()).isEqualTo(ErrorClass.APPLICATION_REMOVED);
        assertThat(master.state(WAIT).apps())
                .as("removed, and remembered as failed")
                .singleElement()
                .satisfies(app -> {
                    assertThat(app.state()).isEqualTo("FAILED");
                    assertThat(app.coresGranted()).isZero();
                });
        assertThat(master.state(WAIT).workers()).singleElement().satisfies(w -> assertThat(w.coresUsed())
                .isZero());
    }

    @Test
    void finishedApplicationsAreRememberedNewestFirstUpToTheRetainedNumber() {
        EmberConf conf = new EmberConf(false).set("ember.deploy.retainedApplications", "2");
        Master master = track(Master.start(conf, HOST, 0));
        track(Worker.start(conf, HOST, 0, master.address(), 1, 1024, temp.resolve("work")));
        master.awaitState(state -> state.workers().size() == 1, WAIT);

        List<String> finished = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            EmberContext ctx = app(master.url(), new EmberConf(false).set("ember.executor.memory", "512m"));
            assertThat(ctx.parallelize(List.of(1, 2, 3), 1).count()).isEqualTo(3);
            finished.add(ctx.applicationId());
            ctx.stop();
            int done = i + 1;
            master.awaitState(
                    state -> state.apps().stream()
                                    .filter(app -> app.state().equals("FINISHED"))
                                    .count()
                            == Math.min(done, 2),
                    WAIT);
        }
        EmberContext running = app(master.url(), new EmberConf(false).set("ember.executor.memory", "512m"));
        DeployMessages.MasterState state = master.awaitState(
                s -> s.apps().stream().anyMatch(app -> app.state().equals("RUNNING")), WAIT);
        assertThat(state.apps())
                .as("the running application, then the two most recent finished ones, newest first")
                .extracting(DeployMessages.AppSummary::appId, DeployMessages.AppSummary::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(running.applicationId(), "RUNNING"),
                        org.assertj.core.groups.Tuple.tuple(finished.get(2), "FINISHED"),
                        org.assertj.core.groups.Tuple.tuple(finished.get(1), "FINISHED"));
    }

    @Test
    void aBadMasterUrlSaysWhatIsWrong() {
        Throwable error = catchThrowable(() -> app("ember://nowhere", new EmberConf(false)));
        assertThat(error).isInstanceOf(EmberException.class).hasMessageContaining("ember://host:port");
        assertThat(((EmberException) error).errorClass()).isEqualTo(ErrorClass.INVALID_MASTER_URL);
        Throwable badLocal = catchThrowable(() -> app("local-cluster[2,0,512]", new EmberConf(false)));
        assertThat(badLocal).hasMessageContaining("at least one core");
    }
}
