package dev.ember.ui;

import dev.ember.EmberConf;
import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import dev.ember.events.LiveListenerBus;
import dev.ember.network.NetworkConfig;
import dev.ember.network.http.HttpRequest;
import dev.ember.network.http.HttpResponse;
import dev.ember.network.http.HttpServer;
import dev.ember.status.StatusUi;
import dev.ember.ui.api.Applications;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.Redaction;
import dev.ember.util.ThreadUtils;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UI of the application running in this process: a status store on the listener bus, served on
 * {@code ember.ui.port} (4040, or the next free of the 16 after it). The server starts on its own thread, so the
 * context does not wait for it; a UI that cannot bind is logged and the application runs on without it.
 */
final class ApplicationUi implements StatusUi {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationUi.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final int PORT_RETRIES = 16;

    private final AppStatus status;
    private final CompletableFuture<HttpServer> server = new CompletableFuture<>();
    private volatile String url;

    private ApplicationUi(AppStatus status) {
        this.status = status;
    }

    static ApplicationUi start(EmberConf conf, LiveListenerBus bus) {
        AppStatus status = new AppStatus(
                new AppStatus.Limits(
                        conf.get(UiConfig.RETAINED_JOBS),
                        conf.get(UiConfig.RETAINED_STAGES),
                        conf.get(UiConfig.RETAINED_TASKS),
                        conf.get(UiConfig.RETAINED_DEAD_EXECUTORS)),
                new Redaction(conf.get(UiConfig.REDACTION_REGEX)));
        bus.addListener(status);
        ApplicationUi ui = new ApplicationUi(status);
        HttpServer.Options options = options(conf);
        UiRouter router = new UiRouter(Applications.of(status), true);
        ThreadUtils.newThread("ember-ui-start", true, () -> ui.serve(options, router))
                .start();
        return ui;
    }

    /** The server's options from the settings: host, port, credentials, timeouts. */
    static HttpServer.Options options(EmberConf conf) {
        HttpServer.Options options = new HttpServer.Options(
                "application UI",
                host(conf),
                conf.get(UiConfig.PORT),
                PORT_RETRIES,
                Duration.ofMillis(conf.get(UiConfig.REQUEST_TIMEOUT)),
                Duration.ofSeconds(30),
                2,
                null,
                null,
                "choose another with ember.ui.port, or turn the UI off with ember.ui.enabled=false");
        if (conf.get(NetworkConfig.AUTHENTICATE)) {
            String password = conf.getOptional(UiConfig.PASSWORD)
                    .or(() -> NetworkConfig.secret(conf))
                    .orElseThrow(() -> new dev.ember.EmberException(
                            dev.ember.ErrorClass.MISSING_CONFIG,
                            "ember.authenticate is on but neither ember.ui.password nor ember.authenticate.secret is"
                                    + " set: the UI would have no password to ask for"));
            options = options.withCredentials(conf.get(UiConfig.USER), password);
        }
        return options;
    }

    private static String host(EmberConf conf) {
        String host = conf.get(UiConfig.HOST);
        if (host.isEmpty()) {
            host = conf.get(CoreConfig.DRIVER_BIND_ADDRESS);
        }
        if (host.isEmpty()) {
            host = conf.get(CoreConfig.DRIVER_HOST);
        }
        if (host.isEmpty()) {
            String master = conf.getOptional(CommonConfig.MASTER).orElse("local");
            host = master.startsWith("local") ? "localhost" : "0.0.0.0";
        }
        return host;
    }

    private void serve(HttpServer.Options options, UiRouter router) {
        try {
            HttpServer started = HttpServer.start(options, request -> answer(router, request));
            String host = options.host();
            if (host.equals("0.0.0.0") || host.equals("::")) {
                try {
                    host = InetAddress.getLocalHost().getHostName();
                } catch (UnknownHostException e) {
                    host = "localhost";
                }
            }
            url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + started.port();
            LOG.info("Ember UI at {}", url);
            server.complete(started);
        } catch (RuntimeException e) {
            LOG.warn("The application UI is not available: {}", e.getMessage());
            server.complete(null);
        }
    }

    private HttpResponse answer(UiRouter router, HttpRequest request) {
        String path = request.path();
        HttpResponse common = router.common(request, path);
        return common != null ? common : router.page(request, path, status, "");
    }

    /** The UI's store, for tests and the metrics. */
    AppStatus status() {
        return status;
    }

    /** Waits (at most 30 s) until the server listens: its URL, or empty when it could not start. */
    @Override
    public Optional<String> webUrl() {
        try {
            server.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(url);
    }

    @Override
    public void close() {
        try {
            HttpServer started = server.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (started != null) {
                started.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The application UI did not start within {} s; not waiting for it", START_TIMEOUT.toSeconds());
        }
    }
}
