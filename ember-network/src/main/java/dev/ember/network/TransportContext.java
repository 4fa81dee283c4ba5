package dev.ember.network;

import static java.util.Objects.requireNonNull;

import dev.ember.network.auth.AuthClientHandler;
import dev.ember.network.auth.AuthServerHandler;
import dev.ember.network.client.TransportClient;
import dev.ember.network.client.TransportClientFactory;
import dev.ember.network.client.TransportResponseHandler;
import dev.ember.network.protocol.FrameDecoder;
import dev.ember.network.protocol.MessageEncoder;
import dev.ember.network.server.RpcHandler;
import dev.ember.network.server.TransportServer;
import dev.ember.util.ThreadUtils;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.Promise;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Builds the pipeline of every connection, server or client side, and creates servers and client factories that
 * share it. Inbound, from the socket:
 *
 * <pre>
 *  [TLS] -> FrameDecoder -> IdleStateHandler -> [AuthServerHandler | AuthClientHandler] -> TransportChannelHandler
 * </pre>
 *
 * Outbound, {@link MessageEncoder} turns messages into frames, and under TLS a chunked writer feeds streamed
 * files through the encryption (zero-copy file regions need the plain socket). The bracketed handlers are
 * present only with TLS and authentication; an authentication handler leaves the pipeline when its handshake is
 * done.
 */
public final class TransportContext {
    private final TransportConf conf;
    private final RpcHandler rpcHandler;
    private final MessageEncoder encoder;
    private final Optional<SslContext> serverTls;
    private final Optional<SslContext> clientTls;
    /** Opens requested streams off the event loops: finding a block may wait, or serialize it. */
    private final ThreadPoolExecutor streamOpeners;

    public TransportContext(TransportConf conf, RpcHandler rpcHandler) {
        this.conf = requireNonNull(conf, "conf is null");
        this.rpcHandler = requireNonNull(rpcHandler, "rpcHandler is null");
        this.encoder = new MessageEncoder(conf.maxFrameSize());
        this.serverTls = conf.tls().map(TlsContexts::server);
        this.clientTls = conf.tls().map(TlsContexts::client);
        this.streamOpeners = ThreadUtils.newDaemonBoundedThreadPool("stream-open", 8);
    }

    /** Stops the threads that open streams; called once the servers and clients of this context are closed. */
    public void close() {
        ThreadUtils.shutdownAndAwait(streamOpeners, Duration.ofSeconds(10));
    }

    public TransportConf conf() {
        return conf;
    }

    /** Starts a server on {@code host:port} (port 0 picks a free one). */
    public TransportServer createServer(String host, int port) {
        return new TransportServer(this, host, port);
    }

    public TransportClientFactory createClientFactory() {
        return new TransportClientFactory(this);
    }

    /**
     * Sets up a new connection's pipeline and returns its client. {@code handshake} completes when the
     * connection may carry messages (at once without TLS and authentication); server-side connections pass
     * null and are gated by their own handlers instead.
     */
    public TransportClient initializePipeline(SocketChannel channel, boolean serverSide, Promise<Void> handshake) {
        ChannelPipeline pipeline = channel.pipeline();
        Optional<SslContext> tls = serverSide ? serverTls : clientTls;
        tls.ifPresent(context -> pipeline.addLast("tls", context.newHandler(channel.alloc())));
        if (tls.isPresent()) {
            pipeline.addLast("chunkedWriter", new ChunkedWriteHandler());
        }
        FrameDecoder decoder = new FrameDecoder(
                conf.maxFrameSize(), !conf.authenticate(), conf.networkTimeout().toMillis());
        pipeline.addLast("frameDecoder", decoder);
        pipeline.addLast("encoder", encoder);
        pipeline.addLast("idle", new IdleStateHandler(conf.networkTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        if (conf.authenticate()) {
            byte[] secret = conf.secret().orElseThrow();
            pipeline.addLast(
                    "auth",
                    serverSide
                            ? new AuthServerHandler(secret, decoder, conf.authenticateTimeout())
                            : new AuthClientHandler(secret, decoder, handshake));
        } else if (!serverSide) {
            handshake.trySuccess(null);
        }
        TransportResponseHandler responses = new TransportResponseHandler(channel);
        TransportClient client = new TransportClient(channel, responses);
        pipeline.addLast(
                "handler",
                new TransportChannelHandler(
                        client,
                        responses,
                        rpcHandler,
                        decoder,
                        tls.isEmpty(),
                        conf.networkTimeout().toMillis(),
                        streamOpeners));
        return client;
    }
}
