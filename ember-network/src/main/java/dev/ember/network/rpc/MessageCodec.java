package dev.ember.network.rpc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import java.io.InvalidClassException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of an RPC: a small binary envelope naming the sender and the receiving endpoint, then the message in
 * Java serialization ({@link JavaSerializer}, as for tasks). The envelope is read first, so a message for an unknown endpoint is refused without
 * deserializing it, and every deserialization goes through the {@link AllowListFilter}.
 *
 * <pre>
 *   version:u8 (1) | sender host:u16+UTF-8 | sender port:i32 | endpoint:u16+UTF-8 | message (Java serialization)
 * </pre>
 *
 * Replies are the message part alone.
 */
final class MessageCodec {
    static final byte VERSION = 1;
    private static final int MAX_STRING = 0xFFFF;

    record Envelope(RpcAddress sender, String endpoint, ByteBuffer payload) {}

    private final AllowListFilter filter;
    private final SerializerInstance serializer;
    private final ClassLoader loader;

    MessageCodec(List<String> allowed, ClassLoader loader) {
        this.filter = new AllowListFilter(allowed);
        this.serializer = new JavaSerializer().withInputFilter(filter).newInstance();
        this.loader = loader;
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
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED, "RPC envelope version " + version + " is not " + VERSION);
            }
            String host = string(in);
            int port = in.getInt();
            String endpoint = string(in);
            return new Envelope(new RpcAddress(host, port), endpoint, in.slice());
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new EmberException(ErrorClass.SERIALIZATION_FAILED, "Malformed RPC envelope: " + e, e);
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
        return serializer.serialize(message);
    }

    /** Reads a message; references to endpoints inside it are bound to {@code env}. */
    Object deserialize(ByteBuffer payload, RpcEnv env) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        RpcEnv previous = RpcEnv.DESERIALIZING.get();
        RpcEnv.DESERIALIZING.set(env);
        try {
            return serializer.deserialize(bytes, 0, bytes.length, loader);
        } catch (EmberException e) {
            if (e.getCause() instanceof InvalidClassException refused) {
                throw new EmberException(
                        ErrorClass.SERIALIZATION_FAILED,
                        "RPC message refused: " + refused.getMessage() + " (classes allowed: " + filter
                                + "; add patterns with ember.rpc.deserialization.allow)",
                        refused);
            }
            throw e;
        } finally {
            RpcEnv.DESERIALIZING.set(previous);
        }
    }
}
