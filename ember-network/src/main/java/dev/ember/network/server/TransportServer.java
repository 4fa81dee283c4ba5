package dev.ember.network.server;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.TransportContext;
import dev.ember.util.ThreadUtils;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Accepts connections on one port; each gets the pipeline of {@link TransportContext}. Threads: one acceptor
 * ("ember-server-accept") and {@code ember.network.io.threads} event loops ("ember-server-io") that run every
 * connection's handlers, so nothing on them may block.
 */
public final class TransportServer implements AutoCloseable {
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final EventLoopGroup acceptor;
    private final EventLoopGroup workers;
    private final Channel channel;
    private final int port;

    public TransportServer(TransportContext context, String host, int port) {
        this.acceptor = new NioEventLoopGroup(1, ThreadUtils.namedThreadFactory("ember-server-accept", true));
        this.workers = new NioEventLoopGroup(
                context.conf().ioThreads(), ThreadUtils.namedThreadFactory("ember-server-io", true));
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptor, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        context.initializePipeline(channel, true, null);
                    }
                });
        try {
            var bind = bootstrap.bind(new InetSocketAddress(host, port));
            if (!bind.awaitUninterruptibly(context.conf().connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    || !bind.isSuccess()) {
                throw new EmberException(
                        ErrorClass.CONNECTION_FAILED,
                        "Cannot listen on " + host + ":" + port + ": "
                                + (bind.cause() == null
                                        ? "timed out"
                                        : bind.cause().toString()),
                        bind.cause());
            }
            this.channel = bind.channel();
            this.port = ((InetSocketAddress) channel.localAddress()).getPort();
        } catch (RuntimeException e) {
            shutdownGroups();
            throw e;
        }
    }

    /** The port listened on; the real one when 0 was asked for. */
    public int port() {
        return port;
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        shutdownGroups();
    }

    private void shutdownGroups() {
        acceptor.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        workers.shutdownGracefully(0, CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
