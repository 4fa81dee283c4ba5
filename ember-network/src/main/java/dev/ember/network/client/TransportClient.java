package dev.ember.network.client;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.protocol.Message.OneWayMessage;
import dev.ember.network.protocol.Message.RpcRequest;
import dev.ember.network.protocol.Message.StreamRequest;
import io.netty.channel.Channel;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection to another process, usable from any thread: RPCs answered by request id, one-way messages, and
 * streams. Both ends of a connection have one; a server answers requests through the client of the connection
 * they came on. A write that fails, or a connection that closes, fails what waits on it with
 * {@link ErrorClass#CONNECTION_FAILED}. Waiting for a reply is the caller's business, with a timeout.
 */
public final class TransportClient implements AutoCloseable {
    private static final AtomicLong REQUEST_IDS = new AtomicLong();

    private final Channel channel;
    private final TransportResponseHandler responses;

    public TransportClient(Channel channel, TransportResponseHandler responses) {
        this.channel = requireNonNull(channel, "channel is null");
        this.responses = requireNonNull(responses, "responses is null");
    }

    public Channel channel() {
        return channel;
    }

    public SocketAddress remoteAddress() {
        return channel.remoteAddress();
    }

    public boolean isActive() {
        return channel.isActive();
    }

    /** Sends a request; the future completes with the reply, or fails. Cancelling it forgets the request. */
    public CompletableFuture<ByteBuffer> sendRpc(ByteBuffer message) {
        long requestId = REQUEST_IDS.incrementAndGet();
        CompletableFuture<ByteBuffer> reply = new CompletableFuture<>();
        reply.whenComplete((value, error) -> responses.removeRpc(requestId));
        responses.addRpc(requestId, reply);
        channel.writeAndFlush(new RpcRequest(requestId, message)).addListener(write -> {
            if (!write.isSuccess()) {
                reply.completeExceptionally(new EmberException(
                        ErrorClass.CONNECTION_FAILED,
                        "Failed to send a request to " + channel.remoteAddress() + ": " + write.cause(),
                        write.cause()));
            }
        });
        return reply;
    }

    /** Sends a message that expects no reply; the future says whether it was written to the socket. */
    public CompletableFuture<Void> send(ByteBuffer message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        channel.writeAndFlush(new OneWayMessage(message)).addListener(write -> {
            if (write.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(new EmberException(
                        ErrorClass.CONNECTION_FAILED,
                        "Failed to send a message to " + channel.remoteAddress() + ": " + write.cause(),
                        write.cause()));
            }
        });
        return written;
    }

    /** Asks for the stream {@code streamId}; its bytes and its end go to {@code callback}. */
    public void stream(String streamId, StreamCallback callback) {
        requireNonNull(streamId, "streamId is null");
        requireNonNull(callback, "callback is null");
        // Streams are answered in the order asked: registering and writing together keeps the two orders equal.
        synchronized (this) {
            responses.addStream(streamId, callback);
            channel.writeAndFlush(new StreamRequest(streamId)).addListener(write -> {
                if (!write.isSuccess()) {
                    channel.close();
                }
            });
        }
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public String toString() {
        return "TransportClient[" + channel.localAddress() + " -> " + channel.remoteAddress() + "]";
    }
}
