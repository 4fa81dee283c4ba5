package dev.ember.network.protocol;

import static java.util.Objects.requireNonNull;

import java.nio.ByteBuffer;

/**
 * The messages of the wire protocol, version 1. Every message travels in one frame:
 *
 * <pre>
 *  +------------+--------+------------------+-------------------+
 *  | length: i32| type:i8| header fields    | body (RPC bytes)  |
 *  +------------+--------+------------------+-------------------+
 *  length counts everything after itself; strings are u16 length + UTF-8
 * </pre>
 *
 * <p>A {@link StreamResponse} is the one exception: its frame ends after its header, and exactly
 * {@code byteCount} raw bytes of the stream follow it on the connection, so a streamed block is never held in
 * memory whole and may be larger than the largest frame.
 *
 * <p>Requests and replies match by {@code requestId}; stream responses come back in the order of their requests
 * on one connection. The three authentication messages are the only ones a connection may carry before its
 * handshake has completed, when authentication is on.
 */
public sealed interface Message {
    /** The type byte on the wire; part of the protocol, never renumbered. */
    byte type();

    record RpcRequest(long requestId, ByteBuffer body) implements Message {
        public RpcRequest {
            requireNonNull(body, "body is null");
        }

        @Override
        public byte type() {
            return 1;
        }
    }

    record RpcResponse(long requestId, ByteBuffer body) implements Message {
        public RpcResponse {
            requireNonNull(body, "body is null");
        }

        @Override
        public byte type() {
            return 2;
        }
    }

    record RpcFailure(long requestId, String error) implements Message {
        public RpcFailure {
            requireNonNull(error, "error is null");
        }

        @Override
        public byte type() {
            return 3;
        }
    }

    record OneWayMessage(ByteBuffer body) implements Message {
        public OneWayMessage {
            requireNonNull(body, "body is null");
        }

        @Override
        public byte type() {
            return 4;
        }
    }

    record StreamRequest(String streamId) implements Message {
        public StreamRequest {
            requireNonNull(streamId, "streamId is null");
        }

        @Override
        public byte type() {
            return 5;
        }
    }

    /** Announces {@code byteCount} bytes of the stream, which the sender writes right after the frame. */
    record StreamResponse(String streamId, long byteCount) implements Message {
        public StreamResponse {
            requireNonNull(streamId, "streamId is null");
            if (byteCount < 0) {
                throw new IllegalArgumentException("byteCount is negative: " + byteCount);
            }
        }

        @Override
        public byte type() {
            return 6;
        }
    }

    record StreamFailure(String streamId, String error) implements Message {
        public StreamFailure {
            requireNonNull(streamId, "streamId is null");
            requireNonNull(error, "error is null");
        }

        @Override
        public byte type() {
            return 7;
        }
    }

    /** Server to client, first thing on a connection: a fresh random nonce. */
    record AuthChallenge(byte[] serverNonce) implements Message {
        public AuthChallenge {
            requireNonNull(serverNonce, "serverNonce is null");
        }

        @Override
        public byte type() {
            return 8;
        }
    }

    /** Client to server: the client's nonce and its proof over both nonces. */
    record AuthResponse(byte[] clientNonce, byte[] proof) implements Message {
        public AuthResponse {
            requireNonNull(clientNonce, "clientNonce is null");
            requireNonNull(proof, "proof is null");
        }

        @Override
        public byte type() {
            return 9;
        }
    }

    /** Server to client after a valid response: the server's own proof, so the client knows it too. */
    record AuthResult(byte[] proof) implements Message {
        public AuthResult {
            requireNonNull(proof, "proof is null");
        }

        @Override
        public byte type() {
            return 10;
        }
    }

    /** A piece of the stream announced by the last {@link StreamResponse}; never on the wire as a frame. */
    record StreamData(ByteBuffer data, boolean last) implements Message {
        public StreamData {
            requireNonNull(data, "data is null");
        }

        @Override
        public byte type() {
            return -1;
        }
    }
}
