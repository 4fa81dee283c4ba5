package dev.ember.network.rpc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.network.wire.MessageSet;
import dev.ember.network.wire.WireFormatException;
import dev.ember.network.wire.WireProtocol;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The body of an RPC: a small binary envelope naming the sender and the receiving endpoint, then the message in the
 * {@link WireProtocol} of the environment's registered {@link MessageSet}s. Nothing here is Java serialization: a
 * message can only be made of the types those sets list. The envelope is read first, so a message for an unknown
 * endpoint is refused without decoding it.
 *
 * <pre>
 *   version:u8 (2) | sender host:u16+UTF-8 | sender port:i32 | endpoint:u16+UTF-8 | message (wire protocol)
 * </pre>
 *
 * Replies are the message part alone.
 */
final class MessageCodec {
    /** The envelope's layout; the messages inside are versioned by their sets' fingerprints. */
    static final byte VERSION = 2;

    private static final int MAX_STRING = 0xFFFF;

    record Envelope(RpcAddress sender, String endpoint, ByteBuffer payload) {}

    private final WireProtocol protocol = new WireProtocol().register(RpcEnv.MESSAGES);
    private final Duration budget;

    MessageCodec(Duration budget) {
        this.budget = budget;
    }

    void register(MessageSet set) {
        protocol.register(set);
    }

    ByteBuffer encode(RpcAddress sender, String endpoint, Object message) {
        byte[] host = checked(sender.host());
        byte[] name = checked(endpoint);
        byte[] payload = serialize(message);
        ByteBuffer out = ByteBuffer.allocate(1 + 2 + host.length + 4 + 2 + name.length + payload.length);
        out.put(VERSION);
        out.putShort((short) host.length).put(host);
        out.putInt(sender.port());
        out.putShort((short) name.length).put(name);
        out.put(payload);
        return out.flip();
    }

    private static byte[] checked(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Host and endpoint names are limited to 65535 bytes: " + value);
        }
        return bytes;
    }

    Envelope decodeEnvelope(ByteBuffer body) {
        ByteBuffer in = body.duplicate();
        try {
            byte version = in.get();
            if (version != VERSION) {
                throw new WireFormatException("RPC envelope version " + version + " is not this process's " + VERSION
                        + ": every process of a cluster must run the same Ember version");
            }
            String host = string(in);
            int port = in.getInt();
            String endpoint = string(in);
            return new Envelope(new RpcAddress(host, port), endpoint, in.slice());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new WireFormatException("Malformed RPC envelope: " + e.getMessage(), e);
        }
    }

    private static String string(ByteBuffer in) {
        int length = Short.toUnsignedInt(in.getShort());
        if (length > in.remaining()) {
            throw new IllegalArgumentException("string of " + length + " bytes with " + in.remaining() + " left");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    byte[] serialize(Object message) {
        return protocol.encode(message);
    }

    /** Reads a message within the decoding budget; references to endpoints inside it are bound to {@code env}. */
    Object deserialize(ByteBuffer payload, RpcEnv env) {
        return protocol.decode(payload, env, budget);
    }
}
