package dev.ember.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns messages into ZeroMQ frames and back: {@code identities..., <IDS|MSG>, signature, header, parent_header,
 * metadata, content, buffers...}. The signature is the hex HMAC-SHA256 of the four JSON frames under the connection's
 * key, compared in constant time; a message whose signature is wrong or missing, or was seen before (a replay), is
 * refused with the reason. With an empty key nothing is signed or checked.
 */
public final class WireCodec {
    static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    /** How many recent signatures are remembered to refuse replays. */
    static final int REPLAY_MEMORY = 16_384;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final Set<String> seen = new LinkedHashSet<>();

    public WireCodec(byte[] key) {
        this.key = key.clone();
    }

    /** A message that cannot be accepted, and why. */
    public static final class BadMessage extends Exception {
        private static final long serialVersionUID = 1L;

        BadMessage(String reason) {
            super(reason);
        }
    }

    public List<byte[]> encode(KernelMessage message) {
        List<byte[]> frames = new ArrayList<>(
                message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        byte[][] parts = {
            json(message.header()), json(message.parentHeader()), json(message.metadata()), json(message.content())
        };
        frames.add(sign(parts).getBytes(StandardCharsets.US_ASCII));
        frames.addAll(Arrays.asList(parts));
        frames.addAll(message.buffers());
        return frames;
    }

    /** Reads and checks a message; thread-confined (one codec per socket thread, or synchronized use). */
    public synchronized KernelMessage decode(List<byte[]> frames) throws BadMessage {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new BadMessage("no <IDS|MSG> delimiter among " + frames.size() + " frame(s)");
        }
        if (frames.size() < delimiter + 6) {
            throw new BadMessage("truncated: " + (frames.size() - delimiter - 1)
                    + " frame(s) after the delimiter, expected a signature and four JSON parts");
        }
        byte[][] parts = new byte[4][];
        for (int i = 0; i < 4; i++) {
            parts[i] = frames.get(delimiter + 2 + i);
        }
        String signature = new String(frames.get(delimiter + 1), StandardCharsets.US_ASCII);
        if (key.length > 0) {
            if (signature.isEmpty()) {
                throw new BadMessage("unsigned");
            }
            byte[] expected = sign(parts).getBytes(StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
                throw new BadMessage("bad signature");
            }
            if (!seen.add(signature)) {
                throw new BadMessage("replayed (its signature was seen before)");
            }
            if (seen.size() > REPLAY_MEMORY) {
                seen.remove(seen.iterator().next());
            }
        }
        ObjectNode header = object(parts[0], "header");
        if (KernelMessage.text(header, "msg_type").isEmpty()) {
            throw new BadMessage("the header has no msg_type");
        }
        return new KernelMessage(
                List.copyOf(frames.subList(0, delimiter)),
                header,
                object(parts[1], "parent_header"),
                object(parts[2], "metadata"),
                object(parts[3], "content"),
                List.copyOf(frames.subList(delimiter + 6, frames.size())));
    }

    private static ObjectNode object(byte[] bytes, String part) throws BadMessage {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new BadMessage("the " + part + " is not JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw new BadMessage("the " + part + " cannot be read: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadMessage("the " + part + " is not a JSON object");
        }
        return (ObjectNode) node;
    }

    private static byte[] json(ObjectNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a message part as JSON", e);
        }
    }

    String sign(byte[][] parts) {
        if (key.length == 0) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
