package dev.ember.network.protocol;

import dev.ember.network.protocol.Message.AuthChallenge;
import dev.ember.network.protocol.Message.AuthResponse;
import dev.ember.network.protocol.Message.AuthResult;
import dev.ember.network.protocol.Message.OneWayMessage;
import dev.ember.network.protocol.Message.RpcFailure;
import dev.ember.network.protocol.Message.RpcRequest;
import dev.ember.network.protocol.Message.RpcResponse;
import dev.ember.network.protocol.Message.StreamData;
import dev.ember.network.protocol.Message.StreamFailure;
import dev.ember.network.protocol.Message.StreamRequest;
import dev.ember.network.protocol.Message.StreamResponse;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the byte stream into {@link Message}s (see {@link Message} for the layout) and checks every frame: its
 * announced length against the limit before anything is buffered, its type, and that its fields fill it exactly.
 * Any violation is a {@link CorruptedFrameException}; the channel's last handler logs it and closes the
 * connection, and the decoder drops whatever else arrives.
 *
 * <p>Until {@link #authenticated()} is called, only the three authentication messages are accepted, and frames
 * are limited to {@link #PRE_AUTH_MAX_FRAME} bytes: an unauthenticated peer can make this process hold at most
 * that much. A decoder created for a connection without authentication starts authenticated.
 *
 * <p>After a {@link StreamResponse} announcing {@code n} bytes, the next {@code n} bytes are passed on as
 * {@link StreamData} pieces as they arrive, the last one marked.
 *
 * <p>A frame under way must make progress: every frame timeout, either it is complete or at least
 * {@value #MIN_PROGRESS} more of its bytes have arrived, or the connection is closed. A peer that drips a frame a
 * byte at a time, which no idle timeout notices, is cut off after one timeout; a large frame on a slow link is not
 * (streamed data is not held to it, nor a connection whose reading was paused).
 *
 * <p>Used on the channel's event loop only.
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    /** Largest frame accepted before authentication: the authentication messages are far smaller. */
    public static final int PRE_AUTH_MAX_FRAME = 256;

    public static final int NONCE_LENGTH = 32;
    public static final int PROOF_LENGTH = 32;

    /** Bytes a frame under way must gain per frame timeout (or all it lacks, when less). */
    static final int MIN_PROGRESS = 64 * 1024;

    private final int maxFrameSize;
    private final long frameTimeoutMillis;
    private boolean authenticated;
    /** Frames decoded so far, so that the deadline check can tell whether the frame it watched is still the one. */
    private long framesDecoded;

    private ScheduledFuture<?> deadline;
    private boolean failed;
    private long streamRemaining;

    public FrameDecoder(int maxFrameSize, boolean authenticated) {
        this(maxFrameSize, authenticated, 0);
    }

    /** {@code frameTimeoutMillis} 0: frames may take any time (the connection's idle timeout still applies). */
    public FrameDecoder(int maxFrameSize, boolean authenticated, long frameTimeoutMillis) {
        this.maxFrameSize = maxFrameSize;
        this.authenticated = authenticated;
        this.frameTimeoutMillis = frameTimeoutMillis;
    }

    /** Lifts the pre-authentication limits; called by the handshake once the peer has proved the secret. */
    public void authenticated() {
        authenticated = true;
    }

    /** Whether part of a frame or of a stream has arrived and the rest has not. */
    public boolean midMessage() {
        return streamRemaining > 0
                || (internalBuffer() != null && internalBuffer().isReadable());
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            decodeAvailable(in, out);
        } catch (CorruptedFrameException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (frameTimeoutMillis > 0 && streamRemaining == 0 && in.isReadable() && deadline == null) {
            watch(ctx, framesDecoded, in.readableBytes());
        }
    }

    /**
     * Closes the connection if, one frame timeout from now, frame number {@code frame} is still incomplete and has
     * gained less than {@link #MIN_PROGRESS} bytes (or what it lacked) beyond the {@code buffered} it had.
     */
    private void watch(ChannelHandlerContext ctx, long frame, int buffered) {
        deadline =
                ctx.executor().schedule(() -> check(ctx, frame, buffered), frameTimeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void check(ChannelHandlerContext ctx, long frame, int buffered) {
        deadline = null;
        ByteBuf partial = internalBuffer();
        if (failed || !ctx.channel().isActive() || streamRemaining > 0 || partial == null || !partial.isReadable()) {
            return;
        }
        int now = partial.readableBytes();
        boolean paused = !ctx.channel().config().isAutoRead();
        if (framesDecoded != frame || paused || progressed(partial, buffered)) {
            // That frame completed and another is under way, reading is paused, or it came on: watch on.
            watch(ctx, framesDecoded, now);
            return;
        }
        failed = true;
        ctx.fireExceptionCaught(new CorruptedFrameException("a frame gained " + (now - buffered) + " bytes in "
                + frameTimeoutMillis + " ms, too slowly (ember.network.timeout)"));
    }

    private static boolean progressed(ByteBuf partial, int buffered) {
        int now = partial.readableBytes();
        long lacking = MIN_PROGRESS;
        if (now >= 4) {
            lacking = 4L + partial.getInt(partial.readerIndex()) - buffered;
        }
        return now - buffered >= Math.min(MIN_PROGRESS, lacking);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void decodeAvailable(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (streamRemaining > 0) {
                int length = (int) Math.min(in.readableBytes(), streamRemaining);
                byte[] data = new byte[length];
                in.readBytes(data);
                streamRemaining -= length;
                out.add(new StreamData(ByteBuffer.wrap(data), streamRemaining == 0));
                continue;
            }
            if (in.readableBytes() < 4) {
                return;
            }
            int length = in.getInt(in.readerIndex());
            int limit = authenticated ? maxFrameSize : PRE_AUTH_MAX_FRAME;
            if (length < 1 || length > limit) {
                throw new CorruptedFrameException("frame length " + length + " is outside [1, " + limit + "]"
                        + (authenticated ? "" : " (before authentication)"));
            }
            if (in.readableBytes() < 4 + length) {
                return;
            }
            in.skipBytes(4);
            Message message = decodeFrame(in.readSlice(length));
            framesDecoded++;
            if (!authenticated && !isAuthentication(message)) {
                throw new CorruptedFrameException(
                        "a " + message.getClass().getSimpleName() + " arrived before authentication completed");
            }
            if (message instanceof StreamResponse response) {
                streamRemaining = response.byteCount();
            }
            out.add(message);
        }
    }

    private static boolean isAuthentication(Message message) {
        return message instanceof AuthChallenge || message instanceof AuthResponse || message instanceof AuthResult;
    }

    static Message decodeFrame(ByteBuf frame) {
        byte type = frame.readByte();
        Message message;
        try {
            message = switch (type) {
                case 1 -> new RpcRequest(frame.readLong(), body(frame));
                case 2 -> new RpcResponse(frame.readLong(), body(frame));
                case 3 -> new RpcFailure(frame.readLong(), string(frame));
                case 4 -> new OneWayMessage(body(frame));
                case 5 -> new StreamRequest(string(frame));
                case 6 -> new StreamResponse(string(frame), nonNegative(frame.readLong()));
                case 7 -> new StreamFailure(string(frame), string(frame));
                case 8 -> new AuthChallenge(bytes(frame, NONCE_LENGTH));
                case 9 -> new AuthResponse(bytes(frame, NONCE_LENGTH), bytes(frame, PROOF_LENGTH));
                case 10 -> new AuthResult(bytes(frame, PROOF_LENGTH));
                default -> throw new CorruptedFrameException("unknown message type " + type);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptedFrameException("frame of type " + type + " is shorter than its fields", e);
        }
        if (frame.isReadable()) {
            throw new CorruptedFrameException(
                    "frame of type " + type + " has " + frame.readableBytes() + " bytes beyond its fields");
        }
        return message;
    }

    private static long nonNegative(long value) {
        if (value < 0) {
            throw new CorruptedFrameException("negative stream length " + value);
        }
        return value;
    }

    private static ByteBuffer body(ByteBuf frame) {
        byte[] bytes = new byte[frame.readableBytes()];
        frame.readBytes(bytes);
        return ByteBuffer.wrap(bytes);
    }

    private static byte[] bytes(ByteBuf frame, int length) {
        byte[] bytes = new byte[length];
        frame.readBytes(bytes);
        return bytes;
    }

    private static String string(ByteBuf frame) {
        int length = frame.readUnsignedShort();
        if (length > frame.readableBytes()) {
            throw new CorruptedFrameException(
                    "string of " + length + " bytes in a frame with " + frame.readableBytes() + " left");
        }
        String value = frame.toString(frame.readerIndex(), length, StandardCharsets.UTF_8);
        frame.skipBytes(length);
        return value;
    }
}
