package dev.ember.network;

import dev.ember.network.client.TransportClient;
import dev.ember.network.client.TransportResponseHandler;
import dev.ember.network.protocol.FrameDecoder;
import dev.ember.network.protocol.ManagedBuffer;
import dev.ember.network.protocol.Message;
import dev.ember.network.protocol.Message.AuthChallenge;
import dev.ember.network.protocol.Message.OneWayMessage;
import dev.ember.network.protocol.Message.RpcFailure;
import dev.ember.network.protocol.Message.RpcRequest;
import dev.ember.network.protocol.Message.RpcResponse;
import dev.ember.network.protocol.Message.StreamFailure;
import dev.ember.network.protocol.Message.StreamRequest;
import dev.ember.network.protocol.Message.StreamResponse;
import dev.ember.network.server.RpcHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inbound handler of every connection, on both ends: answers go to the connection's
 * {@link TransportResponseHandler}, requests to the process's {@link RpcHandler}. It also owns the connection's
 * failure policy: a broken frame, an exception anywhere in the pipeline, or silence from the peer while a
 * request waits or a frame is half received closes the connection, with a warning naming the peer, and fails
 * what waits on it. One instance per channel, used on its event loop.
 */
final class TransportChannelHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(TransportChannelHandler.class);

    private final TransportClient client;
    private final TransportResponseHandler responses;
    private final RpcHandler rpcHandler;
    private final FrameDecoder decoder;
    private final boolean zeroCopy;
    private final long timeoutMillis;
    private final Executor streamOpeners;
    /** Completes when the answer to the latest stream request has been written; belongs to the event loop. */
    private CompletableFuture<Void> lastStreamAnswer = CompletableFuture.completedFuture(null);

    TransportChannelHandler(
            TransportClient client,
            TransportResponseHandler responses,
            RpcHandler rpcHandler,
            FrameDecoder decoder,
            boolean zeroCopy,
            long timeoutMillis,
            Executor streamOpeners) {
        this.client = client;
        this.responses = responses;
        this.rpcHandler = rpcHandler;
        this.decoder = decoder;
        this.zeroCopy = zeroCopy;
        this.timeoutMillis = timeoutMillis;
        this.streamOpeners = streamOpeners;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Message message)) {
            throw new IllegalStateException("not a message: " + msg.getClass().getName());
        }
        if (responses.handle(message)) {
            return;
        }
        if (message instanceof RpcRequest request) {
            handleRpc(ctx, request);
        } else if (message instanceof OneWayMessage oneWay) {
            try {
                rpcHandler.receive(client, oneWay.body());
            } catch (RuntimeException e) {
                LOG.warn(
                        "A message from {} could not be handled: {}",
                        ctx.channel().remoteAddress(),
                        e.toString());
            }
        } else if (message instanceof StreamRequest request) {
            handleStream(ctx, request);
        } else if (message instanceof AuthChallenge) {
            LOG.warn(
                    "{} requires authentication (ember.authenticate) and this process has it off; closing the"
                            + " connection",
                    ctx.channel().remoteAddress());
            ctx.close();
        } else {
            LOG.warn(
                    "{} sent an unexpected {}; closing the connection",
                    ctx.channel().remoteAddress(),
                    message.getClass().getSimpleName());
            ctx.close();
        }
    }

    private void handleRpc(ChannelHandlerContext ctx, RpcRequest request) {
        AtomicBoolean answered = new AtomicBoolean();
        RpcHandler.RpcResponseCallback callback = new RpcHandler.RpcResponseCallback() {
            @Override
            public void onSuccess(ByteBuffer response) {
                if (answered.compareAndSet(false, true)) {
                    reply(ctx, new RpcResponse(request.requestId(), response), request.requestId());
                }
            }

            @Override
            public void onFailure(Throwable error) {
                if (answered.compareAndSet(false, true)) {
                    reply(ctx, new RpcFailure(request.requestId(), describe(error)), request.requestId());
                }
            }
        };
        try {
            rpcHandler.receive(client, request.body(), callback);
        } catch (RuntimeException e) {
            callback.onFailure(e);
        }
    }

    private static void reply(ChannelHandlerContext ctx, Message reply, long requestId) {
        ctx.channel().writeAndFlush(reply).addListener(write -> {
            if (!write.isSuccess()) {
                LOG.warn(
                        "Could not send the reply to request {} to {}: {}",
                        requestId,
                        ctx.channel().remoteAddress(),
                        write.cause().toString());
                if (reply instanceof RpcResponse && ctx.channel().isActive()) {
                    // Most likely too large for a frame: tell the requester rather than leaving it waiting.
                    ctx.channel().writeAndFlush(new RpcFailure(requestId, describe(write.cause())));
                }
            }
        });
    }

    /**
     * Opens the stream off the event loop (finding a block may wait for a lock, or serialize it), then answers on
     * the event loop, after the answers to the connection's earlier stream requests: the peer matches answers to
     * requests by their order.
     */
    private void handleStream(ChannelHandlerContext ctx, StreamRequest request) {
        CompletableFuture<ManagedBuffer> opened;
        try {
            opened = CompletableFuture.supplyAsync(
                    () -> {
                        try {
                            return rpcHandler.openStream(request.streamId());
                        } catch (Exception e) {
                            throw new CompletionException(e);
                        }
                    },
                    streamOpeners);
        } catch (RejectedExecutionException e) {
            opened = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<ManagedBuffer> ready = opened;
        CompletableFuture<Void> answered = new CompletableFuture<>();
        lastStreamAnswer.thenRun(
                () -> ready.whenComplete((buffer, error) -> ctx.executor().execute(() -> {
                    try {
                        answer(ctx, request, buffer, error);
                    } finally {
                        answered.complete(null);
                    }
                })));
        lastStreamAnswer = answered;
    }

    private void answer(ChannelHandlerContext ctx, StreamRequest request, ManagedBuffer buffer, Throwable error) {
        Object body = null;
        long size = 0;
        Throwable failure =
                error instanceof CompletionException wrapped && wrapped.getCause() != null ? wrapped.getCause() : error;
        if (failure == null) {
            try {
                size = buffer.size();
                body = buffer.nettyBody(zeroCopy);
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure != null) {
            LOG.debug(
                    "Stream {} requested by {} is not available",
                    request.streamId(),
                    ctx.channel().remoteAddress(),
                    failure);
            ctx.writeAndFlush(new StreamFailure(request.streamId(), describe(failure)));
            return;
        }
        ctx.write(new StreamResponse(request.streamId(), size));
        ctx.writeAndFlush(body).addListener((ChannelFutureListener) write -> {
            if (!write.isSuccess()) {
                // The peer already has the header and counts bytes: the connection cannot be used any more.
                LOG.warn(
                        "Failed to send stream {} to {}: {}",
                        request.streamId(),
                        write.channel().remoteAddress(),
                        String.valueOf(write.cause()));
                write.channel().close();
            }
        });
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        return error.getClass().getName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            boolean waiting = responses.hasOutstandingRequests();
            if (waiting || decoder.midMessage()) {
                LOG.warn(
                        "Nothing heard from {} for {} ms while {}; closing the connection (ember.network.timeout)",
                        ctx.channel().remoteAddress(),
                        timeoutMillis,
                        waiting ? "requests wait for it" : "a frame from it is incomplete");
                responses.failAll("No answer within ember.network.timeout (" + timeoutMillis + " ms)", null);
                ctx.close();
            }
            return;
        }
        ctx.fireUserEventTriggered(event);
    }

    /** A reset or broken pipe: the peer's socket is gone. */
    static boolean peerWentAway(Throwable cause) {
        if (!(cause instanceof java.io.IOException) || cause.getMessage() == null) {
            return false;
        }
        String message = cause.getMessage();
        return message.contains("Connection reset") || message.contains("Broken pipe");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (peerWentAway(cause)) {
            // The other process closed or died: its end, not a fault of this connection. Whoever waited on it is told
            // below; processes stopping (a cluster shutting down, an executor killed) do this all the time.
            LOG.info("Connection with {} ended: {}", ctx.channel().remoteAddress(), cause.getMessage());
        } else {
            LOG.warn("Closing the connection with {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        LOG.debug("Connection error", cause);
        responses.failAll("Connection broken: " + cause, cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        responses.failAll("Connection closed", null);
        try {
            rpcHandler.channelInactive(client);
        } finally {
            ctx.fireChannelInactive();
        }
    }
}
