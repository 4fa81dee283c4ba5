package dev.ember.connect;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.EmberSession;
import dev.ember.util.ThreadUtils;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Spark Connect server over an engine session: clients (Spark Connect's JVM client, PySpark's, Go's, Rust's, or
 * Ember's own) connect with {@code sc://host:port}, each gets a session of its own, and their plans run on this
 * process's engine. {@code bin/ember connect} starts one.
 */
public final class ConnectServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectServer.class);

    private final EmberSession root;
    private final Server server;
    private final SessionManager sessions;
    private final BufferAllocator allocator;
    private final ThreadPoolExecutor requests;
    private final ThreadPoolExecutor operations;
    private final ThreadPoolExecutor analyses;
    private final ScheduledExecutorService timer;

    private ConnectServer(EmberSession root, EmberConf conf) throws IOException {
        this.root = root;
        ConnectLimits limits = ConnectLimits.of(conf);
        this.allocator = new RootAllocator(Long.MAX_VALUE);
        this.sessions = new SessionManager(root, allocator, limits);
        this.requests = ThreadUtils.newDaemonBoundedThreadPool("ember-connect-request", 16);
        this.operations = ThreadUtils.newDaemonBoundedThreadPool(
                "ember-connect-execute", conf.get(ConnectConfig.OPERATION_THREADS));
        this.analyses = ThreadUtils.newDaemonBoundedThreadPool("ember-connect-analyze", 8);
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("ember-connect-timer");
        ServerServiceDefinition service = DeepPlans.allow(new ConnectService(
                        sessions,
                        operations,
                        analyses,
                        limits,
                        root.emberContext(),
                        new Progress(
                                timer,
                                conf.get(ConnectConfig.PROGRESS_INTERVAL),
                                root.emberContext().statusTracker()))
                .bindService());

        String token = conf.get(ConnectConfig.TOKEN);
        var intercepted = token.isEmpty()
                ? ServerInterceptors.intercept(
                        service, CallGuards.requestTimeout(timer, conf.get(ConnectConfig.REQUEST_TIMEOUT)))
                : ServerInterceptors.intercept(
                        service,
                        CallGuards.requestTimeout(timer, conf.get(ConnectConfig.REQUEST_TIMEOUT)),
                        CallGuards.token(token));
        NettyServerBuilder builder = NettyServerBuilder.forAddress(
                        new InetSocketAddress(conf.get(ConnectConfig.ADDRESS), conf.get(ConnectConfig.PORT)))
                .executor(requests)
                .addService(intercepted)
                .maxInboundMessageSize((int) Math.min(Integer.MAX_VALUE, conf.get(ConnectConfig.MAX_MESSAGE_SIZE)))
                .maxInboundMetadataSize(64 * 1024)
                .maxConcurrentCallsPerConnection(conf.get(ConnectConfig.MAX_CALLS_PER_CONNECTION))
                .handshakeTimeout(10, TimeUnit.SECONDS)
                .keepAliveTime(60, TimeUnit.SECONDS)
                .keepAliveTimeout(20, TimeUnit.SECONDS)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .permitKeepAliveWithoutCalls(true)
                .maxConnectionIdle(2, TimeUnit.HOURS);
        String cert = conf.get(ConnectConfig.TLS_CERT);
        String key = conf.get(ConnectConfig.TLS_KEY);
        if (!cert.isEmpty() || !key.isEmpty()) {
            if (cert.isEmpty() || key.isEmpty()) {
                throw new EmberException(
                        ErrorClass.INVALID_CONFIG_VALUE,
                        "TLS needs both ember.connect.tls.certChain and ember.connect.tls.privateKey");
            }
            builder.useTransportSecurity(new File(cert), new File(key));
        }
        this.server = builder.build().start();
        long idle = TimeUnit.MILLISECONDS.toNanos(limits.sessionTimeoutMillis());
        long abandoned = TimeUnit.MILLISECONDS.toNanos(limits.abandonedTimeoutMillis());
        long every = Math.max(1_000, Math.min(60_000, limits.sessionTimeoutMillis() / 4));
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        sessions.expire(idle, abandoned);
                    } catch (RuntimeException e) {
                        LOG.warn("Expiring Connect sessions failed", e);
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
        LOG.info("Connect server listening on {}", server.getListenSockets());
    }

    /** Starts a server for {@code root}'s engine with the settings of {@code conf} ({@link ConnectConfig}). */
    public static ConnectServer start(EmberSession root, EmberConf conf) {
        requireNonNull(root, "root is null");
        requireNonNull(conf, "conf is null");
        try {
            return new ConnectServer(root, conf);
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED,
                    "The Connect server cannot listen on " + conf.get(ConnectConfig.ADDRESS) + ":"
                            + conf.get(ConnectConfig.PORT) + ": " + e.getMessage(),
                    e);
        }
    }

    /** The port the server listens on (the one picked, when configured as 0). */
    public int port() {
        return server.getPort();
    }

    /** The number of client sessions the server holds. */
    public int sessionCount() {
        return sessions.size();
    }

    public EmberSession session() {
        return root;
    }

    /** Waits until the server stops (another thread closes it) or the timeout passes; true when it stopped. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops listening, ends every session and operation, and frees their memory; the engine session stays. */
    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
                server.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sessions.closeAll();
        ThreadUtils.shutdownAndAwait(operations, Duration.ofSeconds(5));
        ThreadUtils.shutdownAndAwait(analyses, Duration.ofSeconds(5));
        ThreadUtils.shutdownAndAwait(requests, Duration.ofSeconds(5));
        timer.shutdownNow();
        try {
            allocator.close();
        } catch (IllegalStateException stillInUse) {
            LOG.warn("Arrow memory still in use when the Connect server stopped: {}", stillInUse.getMessage());
        }
    }
}
