package dev.ember.network.client;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.protocol.Message;
import dev.ember.network.protocol.Message.RpcFailure;
import dev.ember.network.protocol.Message.RpcResponse;
import dev.ember.network.protocol.Message.StreamData;
import dev.ember.network.protocol.Message.StreamFailure;
import dev.ember.network.protocol.Message.StreamResponse;
import io.netty.channel.Channel;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The requests of one connection that wait for their answers: RPCs by request id, streams in the order they were
 * asked for (the server answers stream requests in order). Registration may happen on any thread; answers arrive
 * on the event loop. When the connection closes or breaks, every waiting request fails with the reason.
 */
public final class TransportResponseHandler {
    private final Channel channel;
    private final Map<Long, CompletableFuture<ByteBuffer>> rpcs = new ConcurrentHashMap<>();
    /** Guarded by itself. */
    private final Deque<PendingStream> streams = new ArrayDeque<>();
    /** The stream whose bytes are arriving; event loop only. */
    private volatile PendingStream current;

    private record PendingStream(String streamId, StreamCallback callback) {}

    public TransportResponseHandler(Channel channel) {
        this.channel = channel;
    }

    void addRpc(long requestId, CompletableFuture<ByteBuffer> reply) {
        rpcs.put(requestId, reply);
    }

    void removeRpc(long requestId) {
        rpcs.remove(requestId);
    }

    void addStream(String streamId, StreamCallback callback) {
        synchronized (streams) {
            streams.addLast(new PendingStream(streamId, callback));
        }
    }

    /** Whether anything waits for an answer on this connection. */
    public boolean hasOutstandingRequests() {
        if (!rpcs.isEmpty() || current != null) {
            return true;
        }
        synchronized (streams) {
            return !streams.isEmpty();
        }
    }

    /** Handles an answer; returns false when the message is not one (a request, for the request handler). */
    public boolean handle(Message message) {
        if (message instanceof RpcResponse response) {
            CompletableFuture<ByteBuffer> reply = rpcs.remove(response.requestId());
            if (reply != null) {
                reply.complete(response.body());
            }
        } else if (message instanceof RpcFailure failure) {
            CompletableFuture<ByteBuffer> reply = rpcs.remove(failure.requestId());
            if (reply != null) {
                reply.completeExceptionally(new EmberException(ErrorClass.REMOTE_FAILURE, failure.error()));
            }
        } else if (message instanceof StreamResponse response) {
            PendingStream stream = nextStream(response.streamId());
            if (response.byteCount() == 0) {
                complete(stream);
            } else {
                current = stream;
            }
        } else if (message instanceof StreamData data) {
            receive(data);
        } else if (message instanceof StreamFailure failure) {
            PendingStream stream = nextStream(failure.streamId());
            stream.callback()
                    .onFailure(failure.streamId(), new EmberException(ErrorClass.REMOTE_FAILURE, failure.error()));
        } else {
            return false;
        }
        return true;
    }

    private void receive(StreamData data) {
        PendingStream stream = current;
        if (data.last()) {
            current = null;
        }
        if (stream == null) {
            // The stream already failed in its callback; the rest of its bytes go nowhere.
            return;
        }
        try {
            stream.callback().onData(stream.streamId(), data.data());
        } catch (Exception e) {
            current = null;
            stream.callback().onFailure(stream.streamId(), e);
            return;
        }
        if (data.last()) {
            complete(stream);
        }
    }

    private PendingStream nextStream(String streamId) {
        PendingStream stream;
        synchronized (streams) {
            stream = streams.pollFirst();
        }
        if (stream == null || !stream.streamId().equals(streamId)) {
            throw new IllegalStateException("the peer answered stream " + streamId + " but the next one asked for was "
                    + (stream == null ? "none" : stream.streamId()));
        }
        return stream;
    }

    private static void complete(PendingStream stream) {
        try {
            stream.callback().onComplete(stream.streamId());
        } catch (Exception e) {
            stream.callback().onFailure(stream.streamId(), e);
        }
    }

    /** Fails everything that waits, with {@code cause} behind a message naming the peer. */
    public void failAll(String why, Throwable cause) {
        EmberException error = new EmberException(
                ErrorClass.CONNECTION_FAILED, why + " (peer " + channel.remoteAddress() + ")", cause);
        List<CompletableFuture<ByteBuffer>> waiting = new ArrayList<>(rpcs.values());
        rpcs.clear();
        waiting.forEach(reply -> reply.completeExceptionally(error));
        List<PendingStream> pending = new ArrayList<>();
        if (current != null) {
            pending.add(current);
            current = null;
        }
        synchronized (streams) {
            pending.addAll(streams);
            streams.clear();
        }
        pending.forEach(stream -> stream.callback().onFailure(stream.streamId(), error));
    }
}
