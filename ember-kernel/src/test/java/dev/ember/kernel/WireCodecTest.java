package dev.ember.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WireCodecTest {
    private static final byte[] KEY = "a-shared-key".getBytes(StandardCharsets.UTF_8);

    private static KernelMessage request(String type) {
        ObjectNode content = JsonNodeFactory.instance.objectNode().put("code", "1 + 1");
        return new KernelMessage(
                List.of("client-1".getBytes(StandardCharsets.UTF_8)),
                KernelMessage.header(type, "session-1", "tester"),
                JsonNodeFactory.instance.objectNode(),
                JsonNodeFactory.instance.objectNode(),
                content,
                List.of(new byte[] {1, 2, 3}));
    }

    private static String hmac(List<byte[]> parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        parts.forEach(mac::update);
        return HexFormat.of().formatHex(mac.doFinal());
    }

    @Test
    void framesAreInProtocolOrderAndSignedOverTheFourJsonParts() throws Exception {
        List<byte[]> frames = new WireCodec(KEY).encode(request("execute_request"));

        assertThat(new String(frames.get(0), StandardCharsets.UTF_8)).isEqualTo("client-1");
        assertThat(frames.get(1)).isEqualTo("<IDS|MSG>".getBytes(StandardCharsets.US_ASCII));
        assertThat(new String(frames.get(2), StandardCharsets.US_ASCII)).isEqualTo(hmac(frames.subList(3, 7)));
        assertThat(new String(frames.get(3), StandardCharsets.UTF_8))
                .contains("\"msg_type\":\"execute_request\"", "\"version\":\"5.3\"");
        assertThat(new String(frames.get(6), StandardCharsets.UTF_8)).isEqualTo("{\"code\":\"1 + 1\"}");
        assertThat(frames.get(7)).containsExactly(1, 2, 3);
    }

    @Test
    void aDecodedMessageKeepsItsIdentitiesPartsAndBuffers() throws Exception {
        WireCodec codec = new WireCodec(KEY);
        KernelMessage message = codec.decode(new WireCodec(KEY).encode(request("kernel_info_request")));

        assertThat(message.type()).isEqualTo("kernel_info_request");
        assertThat(message.identities()).hasSize(1);
        assertThat(message.content().get("code").asText()).isEqualTo("1 + 1");
        assertThat(message.buffers()).singleElement().satisfies(buffer -> assertThat(buffer)
                .containsExactly(1, 2, 3));
        assertThat(message.header().get("date").asText())
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    @Test
    void wrongMissingOrReplayedSignaturesAreRefused() throws Exception {
        WireCodec codec = new WireCodec(KEY);
        List<byte[]> frames = new WireCodec(KEY).encode(request("execute_request"));

        List<byte[]> forged = new ArrayList<>(frames);
        forged.set(2, "0".repeat(64).getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> codec.decode(forged)).hasMessage("bad signature");

        List<byte[]> tampered = new ArrayList<>(frames);
        tampered.set(6, "{\"code\":\"System.exit(0)\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> codec.decode(tampered)).hasMessage("bad signature");

        List<byte[]> unsigned = new ArrayList<>(frames);
        unsigned.set(2, new byte[0]);
        assertThatThrownBy(() -> codec.decode(unsigned)).hasMessage("unsigned");

        assertThat(codec.decode(frames).type()).isEqualTo("execute_request");
        assertThatThrownBy(() -> codec.decode(frames)).hasMessageContaining("replayed");

        // Signed with another key.
        assertThatThrownBy(() -> codec.decode(
                        new WireCodec("other".getBytes(StandardCharsets.UTF_8)).encode(request("execute_request"))))
                .hasMessage("bad signature");
    }

    @Test
    void malformedFramesSayWhatIsWrong() {
        WireCodec codec = new WireCodec(new byte[0]);
        byte[] delimiter = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> codec.decode(List.of("junk".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("no <IDS|MSG> delimiter");
        assertThatThrownBy(() -> codec.decode(List.of(delimiter, new byte[0], empty)))
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> codec.decode(List.of(
                        delimiter, new byte[0], "{not json".getBytes(StandardCharsets.UTF_8), empty, empty, empty)))
                .hasMessageContaining("the header is not JSON");
        assertThatThrownBy(() -> codec.decode(
                        List.of(delimiter, new byte[0], "[1]".getBytes(StandardCharsets.UTF_8), empty, empty, empty)))
                .hasMessageContaining("the header is not a JSON object");
        assertThatThrownBy(() -> codec.decode(List.of(delimiter, new byte[0], empty, empty, empty, empty)))
                .hasMessageContaining("no msg_type");
    }

    @Test
    void withoutAKeyNothingIsSignedOrChecked() throws Exception {
        WireCodec codec = new WireCodec(new byte[0]);
        List<byte[]> frames = codec.encode(request("kernel_info_request"));

        assertThat(frames.get(2)).isEmpty();
        assertThat(codec.decode(frames).type()).isEqualTo("kernel_info_request");
        assertThat(codec.decode(frames).type())
                .as("no replay check without signatures")
                .isEqualTo("kernel_info_request");
    }
}
