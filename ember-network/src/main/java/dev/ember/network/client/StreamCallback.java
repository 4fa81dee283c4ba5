package dev.ember.network.client;

import java.nio.ByteBuffer;

/**
 * Receives one stream, on the connection's event loop: {@link #onData} for each piece in order, then exactly one
 * of {@link #onComplete} or {@link #onFailure}. A callback that throws fails the stream and closes nothing else.
 */
public interface StreamCallback {
    void onData(String streamId, ByteBuffer data) throws Exception;

    void onComplete(String streamId) throws Exception;

    void onFailure(String streamId, Throwable error);
}
