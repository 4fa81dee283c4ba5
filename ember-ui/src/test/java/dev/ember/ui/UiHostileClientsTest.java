package dev.ember.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The application UI of a real context with {@code ember.authenticate} on, against clients that send garbage, too
 * much, too slowly, the wrong credentials or crafted paths: each is refused or cut off, and a well-behaved client
 * with the right credentials is served throughout.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UiHostileClientsTest {
    private static final String USER = "ops";
    private static final String PASSWORD = "s3cret-password";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SLACK = Duration.ofSeconds(20);

    private EmberContext ctx;
    private URI base;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(SLACK).build();

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf()
                .setMaster("local[2]")
                .setAppName("guarded")
                .set("ember.ui.port", "0")
                .set("ember.ui.host", "127.0.0.1")
                .set("ember.ui.requestTimeout", REQUEST_TIMEOUT.toMillis() + "ms")
                .set("ember.authenticate", "true")
                .set("ember.authenticate.secret", "cluster-secret")
                .set("ember.ui.user", USER)
                .set("ember.ui.password", PASSWORD));
        assertThat(ctx.parallelize(List.of(1, 2, 3), 2).count()).isEqualTo(3);
        base = URI.create(ctx.uiWebUrl().orElseThrow());
    }

    @AfterAll
    void stop() {
        if (ctx != null) {
            ctx.stop();
        }
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(SLACK);
        if (user != null) {
            String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertServed() throws Exception {
        HttpResponse<String> page = get("/api/v1/applications", USER, PASSWORD);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("guarded");
    }

    @Test
    void credentialsAreRequiredAndCheckedOnEveryPath() throws Exception {
        for (String path : List.of("/jobs/", "/api/v1/applications", "/static/ember-ui.js", "/nothing")) {
            HttpResponse<String> none = get(path, null, null);
            assertThat(none.statusCode()).as(path).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
            assertThat(none.body()).doesNotContain("guarded");
            assertThat(get(path, USER, "wrong").statusCode()).as(path).isEqualTo(401);
            assertThat(get(path, "root", PASSWORD).statusCode()).as(path).isEqualTo(401);
        }
        // The shared secret is not the UI's password when one is set.
        assertThat(get("/jobs/", USER, "cluster-secret").statusCode()).isEqualTo(401);
        assertServed();
        assertThat(get("/jobs/", USER, PASSWORD).body()).contains("Completed Jobs");
    }

    @Test
    void garbageAndCraftedRequestsAreRefused() throws Exception {
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertThat(exchange(garbage))
                .satisfiesAnyOf(answer -> assertThat(answer).isEmpty(), answer -> assertThat(answer)
                        .startsWith("HTTP/1.1 400"));
        String post =
                "POST /jobs/ HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic() + "\r\nContent-Length: 3\r\n\r\nabc";
        assertThat(exchange(post.getBytes(StandardCharsets.US_ASCII))).startsWith("HTTP/1.1 405");
        String traversal =
                "GET /static/../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic() + "\r\n\r\n";
        assertThat(exchange(traversal.getBytes(StandardCharsets.US_ASCII)))
                .startsWith("HTTP/1.1 404")
                .doesNotContain("root:");
        assertThat(get("/stages/stage/?id=0&attempt=0&task.sort=%3Cscript%3E", USER, PASSWORD)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/applications/" + ctx.applicationId() + "/stages/0/0/taskList?length=-1", USER, PASSWORD)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get(
                                "/api/v1/applications/" + ctx.applicationId() + "/stages/0/0/taskSummary?quantiles=2",
                                USER,
                                PASSWORD)
                        .statusCode())
                .isEqualTo(400);
        assertServed();
    }

    @Test
    void oversizedRequestsAreRefused() throws Exception {
        String longHeader = "GET /jobs/ HTTP/1.1\r\nHost: x\r\nX-Pad: " + "a".repeat(20_000) + "\r\n\r\n";
        assertThat(exchange(longHeader.getBytes(StandardCharsets.US_ASCII)))
                .satisfiesAnyOf(answer -> assertThat(answer).isEmpty(), answer -> assertThat(answer)
                        .matches("(?s)HTTP/1.1 4\\d\\d.*"));
        String bigBody = "GET /jobs/ HTTP/1.1\r\nHost: x\r\nContent-Length: 10000000\r\n\r\n";
        assertThat(exchange(bigBody.getBytes(StandardCharsets.US_ASCII)))
                .satisfiesAnyOf(answer -> assertThat(answer).isEmpty(), answer -> assertThat(answer)
                        .startsWith("HTTP/1.1 413"));
        String longUri = "GET /jobs/?" + "x=1&".repeat(5000) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        assertThat(exchange(longUri.getBytes(StandardCharsets.US_ASCII)))
                .satisfiesAnyOf(answer -> assertThat(answer).isEmpty(), answer -> assertThat(answer)
                        .matches("(?s)HTTP/1.1 4\\d\\d.*"));
        assertServed();
    }

    @Test
    void slowAndIdleConnectionsAreClosedWhileOthersAreServed() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Socket socket = new Socket();
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) SLACK.toMillis());
                idle.add(socket);
            }
            // A hundred silent connections hold no page thread: a normal client is served meanwhile.
            assertServed();
            Socket slow = idle.get(0);
            OutputStream out = slow.getOutputStream();
            out.write("GET /jobs/ HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            slow.setSoTimeout((int) (REQUEST_TIMEOUT.plus(SLACK)).toMillis());
            long started = System.nanoTime();
            // The request never completes: the server closes the connection at its deadline.
            assertThat(slow.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(REQUEST_TIMEOUT.plus(SLACK));
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
        assertServed();
    }

    @Test
    void theUiListensOnlyOnTheConfiguredHost() throws Exception {
        assertThat(base.getHost()).isEqualTo("127.0.0.1");
        Optional<InetAddress> other = otherAddress();
        if (other.isPresent()) {
            assertThatThrownBy(() -> {
                        try (Socket socket = new Socket()) {
                            socket.connect(new InetSocketAddress(other.get(), base.getPort()), 5000);
                        }
                    })
                    .isInstanceOf(ConnectException.class);
        }
        assertServed();
    }

    /** An IPv4 address of this machine other than loopback, when it has one. */
    private static Optional<InetAddress> otherAddress() throws IOException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
                    return Optional.of(address);
                }
            }
        }
        return Optional.empty();
    }

    private static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code bytes} on a new connection and reads until the server closes it (or a timeout). */
    private String exchange(byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), (int) SLACK.toMillis());
            socket.setSoTimeout((int) SLACK.toMillis());
            try {
                socket.getOutputStream().write(bytes);
                socket.getOutputStream().flush();
            } catch (IOException e) {
                return ""; // closed while we wrote: refused
            }
            InputStream in = socket.getInputStream();
            try {
                return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return "";
            }
        }
    }
}
