package dev.ember.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ember.EmberConf;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.util.Html;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master's web page: its workers, applications and drivers, as HTML at {@code /} (refreshing itself) and as JSON
 * at {@code /json}. Read-only: it takes no input, changes nothing and shows no secret. HTTP is Netty's codec on one
 * event loop thread; pages are built on two other threads, since asking the master may take a moment. Requests are
 * bounded in size, and connections in time: each connection serves one request, which must be complete within
 * {@code ember.master.ui.requestTimeout} of connecting (counted from the connection, not from the last byte, so that
 * a client trickling a byte now and then is closed too), and whose answer must be sent within
 * {@value #ANSWER_SECONDS} s after that.
 */
final class MasterWebUI implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterWebUI.class);

    /** Ports tried after the one asked for, when it is taken. */
    static final int PORT_RETRIES = 16;

    /** Time from a complete request to its answer sent; asking the master takes at most 10 s of it. */
    private static final int ANSWER_SECONDS = 30;

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final EventLoopGroup loop;
    private final ExecutorService pages;
    private final Supplier<DeployMessages.MasterState> state;
    private final String host;
    private final Duration requestTimeout;
    private Channel channel;

    private MasterWebUI(Supplier<DeployMessages.MasterState> state, String host, Duration requestTimeout) {
        this.state = state;
        this.host = host;
        this.requestTimeout = requestTimeout;
        this.loop = new NioEventLoopGroup(1, ThreadUtils.namedThreadFactory("master-ui-io", true));
        this.pages = ThreadUtils.newDaemonBoundedThreadPool("master-ui", 2);
    }

    /**
     * Serves the page on {@code host:port}, or the next free port of the {@value #PORT_RETRIES} after it (0: any
     * free port), showing what {@code state} answers on each request; {@code conf} gives
     * {@link DeployConfig#MASTER_UI_REQUEST_TIMEOUT}.
     */
    static MasterWebUI start(EmberConf conf, String host, int port, Supplier<DeployMessages.MasterState> state) {
        Duration requestTimeout = Duration.ofMillis(conf.get(DeployConfig.MASTER_UI_REQUEST_TIMEOUT));
        MasterWebUI ui = new MasterWebUI(state, host, requestTimeout);
        try {
            ui.bind(port);
        } catch (RuntimeException e) {
            ui.close();
            throw e;
        }
        LOG.info("Master web UI at {}", ui.url());
        return ui;
    }

    private void bind(int port) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loop)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 64)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline()
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(new HttpObjectAggregator(64 * 1024))
                                .addLast(new ConnectionDeadline())
                                .addLast(new PageHandler());
                    }
                });
        Throwable lastError = null;
        for (int attempt = 0; attempt <= (port == 0 ? 0 : PORT_RETRIES); attempt++) {
            var bind = bootstrap.bind(new InetSocketAddress(host, port == 0 ? 0 : port + attempt));
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
                "Cannot start the master's web UI on " + host + " at port " + port
                        + (port == 0 ? "" : " or the " + PORT_RETRIES + " after it") + ": "
                        + (lastError == null ? "timed out" : lastError.getMessage())
                        + "; choose another with --webui-port, or -1 for none",
                lastError);
    }

    int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    String url() {
        return "http://" + host + ":" + port() + "/";
    }

    /**
     * Closes the connection when its request is not complete {@link #requestTimeout} after connecting, or its answer
     * not sent {@value #ANSWER_SECONDS} s after the request. A read timeout would not do: every byte restarts it.
     * Sits after the aggregator, so a request it sees is complete. Runs on the connection's event loop only.
     */
    private final class ConnectionDeadline extends ChannelInboundHandlerAdapter {
        private ScheduledFuture<?> deadline;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            closeAfter(ctx, requestTimeout, "its request was not complete");
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof FullHttpRequest) {
                closeAfter(ctx, Duration.ofSeconds(ANSWER_SECONDS), "its answer was not sent");
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
                                        "Closing a web UI connection from {}: {} within {} ms",
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

    /** Answers one request at a time per connection; the page is built off the event loop. */
    private final class PageHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (request.decoderResult().isFailure()) {
                respond(
                        ctx,
                        HttpResponseStatus.BAD_REQUEST,
                        "text/plain",
                        "Not an HTTP request this page reads\n",
                        false);
                return;
            }
            boolean head = request.method().equals(HttpMethod.HEAD);
            if (!head && !request.method().equals(HttpMethod.GET)) {
                respond(
                        ctx,
                        HttpResponseStatus.METHOD_NOT_ALLOWED,
                        "text/plain",
                        "Only GET and HEAD are served here\n",
                        false);
                return;
            }
            String path = new QueryStringDecoder(request.uri()).path();
            try {
                pages.execute(() -> answer(ctx, path, head));
            } catch (RejectedExecutionException e) {
                respond(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain", "The master is stopping\n", head);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // A client that went away or stalled, or bytes that are not HTTP: nothing to answer.
            LOG.debug("Closing a web UI connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private void answer(ChannelHandlerContext ctx, String path, boolean head) {
        try {
            if (path.equals("/")) {
                respond(ctx, HttpResponseStatus.OK, "text/html", html(state.get()), head);
            } else if (path.equals("/json") || path.equals("/json/")) {
                respond(
                        ctx,
                        HttpResponseStatus.OK,
                        "application/json",
                        JSON.writeValueAsString(state.get()) + "\n",
                        head);
            } else {
                respond(
                        ctx,
                        HttpResponseStatus.NOT_FOUND,
                        "text/plain",
                        "Nothing at " + path + "; the cluster is at / and /json\n",
                        head);
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("The master's web UI could not answer {}: {}", path, e.toString());
            respond(
                    ctx,
                    HttpResponseStatus.INTERNAL_SERVER_ERROR,
                    "text/plain",
                    "The master did not answer: " + e.getMessage() + "\n",
                    head);
        }
    }

    private static void respond(
            ChannelHandlerContext ctx, HttpResponseStatus status, String type, String body, boolean head) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, status, head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, type + "; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set("X-Content-Type-Options", "nosniff")
                .set(HttpHeaderNames.CONNECTION, "close");
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        // One request per connection keeps the server simple; browsers open another.
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    /** The page: three tables, every value escaped (application names come from users). */
    static String html(DeployMessages.MasterState state) {
        StringBuilder page = new StringBuilder(4096);
        page.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"refresh\" content=\"10\"><title>Ember master ")
                .append(Html.escape(state.url()))
                .append("</title><style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;")
                .append("margin-bottom:2em}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}")
                .append("th{background:#f4f4f4}</style></head><body>\n<h1>Ember master ")
                .append(Html.escape(state.url()))
                .append("</h1>\n");
        int cores = 0;
        int coresUsed = 0;
        for (DeployMessages.WorkerSummary worker : state.workers()) {
            if (worker.state().equals("ALIVE")) {
                cores += worker.cores();
                coresUsed += worker.coresUsed();
            }
        }
        page.append("<p>")
                .append(state.workers().size())
                .append(" worker(s); cores in use on alive workers: ")
                .append(coresUsed)
                .append(" of ")
                .append(cores)
                .append(". JSON: <a href=\"/json\">/json</a></p>\n");
        table(
                page,
                "Workers",
                List.of("Worker", "Address", "State", "Cores used", "Memory used (MB)"),
                state.workers().stream()
                        .map(worker -> List.of(
                                worker.workerId(),
                                worker.hostPort(),
                                worker.state(),
                                worker.coresUsed() + " / " + worker.cores(),
                                worker.memoryUsedMb() + " / " + worker.memoryMb()))
                        .toList());
        table(
                page,
                "Applications",
                List.of("Application", "Name", "State", "Cores", "Executors"),
                state.apps().stream()
                        .map(app -> List.of(
                                app.appId(),
                                app.name(),
                                app.state(),
                                Integer.toString(app.coresGranted()),
                                app.executors().toString()))
                        .toList());
        table(
                page,
                "Drivers",
                List.of("Driver", "Main class", "State", "Worker", "Supervised", "Launches"),
                state.drivers().stream()
                        .map(driver -> List.of(
                                driver.driverId(),
                                driver.mainClass(),
                                driver.state(),
                                driver.workerId() == null ? "" : driver.workerId(),
                                driver.supervise() ? "yes" : "no",
                                Integer.toString(driver.launches())))
                        .toList());
        return page.append("</body></html>\n").toString();
    }

    private static void table(StringBuilder page, String title, List<String> header, List<List<String>> rows) {
        page.append("<h2>").append(title).append("</h2>\n<table><tr>");
        for (String name : header) {
            page.append("<th>").append(Html.escape(name)).append("</th>");
        }
        page.append("</tr>\n");
        for (List<String> row : rows) {
            page.append("<tr>");
            for (String cell : row) {
                page.append("<td>").append(Html.escape(cell)).append("</td>");
            }
            page.append("</tr>\n");
        }
        if (rows.isEmpty()) {
            page.append("<tr><td colspan=\"").append(header.size()).append("\">none</td></tr>\n");
        }
        page.append("</table>\n");
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        loop.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        ThreadUtils.shutdownAndAwait(pages, CLOSE_TIMEOUT);
    }
}
