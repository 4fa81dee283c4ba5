package dev.ember.kernel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The display marker protocol: how code in the interpreter's JVM sends Jupyter display messages to the kernel inside
 * the cell's standard output, so that they stay in order with the cell's text.
 *
 * <pre>
 *   interpreter's JVM:  Notebook.display / update / clearOutput, NotebookProgress
 *                         └─► Notebook.send: one marked line on System.out, among the cell's own text
 *                               │ JShell's remote output
 *   kernel's JVM:       InterpreterOutput (stdout, stderr)
 *                         └─► DisplayMarker.forward ─┬─► text:         Output.stream  (stream)
 *                                                    └─► marked lines: Output.display (display_data, ...)
 * </pre>
 *
 * <p>A marked line:
 *
 * <pre>
 *   MARKER BASE64(JSON) LINE_END
 * </pre>
 *
 * <ul>
 *   <li>{@code MARKER} is a NUL character ({@code U+0000}, which ordinary text does not contain) followed by
 *       {@code ember-display:}; see {@link #MARKER}.
 *   <li>{@code JSON} is a message {@code {"msg_type": TYPE, "content": CONTENT}} encoded by Jackson as UTF-8. TYPE is
 *       {@code display_data}, {@code update_display_data} or {@code clear_output}; CONTENT is the content of that
 *       Jupyter message, passed on as it is: {@code {"data": {MIME: TEXT...}, "metadata": {}, "transient":
 *       {"display_id": ID}}} for the two displays, {@code {"wait": false}} for {@code clear_output}. Other fields
 *       of the message are ignored.
 *   <li>{@code BASE64} is the basic Base64 encoding of RFC 4648 ({@link Base64#getEncoder()}: padded, no line
 *       breaks), so the payload holds no line end and no NUL.
 *   <li>{@code LINE_END} is the line separator of {@code println}.
 * </ul>
 *
 * <p><b>Writer:</b> {@link Notebook}, in the interpreter's JVM, for its displays and for {@link NotebookProgress}'s
 * progress bars; nothing else writes marked lines. It writes only when {@code dev.ember.kernel.notebook} is
 * {@code true} there (the kernel launches the interpreter's JVM with it; under plain JShell or in a program the
 * displays are dropped). Each marked line is one {@code println} on the standard output JShell set up, captured when
 * {@code Notebook} was loaded, so it is whole between the lines of other threads, and a cell that replaces
 * {@code System.out} does not divert it.
 *
 * <p><b>Reader:</b> {@link InterpreterOutput}, in the kernel's JVM, through {@link #forward}, on each piece of text it
 * passes on from the interpreter's standard output or standard error (both are read this way):
 *
 * <ul>
 *   <li>Text without {@code MARKER} is passed on unchanged, as one stream text.
 *   <li>Otherwise the text is cut into lines, each ending after its {@code \n} (the last may have none). The text of
 *       unmarked lines, and of a marked line before its first marker, is collected and passed on as one stream text
 *       before each message and at the end. The rest of a marked line after its first marker, stripped of white space
 *       (the line end), is decoded as a message. So a marker may follow text on its line: text printed without a
 *       line end before a display comes first, then the display.
 *   <li>A message that is not Base64 or not JSON, whose {@code msg_type} is not one of the three types, or whose
 *       {@code content} is not an object, is dropped with a warning in the kernel's log; it never shows as text. A
 *       marked line cut in two when pending output is passed on early (before the cell asks for input, or at its
 *       end) is dropped that way too, and what follows the cut is read as text.
 * </ul>
 */
final class DisplayMarker {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayMarker.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Starts a line that carries a message to the kernel rather than text. */
    static final String MARKER = "\u0000ember-display:";

    /** Messages a cell may send through its output. */
    private static final Set<String> DISPLAY_TYPES = Set.of("display_data", "update_display_data", "clear_output");

    private DisplayMarker() {}

    /** The marked line, without its line end, that carries a message of {@code type} with {@code content}. */
    static String encode(String type, ObjectNode content) throws JsonProcessingException {
        ObjectNode message = JsonNodeFactory.instance.objectNode().put("msg_type", type);
        message.set("content", content);
        return MARKER + Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(message));
    }

    /**
     * Passes on {@code text}, printed by the interpreter's JVM on its stream {@code name}, to {@code out}: marked lines
     * as display messages, the rest as stream text, in order.
     */
    static void forward(String name, String text, Interpreter.Output out) {
        if (!text.contains(MARKER)) {
            out.stream(name, text);
            return;
        }
        // Marked lines are messages from Notebook (displays, progress bars); the rest is text.
        StringBuilder plain = new StringBuilder();
        for (String line : text.split("(?<=\n)")) {
            int marker = line.indexOf(MARKER);
            if (marker < 0) {
                plain.append(line);
                continue;
            }
            plain.append(line, 0, marker);
            if (plain.length() > 0) {
                out.stream(name, plain.toString());
                plain.setLength(0);
            }
            displayMessage(line.substring(marker + MARKER.length()).strip(), out);
        }
        if (plain.length() > 0) {
            out.stream(name, plain.toString());
        }
    }

    private static void displayMessage(String encoded, Interpreter.Output out) {
        try {
            JsonNode message = JSON.readTree(Base64.getDecoder().decode(encoded));
            String type = message.path("msg_type").asText("");
            if (DISPLAY_TYPES.contains(type) && message.path("content").isObject()) {
                out.display(type, (ObjectNode) message.get("content"));
                return;
            }
            LOG.warn("Dropped a display message of type '{}' from the interpreter", type);
        } catch (java.io.IOException | IllegalArgumentException e) {
            LOG.warn("Dropped a malformed display message from the interpreter: {}", e.toString());
        }
    }
}
