package dev.ember.network.rpc;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of an RPC: a small binary envelope naming the sender and the receiving endpoint, then the message in
 * Java serialization. The envelope is read first, so a message for an unknown endpoint is refused without
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

    record Envelope(RpcAddress sender, String endpoint, ByteBuffer payload) {}

    private final AllowListFilter filter;
    private final ClassLoader loader;

    MessageCodec(List<String> allowed, ClassLoader loader) {
        this.filter = new AllowListFilter(allowed);
        this.loader = loader;
    }

    ByteBuffer encode(RpcAddress sender, String endpoint, Object message) {
        byte[] host = sender.host().getBytes(StandardCharsets.UTF_8);
        byte[] name = endpoint.getBytes(StandardCharsets.UTF_8);
        byte[] payload = serialize(message);
        ByteBuffer out = ByteBuffer.allocate(1 + 2 + host.length + 4 + 2 + name.length + payload.length);
        out.put(VERSION);
        out.putShort((short) host.length).put(host);
        out.putInt(sender.port());
        out.putShort((short) name.length).put(name);
        out.put(payload);
        return out.flip();
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
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(message);
        } catch (NotSerializableException e) {
            throw new EmberException(
                    ErrorClass.SERIALIZATION_FAILED,
                    "RPC message " + message.getClass().getName() + " is not serializable: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new EmberException(ErrorClass.SERIALIZATION_FAILED, "Cannot serialize an RPC message: " + e, e);
        }
        return bytes.toByteArray();
    }

    Object deserialize(ByteBuffer payload, RpcEnv env) {
        byte[] bytes = new byte[payload.remaining()];
        payload.duplicate().get(bytes);
        RpcEnv previous = RpcEnv.DESERIALIZING.get();
        RpcEnv.DESERIALIZING.set(env);
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes), loader)) {
            in.setObjectInputFilter(filter);
            return in.readObject();
        } catch (InvalidClassException e) {
            throw new EmberException(
                    ErrorClass.SERIALIZATION_FAILED,
                    "RPC message refused: " + e.getMessage() + " (classes allowed: " + filter
                            + "; add patterns with ember.rpc.deserialization.allow)",
                    e);
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new EmberException(ErrorClass.SERIALIZATION_FAILED, "Cannot deserialize an RPC message: " + e, e);
        } finally {
            RpcEnv.DESERIALIZING.set(previous);
        }
    }

    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader loader;

        LoaderObjectInputStream(ByteArrayInputStream in, ClassLoader loader) throws IOException {
            super(in);
            this.loader = loader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, loader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }
}
