package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The master's web page on its own, with a short request timeout, against clients that take their time. */
class MasterWebUITest {
    private static final String HOST = "127.0.0.1";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    /** How long after its deadline a connection may still be open before the test fails. */
    private static final Duration SLACK = Duration.ofSeconds(10);
    /** The pause between two bytes of a trickled request: well within the timeout, so every byte comes in time. */
    private static final int DRIP_MS = 300;

    private static final DeployMessages.MasterState STATE = new DeployMessages.MasterState(
            "ember://h:1",
            List.of(),
            List.of(new DeployMessages.AppSummary("app-1", "patient", "RUNNING", 1, List.of(), null)),
            List.of());

    private MasterWebUI ui;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(SLACK).build();

    @BeforeEach
    void start() {
        EmberConf conf = new EmberConf(false)
                .set(DeployConfig.MASTER_UI_REQUEST_TIMEOUT.key(), REQUEST_TIMEOUT.toMillis() + "ms");
        ui = MasterWebUI.start(conf, HOST, 0, () -> STATE);
    }

    @AfterEach
    void stop() {
        ui.close();
    }

    private CompletableFuture<HttpResponse<String>> getPage() {
        return http.sendAsync(
                HttpRequest.newBuilder(URI.create(ui.url())).timeout(SLACK).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void assertIsThePage(CompletableFuture<HttpResponse<String>> answer) throws Exception {
        HttpResponse<String> page = answer.get(SLACK.toMillis() * 2, TimeUnit.MILLISECONDS);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Ember master ember://h:1", "patient");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(HOST, ui.port()), (int) SLACK.toMillis());
        return socket;
    }

    @Test
    void aRequestTrickledByteByByteIsClosedAtItsDeadlineWhileOthersAreServed() throws Exception {
        byte[] request = ("GET / HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: trickle\r\nAccept: text/html\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        assertThat((long) request.length * DRIP_MS)
                .as("the request takes far longer to trickle than the timeout")
                .isGreaterThan(REQUEST_TIMEOUT.toMillis() * 5);
        assertIsThePage(getPage());
        CompletableFuture<HttpResponse<String>> meanwhile = null;
        long started = System.nanoTime();
        long lastByte = started;
        Duration longestGap = Duration.ZERO;
        int sent = 0;
        boolean closed = false;
        try (Socket slow = connect()) {
            slow.setSoTimeout(DRIP_MS);
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            while (!closed && sent < request.length) {
                try {
                    out.write(request[sent]);
                    out.flush();
                    sent++;
                    long now = System.nanoTime();
                    if (Duration.ofNanos(now - lastByte).compareTo(longestGap) > 0) {
                        longestGap = Duration.ofNanos(now - lastByte);
                    }
                    lastByte = now;
                    // Waits one drip interval for the server to close the connection, which is what is tested.
                    int read = in.read();
                    assertThat(read)
                            .as("no answer to a request that is not complete")
                            .isEqualTo(-1);
                    closed = true;
                } catch (SocketTimeoutException e) {
                    // Still open: the next byte.
                } catch (IOException e) {
                    closed = true; // reset by the server
                }
                if (sent == 2 && meanwhile == null) {
                    meanwhile = getPage(); // asked while the trickle goes on, answered without waiting for it
                }
                assertThat(Duration.ofNanos(System.nanoTime() - started))
                        .as("the trickling connection is closed soon after its deadline")
                        .isLessThan(REQUEST_TIMEOUT.plus(SLACK));
            }
        }
        Duration open = Duration.ofNanos(System.nanoTime() - started);
        assertThat(closed).as("closed before the whole request was sent").isTrue();
        assertThat(open).as("not closed before its deadline").isGreaterThanOrEqualTo(REQUEST_TIMEOUT);
        assertThat(sent).as("bytes kept coming until the deadline").isGreaterThanOrEqualTo(2);
        assertThat(longestGap)
                .as("never as long without a byte as the timeout: a read timeout would not have fired")
                .isLessThan(REQUEST_TIMEOUT);
        assertThat(meanwhile).isNotNull();
        assertIsThePage(meanwhile);
        assertIsThePage(getPage());
    }

    @Test
    void aSilentConnectionIsClosedAtItsDeadline() throws Exception {
        long started = System.nanoTime();
        try (Socket silent = connect()) {
            silent.setSoTimeout((int) REQUEST_TIMEOUT.plus(SLACK).toMillis());
            int read;
            try {
                read = silent.getInputStream().read();
            } catch (SocketTimeoutException e) {
                throw new AssertionError("A silent connection was still open after " + REQUEST_TIMEOUT.plus(SLACK), e);
            }
            assertThat(read).isEqualTo(-1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(REQUEST_TIMEOUT);
        assertIsThePage(getPage());
    }
}
