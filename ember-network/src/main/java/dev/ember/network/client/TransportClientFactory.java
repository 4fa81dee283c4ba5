package dev.ember.network.client;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.TransportContext;
import dev.ember.util.ThreadUtils;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Opens connections to other processes and keeps one per address for reuse, replacing it when it has closed.
 * Creating a client waits, at most {@code ember.network.connectTimeout} in all, for the TCP connection, the TLS
 * handshake and the authentication handshake; a client is returned only when all three are done. Its event loops
 * ("ember-client-io") run the handlers of every connection it opened.
 */
public final class TransportClientFactory implements AutoCloseable {
    private final TransportContext context;
    private final EventLoopGroup workers;
    private final Map<InetSocketAddress, Object> locks = new ConcurrentHashMap<>();
    private final Map<InetSocketAddress, TransportClient> clients = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public TransportClientFactory(TransportContext context) {
        this.context = context;
        this.workers = new NioEventLoopGroup(
                context.conf().ioThreads(), ThreadUtils.namedThreadFactory("ember-client-io", true));
    }

    /** The open connection to {@code host:port}, connecting first if there is none. */
    public TransportClient createClient(String host, int port) {
        InetSocketAddress address = InetSocketAddress.createUnresolved(host, port);
        TransportClient cached = clients.get(address);
        if (cached != null && cached.isActive()) {
            return cached;
        }
        synchronized (locks.computeIfAbsent(address, key -> new Object())) {
            cached = clients.get(address);
            if (cached != null && cached.isActive()) {
                return cached;
            }
            TransportClient client = connect(host, port);
            clients.put(address, client);
            return client;
        }
    }

    /** A new connection to {@code host:port} that nobody else uses. */
    public TransportClient createUnmanagedClient(String host, int port) {
        return connect(host, port);
    }

    private TransportClient connect(String host, int port) {
        if (closed) {
            throw new EmberException(ErrorClass.CONNECTION_FAILED, "The client factory is closed");
        }
        long deadline = System.nanoTime() + context.conf().connectTimeout().toNanos();
        AtomicReference<TransportClient> created = new AtomicReference<>();
        AtomicReference<Promise<Void>> handshake = new AtomicReference<>();
        Bootstrap bootstrap = new Bootstrap()
                .group(workers)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(
                        Integer.MAX_VALUE, context.conf().connectTimeout().toMillis()))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        Promise<Void> ready = channel.eventLoop().newPromise();
                        handshake.set(ready);
                        created.set(context.initializePipeline(channel, false, ready));
                    }
                });
        String where = host + ":" + port;
        ChannelFuture connect = bootstrap.connect(host, port);
        await(connect, deadline, where, "connecting");
        Channel channel = connect.channel();
        try {
            SslHandler tls = channel.pipeline().get(SslHandler.class);
            if (tls != null) {
                await(tls.handshakeFuture(), deadline, where, "the TLS handshake");
            }
            await(handshake.get(), deadline, where, "authentication (is ember.authenticate on at the server?)");
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
        return created.get();
    }

    private static void await(Future<?> future, long deadline, String where, String step) {
        long remaining = Math.max(0, deadline - System.nanoTime());
        if (!future.awaitUninterruptibly(remaining, TimeUnit.NANOSECONDS)) {
            future.cancel(false);
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED,
                    "Connecting to " + where + " timed out during " + step + " (ember.network.connectTimeout)");
        }
        if (!future.isSuccess()) {
            Throwable cause = future.cause();
            if (cause instanceof EmberException ember) {
                throw ember;
            }
            throw new EmberException(
                    ErrorClass.CONNECTION_FAILED,
                    "Connecting to " + where + " failed during " + step + ": " + cause,
                    cause);
        }
    }

    @Override
    public void close() {
        closed = true;
        clients.values().forEach(TransportClient::close);
        clients.clear();
        workers.shutdownGracefully(0, 10, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
    }
}
