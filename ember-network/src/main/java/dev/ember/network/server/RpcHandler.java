package dev.ember.network.server;

import dev.ember.network.client.TransportClient;
import dev.ember.network.protocol.ManagedBuffer;
import java.nio.ByteBuffer;

/**
 * What a process does with the requests that arrive on its connections. Called on the connection's Netty event
 * loop, so implementations hand anything slow to their own threads; {@code client} is the connection the
 * request came on, through which replies and further requests can go back.
 */
public interface RpcHandler {
    /** A request expecting one reply through {@code callback}, exactly once, from any thread. */
    void receive(TransportClient client, ByteBuffer message, RpcResponseCallback callback);

    /** A message expecting no reply. */
    void receive(TransportClient client, ByteBuffer message);

    /**
     * The bytes of the stream named {@code streamId}, to be sent to the peer. Throws when there is no such stream;
     * the message of the exception goes back to the requester.
     */
    default ManagedBuffer openStream(String streamId) throws Exception {
        throw new UnsupportedOperationException("this process serves no streams");
    }

    /** A connection closed; requests that arrived on it may still be replying, into the void. */
    default void channelInactive(TransportClient client) {}

    /** The reply channel of one request. */
    interface RpcResponseCallback {
        void onSuccess(ByteBuffer response);

        void onFailure(Throwable error);
    }
}
