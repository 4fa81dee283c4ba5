package dev.ember.network.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    private static final int MAX_FRAME = 4096;
    private final MessageEncoder encoder = new MessageEncoder(MAX_FRAME);

    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] filled(int length, int seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private List<Object> decodeAll(EmbeddedChannel channel) {
        List<Object> decoded = new ArrayList<>();
        for (Object message; (message = channel.readInbound()) != null; ) {
            decoded.add(message);
        }
        return decoded;
    }

    @Test
    void everyMessageTypeSurvivesARoundTripFedOneByteAtATime() {
        List<Message> messages = List.of(
                new RpcRequest(7, bytes("ask")),
                new RpcResponse(7, bytes("answer with ünïcode")),
                new RpcFailure(8, "it broke: ✗"),
                new OneWayMessage(bytes("tell")),
                new StreamRequest("file/a.jar"),
                new StreamFailure("file/b.jar", "no such file"),
                new AuthChallenge(filled(32, 1)),
                new AuthResponse(filled(32, 2), filled(32, 3)),
                new AuthResult(filled(32, 4)));
        ByteBuf wire = Unpooled.buffer();
        messages.forEach(message -> wire.writeBytes(encoder.encode(message)));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, true));
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(1));
        }
        List<Object> decoded = decodeAll(channel);
        assertThat(decoded).hasSize(messages.size());
        assertThat(((RpcRequest) decoded.get(0)).requestId()).isEqualTo(7);
        assertThat(StandardCharsets.UTF_8
                        .decode(((RpcResponse) decoded.get(1)).body())
                        .toString())
                .isEqualTo("answer with ünïcode");
        assertThat(decoded.get(2)).isEqualTo(new RpcFailure(8, "it broke: ✗"));
        assertThat(StandardCharsets.UTF_8
                        .decode(((OneWayMessage) decoded.get(3)).body())
                        .toString())
                .isEqualTo("tell");
        assertThat(decoded.get(4)).isEqualTo(new StreamRequest("file/a.jar"));
        assertThat(decoded.get(5)).isEqualTo(new StreamFailure("file/b.jar", "no such file"));
        assertThat(((AuthChallenge) decoded.get(6)).serverNonce()).isEqualTo(filled(32, 1));
        assertThat(((AuthResponse) decoded.get(7)).proof()).isEqualTo(filled(32, 3));
        assertThat(((AuthResult) decoded.get(8)).proof()).isEqualTo(filled(32, 4));
    }

    @Test
    void streamBytesFollowTheirHeaderAndTheNextFrameIsDecodedAfterThem() {
        byte[] body = filled(10_000, 5);
        ByteBuf wire = Unpooled.buffer();
        wire.writeBytes(encoder.encode(new StreamResponse("s1", body.length)));
        wire.writeBytes(body);
        wire.writeBytes(encoder.encode(new RpcResponse(3, bytes("after"))));
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, true));
        while (wire.isReadable()) {
            channel.writeInbound(wire.readRetainedSlice(Math.min(777, wire.readableBytes())));
        }
        List<Object> decoded = decodeAll(channel);
        assertThat(decoded.get(0)).isEqualTo(new StreamResponse("s1", body.length));
        ByteBuf received = Unpooled.buffer();
        int pieces = 0;
        for (Object message : decoded.subList(1, decoded.size() - 1)) {
            StreamData data = (StreamData) message;
            received.writeBytes(data.data());
            pieces++;
            assertThat(data.last()).isEqualTo(received.readableBytes() == body.length);
        }
        assertThat(pieces).isGreaterThan(1);
        byte[] copy = new byte[received.readableBytes()];
        received.readBytes(copy);
        assertThat(copy).isEqualTo(body);
        assertThat(decoded.get(decoded.size() - 1)).isInstanceOf(RpcResponse.class);
    }

    @Test
    void anAnnouncedLengthAboveTheLimitFailsBeforeTheBodyArrivesAndLaterInputIsDropped() {
        EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, true));
        ByteBuf header = Unpooled.buffer().writeInt(MAX_FRAME + 1).writeByte(1);
        assertThatThrownBy(() -> channel.writeInbound(header))
                .isInstanceOf(DecoderException.class)
                .hasMessageContaining("frame length 4097");
        channel.writeInbound(encoder.encode(new OneWayMessage(bytes("later"))));
        assertThat(decodeAll(channel)).isEmpty();
    }

    @Test
    void garbageUnknownTypesTruncatedFieldsAndTrailingBytesAreRejected() {
        List<byte[]> frames = List.of(
                new byte[] {0, 0, 0, 1, 99},
                new byte[] {0, 0, 0, 0},
                new byte[] {-1, -1, -1, -1},
                new byte[] {0, 0, 0, 3, 1, 0, 0},
                new byte[] {0, 0, 0, 4, 5, 0, 9, 65},
                new byte[] {0, 0, 0, 6, 10, 1, 2, 3, 4, 5});
        for (byte[] frame : frames) {
            EmbeddedChannel channel = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, true));
            assertThatThrownBy(() -> channel.writeInbound(Unpooled.wrappedBuffer(frame)))
                    .as(Arrays.toString(frame))
                    .isInstanceOf(DecoderException.class);
        }
    }

    @Test
    void beforeAuthenticationOnlySmallHandshakeFramesAreAccepted() {
        EmbeddedChannel oversized = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, false));
        ByteBuf big = encoder.encode(new OneWayMessage(ByteBuffer.allocate(FrameDecoder.PRE_AUTH_MAX_FRAME)));
        assertThatThrownBy(() -> oversized.writeInbound(big)).hasMessageContaining("before authentication");

        EmbeddedChannel early = new EmbeddedChannel(new FrameDecoder(MAX_FRAME, false));
        assertThatThrownBy(() -> early.writeInbound(encoder.encode(new RpcRequest(1, bytes("hi")))))
                .hasMessageContaining("RpcRequest arrived before authentication");

        FrameDecoder decoder = new FrameDecoder(MAX_FRAME, false);
        EmbeddedChannel handshake = new EmbeddedChannel(decoder);
        handshake.writeInbound(encoder.encode(new AuthResult(filled(32, 9))));
        decoder.authenticated();
        handshake.writeInbound(encoder.encode(new RpcRequest(2, bytes("now"))));
        assertThat(decodeAll(handshake)).hasSize(2);
    }

    @Test
    void anRpcBodyTooLargeForAFrameFailsOnTheSendingSide() {
        assertThatThrownBy(() -> encoder.encode(new RpcRequest(1, ByteBuffer.allocate(MAX_FRAME))))
                .isInstanceOf(EncoderException.class)
                .hasMessageContaining("larger than ember.network.maxFrameSize");
    }
}
