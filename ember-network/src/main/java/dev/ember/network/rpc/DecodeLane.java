package dev.ember.network.rpc;

import io.netty.channel.Channel;
import java.util.concurrent.Executor;

/**
 * The messages of one connection waiting to be decoded: a {@link SerialLane} on the decoding pool, the bytes queued
 * in it, and whether the connection was refused. Decoding off the event loop must not mean reading without limit:
 * above {@value #MAX_QUEUED} queued bytes the connection stops reading (Netty's auto-read), so that TCP holds the
 * peer back, and it reads again once the queue is below half of that. Once refused, the queued messages are dropped.
 */
final class DecodeLane {
    static final long MAX_QUEUED = 8L << 20;

    private final SerialLane lane;
    private final Channel channel;
    /** Guarded by this. */
    private long queued;

    private volatile boolean refused;

    DecodeLane(Executor pool, Channel channel) {
        this.lane = new SerialLane(pool);
        this.channel = channel;
    }

    /** Queues the decoding of a message of {@code bytes} bytes; called on the connection's event loop. */
    void submit(int bytes, Runnable decode) {
        synchronized (this) {
            queued += bytes;
            if (queued > MAX_QUEUED) {
                channel.config().setAutoRead(false);
            }
        }
        lane.execute(() -> {
            try {
                if (!refused) {
                    decode.run();
                }
            } finally {
                done(bytes);
            }
        });
    }

    private synchronized void done(int bytes) {
        queued -= bytes;
        if (queued <= MAX_QUEUED / 2 && !refused && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /** Drops whatever is still queued: the connection is being closed for a message it sent. */
    void refuse() {
        refused = true;
    }

    /** Runs {@code action} after every message queued so far, refused or not (the connection's end). */
    void last(Runnable action) {
        lane.execute(action);
    }
}
