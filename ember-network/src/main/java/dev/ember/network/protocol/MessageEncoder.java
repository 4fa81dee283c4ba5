package dev.ember.network.protocol;

import dev.ember.network.protocol.Message.AuthChallenge;
import dev.ember.network.protocol.Message.AuthResponse;
import dev.ember.network.protocol.Message.AuthResult;
import dev.ember.network.protocol.Message.OneWayMessage;
import dev.ember.network.protocol.Message.RpcFailure;
import dev.ember.network.protocol.Message.RpcRequest;
import dev.ember.network.protocol.Message.RpcResponse;
import dev.ember.network.protocol.Message.StreamFailure;
import dev.ember.network.protocol.Message.StreamRequest;
import dev.ember.network.protocol.Message.StreamResponse;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.EncoderException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Message}s as frames (see {@link Message} for the layout); anything else written to the channel
 * (the body following a {@link StreamResponse}) passes through untouched. An RPC body that would make a frame
 * larger than the peer accepts fails its write here, with the sizes, rather than getting the connection closed
 * by the peer. Stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
public final class MessageEncoder extends ChannelOutboundHandlerAdapter {
    private static final int MAX_STRING = 0xFFFF;

    private final int maxFrameSize;

    public MessageEncoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof Message message)) {
            ctx.write(msg, promise);
            return;
        }
        ByteBuf frame;
        try {
            frame = encode(message);
        } catch (RuntimeException e) {
            promise.setFailure(e);
            return;
        }
        ctx.write(frame, promise);
    }

    /** The whole frame, length prefix included. */
    public ByteBuf encode(Message message) {
        ByteBuf header = Unpooled.buffer(64);
        header.writeInt(0);
        header.writeByte(message.type());
        ByteBuffer body = null;
        if (message instanceof RpcRequest request) {
            header.writeLong(request.requestId());
            body = request.body();
        } else if (message instanceof RpcResponse response) {
            header.writeLong(response.requestId());
            body = response.body();
        } else if (message instanceof RpcFailure failure) {
            header.writeLong(failure.requestId());
            writeString(header, failure.error());
        } else if (message instanceof OneWayMessage oneWay) {
            body = oneWay.body();
        } else if (message instanceof StreamRequest request) {
            writeString(header, request.streamId());
        } else if (message instanceof StreamResponse response) {
            writeString(header, response.streamId());
            header.writeLong(response.byteCount());
        } else if (message instanceof StreamFailure failure) {
            writeString(header, failure.streamId());
            writeString(header, failure.error());
        } else if (message instanceof AuthChallenge challenge) {
            header.writeBytes(challenge.serverNonce());
        } else if (message instanceof AuthResponse response) {
            header.writeBytes(response.clientNonce());
            header.writeBytes(response.proof());
        } else if (message instanceof AuthResult result) {
            header.writeBytes(result.proof());
        } else {
            throw new EncoderException(message.getClass().getSimpleName() + " is not written as a frame");
        }
        long frameLength = header.readableBytes() - 4L + (body == null ? 0 : body.remaining());
        if (frameLength > maxFrameSize) {
            throw new EncoderException("a " + message.getClass().getSimpleName() + " of " + frameLength
                    + " bytes is larger than ember.network.maxFrameSize (" + maxFrameSize + " bytes)");
        }
        header.setInt(0, (int) frameLength);
        return body == null ? header : Unpooled.wrappedBuffer(header, Unpooled.wrappedBuffer(body.duplicate()));
    }

    private static void writeString(ByteBuf out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_STRING) {
            // Error texts may be long; ids never are. Keep the start, which says what went wrong.
            bytes = truncate(value, MAX_STRING);
        }
        out.writeShort(bytes.length);
        out.writeBytes(bytes);
    }

    private static byte[] truncate(String value, int maxBytes) {
        int end = Math.min(value.length(), maxBytes / 3);
        if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(0, end).getBytes(StandardCharsets.UTF_8);
    }
}
