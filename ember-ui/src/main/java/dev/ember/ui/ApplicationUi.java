package dev.ember.ui;

import dev.ember.EmberConf;
import dev.ember.config.CommonConfig;
import dev.ember.config.CoreConfig;
import dev.ember.events.LiveListenerBus;
import dev.ember.network.http.HttpRequest;
import dev.ember.network.http.HttpResponse;
import dev.ember.network.http.HttpServer;
import dev.ember.status.StatusUi;
import dev.ember.ui.api.Applications;
import dev.ember.ui.history.EventLogWriter;
import dev.ember.ui.metrics.DriverMetrics;
import dev.ember.ui.metrics.MetricsMBean;
import dev.ember.ui.metrics.PrometheusText;
import dev.ember.ui.status.AppStatus;
import dev.ember.ui.status.ExecutorAccess;
import dev.ember.ui.status.JvmDetails;
import dev.ember.ui.status.Redaction;
import dev.ember.util.ThreadUtils;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
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
 * {@code ember.ui.port} (4040, or the next free of the 16 after it), and the event log's writer when
 * {@code ember.eventLog.enabled}. The server starts on its own thread, so the
 * context does not wait for it; a UI that cannot bind is logged and the application runs on without it.
 */
final class ApplicationUi implements StatusUi {
    private static final Logger LOG = LoggerFactory.getLogger(ApplicationUi.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    static final int PORT_RETRIES = 16;

    private final AppStatus status;
    private final EventLogWriter eventLog;
    private final CompletableFuture<HttpServer> server = new CompletableFuture<>();
    private final DriverMetrics metrics;
    private final ExecutorAccess access = new ExecutorAccess();
    private final boolean prometheus;
    private MetricsMBean mbean;
    /** Guards {@code closed}, {@code mbean} and completing {@code server} against a close while starting. */
    private final Object lifecycle = new Object();

    private boolean closed;
    private volatile String url;

    private ApplicationUi(AppStatus status, EventLogWriter eventLog, DriverMetrics metrics, boolean prometheus) {
        this.status = status;
        this.eventLog = eventLog;
        this.metrics = metrics;
        this.prometheus = prometheus;
    }

    /** Starts what the settings ask for: the UI ({@code ember.ui.enabled}), the event log, or both. */
    static ApplicationUi start(EmberConf conf, LiveListenerBus bus) {
        Redaction redaction = new Redaction(conf.get(UiConfig.REDACTION_REGEX));
        EventLogWriter eventLog = null;
        if (conf.get(CoreConfig.EVENT_LOG_ENABLED)) {
            eventLog = new EventLogWriter(
                    Path.of(conf.get(UiConfig.EVENT_LOG_DIR)),
                    conf.get(UiConfig.EVENT_LOG_COMPRESS),
                    conf.get(UiConfig.EVENT_LOG_MAX_FILE),
                    redaction);
            bus.addListener(eventLog);
        }
        if (!conf.get(CoreConfig.UI_ENABLED)) {
            ApplicationUi logOnly = new ApplicationUi(null, eventLog, null, false);
            logOnly.server.complete(null);
            bus.post(JvmDetails.ofThisJvm());
            return logOnly;
        }
        AppStatus status = new AppStatus(UiConfig.limits(conf), redaction);
        bus.addListener(status);
        ApplicationUi ui = new ApplicationUi(
                status, eventLog, new DriverMetrics(status, bus), conf.get(UiConfig.METRICS_PROMETHEUS));
        boolean jmx = conf.get(UiConfig.METRICS_JMX);
        HttpServer.Options options =
                ApplicationUiFactory.serverOptions(conf, host(conf), conf.get(UiConfig.PORT), "application UI");
        // Only what must precede the first event happens here; the rest (the JVM's details, the pages, the server,
        // JMX) on the UI's own thread, so the context starts without waiting for it.
        long delay = conf.get(UiConfig.START_DELAY);
        ThreadUtils.newThread("ember-ui-start", true, () -> {
                    bus.post(JvmDetails.ofThisJvm());
                    if (ui.awaitStartDelay(delay)) {
                        ui.serve(jmx, options, new UiRouter(Applications.of(status), ui.access));
                    }
                })
                .start();
        return ui;
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

    /**
     * Waits {@code delayMillis} before the server starts, so that the context's own start and first job do not
     * share the machine with it; false (and nothing to serve) when the application stopped meanwhile.
     */
    private boolean awaitStartDelay(long delayMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        synchronized (lifecycle) {
            while (!closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return true;
                }
                try {
                    lifecycle.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            server.complete(null);
            return false;
        }
    }

    private void serve(boolean jmx, HttpServer.Options options, UiRouter router) {
        MetricsMBean bean = jmx ? MetricsMBean.register(metrics) : null;
        HttpServer started = null;
        try {
            synchronized (lifecycle) {
                if (closed) {
                    // The application ended before its UI was up: nothing to serve.
                    server.complete(null);
                    return;
                }
            }
            started = HttpServer.start(options, request -> answer(router, request));
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
        } catch (RuntimeException e) {
            LOG.warn("The application UI is not available: {}", e.getMessage());
        } finally {
            boolean stopNow;
            synchronized (lifecycle) {
                stopNow = closed;
                if (!stopNow) {
                    mbean = bean;
                    server.complete(started);
                }
            }
            if (stopNow) {
                url = null;
                closeQuietly(started, bean);
                server.complete(null);
            }
        }
    }

    private HttpResponse answer(UiRouter router, HttpRequest request) {
        String path = request.path();
        if (path.equals("/metrics/prometheus") || path.equals("/metrics/prometheus/")) {
            if (!prometheus) {
                return HttpResponse.text(404, "The Prometheus endpoint is off: ember.metrics.prometheus.enabled\n");
            }
            return HttpResponse.of(200, PrometheusText.CONTENT_TYPE, PrometheusText.render(metrics.samples()));
        }
        HttpResponse common = router.common(request, path);
        return common != null ? common : router.page(request, path, status, "");
    }

    /** The event log's directory, once the application started; null when the log is off. */
    java.nio.file.Path eventLogDirectory() {
        return eventLog == null ? null : eventLog.directory();
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
    public void attach(dev.ember.status.ExecutorInspector inspector) {
        access.attach(inspector);
    }

    /** Stops serving; does not wait for a UI still starting, which then stops by itself. */
    @Override
    public void close() {
        if (eventLog != null) {
            eventLog.close();
        }
        HttpServer started;
        MetricsMBean bean;
        synchronized (lifecycle) {
            closed = true;
            lifecycle.notifyAll();
            started = server.getNow(null);
            bean = mbean;
        }
        closeQuietly(started, bean);
    }

    private static void closeQuietly(HttpServer started, MetricsMBean bean) {
        if (bean != null) {
            bean.close();
        }
        if (started != null) {
            started.close();
        }
    }
}
