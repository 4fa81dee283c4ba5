package dev.ember.kernel;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What code in a cell can show besides its result: {@code Notebook.display(value)} shows a value in the cell now (as
 * its result would be shown, tables included), {@code Notebook.update(id, value)} replaces a display shown with an
 * id, {@code Notebook.clearOutput()} empties the cell. Runs in the interpreter's JVM; the messages go to the kernel as
 * marked lines of the cell's standard output ({@link DisplayMarker}), which the kernel publishes as messages of the
 * running cell. Without a kernel (plain JShell, a program) they are dropped.
 */
public final class Notebook {
    private static final Logger LOG = LoggerFactory.getLogger(Notebook.class);

    /** The standard output JShell set up, kept even if a cell replaces {@code System.out}. */
    private static final java.io.PrintStream OUT = System.out;

    private Notebook() {}

    /** Shows {@code value} in the running cell; returns the id to {@link #update} it with. */
    public static String display(Object value) {
        String id = UUID.randomUUID().toString();
        send("display_data", content(value, id));
        return id;
    }

    /** Replaces what the display {@code id} shows. */
    public static void update(String id, Object value) {
        send("update_display_data", content(value, id));
    }

    /** Empties the running cell's output. */
    public static void clearOutput() {
        send("clear_output", JsonNodeFactory.instance.objectNode().put("wait", false));
    }

    /** Shows a bundle by MIME type under {@code id}: a new display when {@code update} is false. */
    static void show(String id, Map<String, String> bundle, boolean update) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        ObjectNode data = content.putObject("data");
        bundle.forEach(data::put);
        content.putObject("metadata");
        content.putObject("transient").put("display_id", id);
        send(update ? "update_display_data" : "display_data", content);
    }

    private static ObjectNode content(Object value, String id) {
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        ObjectNode data = content.putObject("data");
        data.put("text/plain", String.valueOf(value));
        Display.render(value).forEach(data::put);
        content.putObject("metadata");
        content.putObject("transient").put("display_id", id);
        return content;
    }

    /** Whether a kernel reads the markers: the interpreter runs in a notebook. */
    static boolean inKernel() {
        return Boolean.getBoolean("dev.ember.kernel.notebook");
    }

    /**
     * Sends a message to the kernel as one marked line on the standard output the interpreter started with: it
     * travels with the cell's own output, in order, and the kernel turns it into the message instead of text.
     */
    private static void send(String type, ObjectNode content) {
        if (!inKernel()) {
            return;
        }
        try {
            String line = DisplayMarker.encode(type, content);
            // One println: whole, between other threads' lines.
            OUT.println(line);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            LOG.warn("Could not send a {} to the kernel: {}", type, e.toString());
        }
    }
}
