package dev.ember.network.http;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.util.ThreadUtils;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET} and {@code HEAD} requests with one {@link HttpHandler}. HTTP is Netty's codec on one event loop
 * thread (shared by the process's HTTP servers); answers are built on a few page threads, with a bounded queue (a full queue answers 503). Requests are
 * bounded in size ({@value #MAX_REQUEST_BYTES} bytes of head and body) and connections in time: each connection serves
 * one request, which must be complete within the request timeout of connecting (counted from the connection, not
 * from the last byte, so that a client trickling a byte now and then is closed too), and whose answer must be sent
 * within the answer timeout after that. With credentials set, every request must carry them (HTTP Basic); the check
 * takes the same time whatever the guess.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);

    static final int MAX_REQUEST_BYTES = 64 * 1024;
    private static final int QUEUED_PAGES = 64;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    /**
     * How a server is started.
     *
     * @param name what the server is, for threads, logs and errors ("application UI")
     * @param host the address to bind; only it is listened on
     * @param port the port asked for; 0 for any free one
     * @param portRetries ports tried after {@code port} when it is taken
     * @param requestTimeout time from connecting to a complete request
     * @param answerTimeout time from a complete request to its answer sent
     * @param threads page threads
     * @param user with {@code password}, the credentials every request must carry; null for none
     * @param password see {@code user}
     * @param portHint what to tell a user whose port is taken ("choose another with ember.ui.port")
     */
    public record Options(
            String name,
            String host,
            int port,
            int portRetries,
            Duration requestTimeout,
            Duration answerTimeout,
            int threads,
            String user,
            String password,
            String portHint) {
        /** These options with the given credentials. */
        public Options withCredentials(String user, String password) {
            return new Options(
                    name, host, port, portRetries, requestTimeout, answerTimeout, threads, user, password, portHint);
        }
    }

    private final Options options;
    private final HttpHandler handler;
    private final EventLoopGroup loop;

    /**
     * The event loop of every HTTP server of the process: one daemon thread, never shut down. Shutting a Netty group
     * down starts Netty's global executor, a thread that is no daemon and outlives its last task by a second, so the
     * JVM of a short application would wait a second to exit after stopping its UI.
     */
    private static final class SharedLoop {
        static final EventLoopGroup GROUP = new NioEventLoopGroup(1, ThreadUtils.namedThreadFactory("http-io", true));
    }

    private final ThreadPoolExecutor pages;
    private final byte[] expectedAuthorization;
    private Channel channel;

    private HttpServer(Options options, HttpHandler handler) {
        this.options = options;
        this.handler = handler;
        this.expectedAuthorization = options.user() == null
                ? null
                : ("Basic "
                                + Base64.getEncoder()
                                        .encodeToString((options.user() + ":" + options.password())
                                                .getBytes(StandardCharsets.UTF_8)))
                        .getBytes(StandardCharsets.UTF_8);
        String threadName = options.name().replace(' ', '-');
        this.loop = SharedLoop.GROUP;
        this.pages = new ThreadPoolExecutor(
                options.threads(),
                options.threads(),
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUED_PAGES),
                ThreadUtils.namedThreadFactory(threadName, true));
        pages.allowCoreThreadTimeOut(true);
    }

    /** Binds and serves; throws an error saying which ports were tried when none is free. */
    public static HttpServer start(Options options, HttpHandler handler) {
        HttpServer server = new HttpServer(options, handler);
        try {
            server.bind();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void bind() {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(new HttpObjectAggregator(MAX_REQUEST_BYTES))
                                .addLast(new ConnectionDeadline())
                                .addLast(new RequestHandler());
                    }
                });
        int port = options.port();
        int retries = port == 0 ? 0 : options.portRetries();
        Throwable lastError = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            var bind = bootstrap.bind(new InetSocketAddress(options.host(), port == 0 ? 0 : port + attempt));
            if (bind.awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) && bind.isSuccess()) {
                channel = bind.channel();
                return;
            }
            lastError = bind.cause();
            if (!(lastError instanceof BindException)) {
                break;
            }
        }
        throw new EmberException(
                ErrorClass.CONNECTION_FAILED,
                "Cannot start the " + options.name() + " on " + options.host() + " at port " + port
                        + (retries == 0 ? "" : " or the " + retries + " after it") + ": "
                        + (lastError == null ? "timed out" : lastError.getMessage())
                        + (options.portHint() == null ? "" : "; " + options.portHint()),
                lastError);
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    /** {@code http://host:port} (no trailing slash). */
    public String url() {
        String host = options.host();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port();
    }

    /**
     * Closes the connection when its request is not complete within the request timeout of connecting, or its
     * answer not sent within the answer timeout of the request. A read timeout would not do: every byte restarts it.
     * Sits after the aggregator, so a request it sees is complete. Runs on the connection's event loop only.
     */
    private final class ConnectionDeadline extends ChannelInboundHandlerAdapter {
        private ScheduledFuture<?> deadline;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            closeAfter(ctx, options.requestTimeout(), "its request was not complete");
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof FullHttpRequest) {
                closeAfter(ctx, options.answerTimeout(), "its answer was not sent");
            }
            ctx.fireChannelRead(message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }

        private void closeAfter(ChannelHandlerContext ctx, Duration timeout, String reason) {
            cancel();
            deadline = ctx.executor()
                    .schedule(
                            () -> {
                                LOG.debug(
                                        "Closing a {} connection from {}: {} within {} ms",
                                        options.name(),
                                        ctx.channel().remoteAddress(),
                                        reason,
                                        timeout.toMillis());
                                ctx.close();
                            },
                            timeout.toMillis(),
                            TimeUnit.MILLISECONDS);
        }

        private void cancel() {
            if (deadline != null) {
                deadline.cancel(false);
                deadline = null;
            }
        }
    }

    /** Checks the request on the event loop (cheaply: no decoding beyond the codec's), answers it on a page thread. */
    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                respond(ctx, HttpResponse.text(400, "Not an HTTP request this server reads\n"), false);
                return;
            }
            boolean head = request.method().equals(HttpMethod.HEAD);
            if (!head && !request.method().equals(HttpMethod.GET)) {
                respond(
                        ctx,
                        HttpResponse.text(405, "Only GET and HEAD are served here\n")
                                .withHeader("Allow", "GET, HEAD"),
                        false);
                return;
            }
            if (expectedAuthorization != null && !authorized(request.headers().get(HttpHeaderNames.AUTHORIZATION))) {
                respond(
                        ctx,
                        HttpResponse.text(401, "This " + options.name() + " needs a user name and password\n")
                                .withHeader("WWW-Authenticate", "Basic realm=\"Ember\", charset=\"UTF-8\""),
                        head);
                return;
            }
            String uri = request.uri();
            try {
                pages.execute(() -> answer(ctx, uri, head));
            } catch (RejectedExecutionException e) {
                respond(ctx, HttpResponse.text(503, "The " + options.name() + " is busy or stopping\n"), head);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A client that went away or stalled, or bytes that are not HTTP: nothing to answer.
            LOG.debug(
                    "Closing a {} connection from {}: {}",
                    options.name(),
                    ctx.channel().remoteAddress(),
                    cause.toString());
            ctx.close();
        }
    }

    private boolean authorized(String header) {
        byte[] given = header == null ? new byte[0] : header.trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expectedAuthorization);
    }

    private void answer(ChannelHandlerContext ctx, String uri, boolean head) {
        HttpResponse response;
        String path = uri;
        try {
            QueryStringDecoder decoder = new QueryStringDecoder(uri, StandardCharsets.UTF_8, true, 64);
            path = decoder.path();
            response = handler.handle(new HttpRequest(head ? "HEAD" : "GET", path, Map.copyOf(decoder.parameters())));
        } catch (HttpRequest.BadRequestException | IllegalArgumentException e) {
            response = HttpResponse.text(400, e.getMessage() + "\n");
        } catch (Exception | StackOverflowError e) {
            LOG.warn("The {} could not answer {}", options.name(), path, e);
            response = HttpResponse.text(500, "The " + options.name() + " could not answer: " + e + "\n");
        }
        respond(ctx, response, head);
    }

    private static void respond(ChannelHandlerContext ctx, HttpResponse answer, boolean head) {
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(answer.status()),
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(answer.body()));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                .set(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                .set("X-Content-Type-Options", "nosniff")
                .set("X-Frame-Options", "SAMEORIGIN")
                .set(HttpHeaderNames.CACHE_CONTROL, "no-store")
                .set(HttpHeaderNames.CONNECTION, "close");
        answer.headers().forEach(response.headers()::set);
        // One request per connection keeps the server simple; browsers open another.
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        ThreadUtils.shutdownAndAwait(pages, CLOSE_TIMEOUT);
    }
}
