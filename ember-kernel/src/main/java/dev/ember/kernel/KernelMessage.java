package dev.ember.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * One message of the Jupyter messaging protocol (5.3): the routing identities it came with, its four JSON parts and
 * any binary buffers.
 */
public record KernelMessage(
        List<byte[]> identities,
        ObjectNode header,
        ObjectNode parentHeader,
        ObjectNode metadata,
        ObjectNode content,
        List<byte[]> buffers) {
    public static final String PROTOCOL_VERSION = "5.3";

    /** Header dates as Jupyter writes them: ISO 8601, UTC, microseconds. */
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    public String type() {
        return text(header, "msg_type");
    }

    public String id() {
        return text(header, "msg_id");
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** A new header of {@code type} for session {@code session}. */
    static ObjectNode header(String type, String session, String username) {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        header.put("msg_id", UUID.randomUUID().toString());
        header.put("session", session);
        header.put("username", username);
        header.put("date", DATE.format(Instant.now()));
        header.put("msg_type", type);
        header.put("version", PROTOCOL_VERSION);
        return header;
    }

    /** A message of {@code type} answering (or caused by) {@code parent}, to the same identities. */
    static KernelMessage reply(KernelMessage parent, String type, ObjectNode content, String session) {
        String username = parent == null ? "kernel" : text(parent.header(), "username");
        return new KernelMessage(
                parent == null ? List.of() : parent.identities(),
                header(type, session, username.isEmpty() ? "kernel" : username),
                parent == null
                        ? JsonNodeFactory.instance.objectNode()
                        : parent.header().deepCopy(),
                JsonNodeFactory.instance.objectNode(),
                content,
                List.of());
    }
}
