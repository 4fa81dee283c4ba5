package dev.ember.kernel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the kernelspec that makes Jupyter offer this kernel: {@code KERNELS_DIR/NAME/kernel.json} with the command
 * that starts it (an absolute path to the JVM), {@code interrupt_mode: message} and language {@code java}.
 */
public final class KernelSpec {
    private KernelSpec() {}

    /** The user's kernels directory, where Jupyter looks: {@code JUPYTER_DATA_DIR}, else the platform's default. */
    public static Path userKernelsDir(Map<String, String> environment) {
        String dataDir = environment.get("JUPYTER_DATA_DIR");
        if (dataDir != null && !dataDir.isBlank()) {
            return Path.of(dataDir, "kernels");
        }
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library/Jupyter/kernels");
        }
        if (os.contains("win")) {
            String appData = environment.get("APPDATA");
            return Path.of(appData == null ? home.toString() : appData, "jupyter", "kernels");
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path data = xdg == null || xdg.isBlank() ? home.resolve(".local/share") : Path.of(xdg);
        return data.resolve("jupyter/kernels");
    }

    /** The kernels directory under a Python environment's prefix ({@code sys.prefix}). */
    public static Path prefixKernelsDir(Path prefix) {
        return prefix.resolve("share/jupyter/kernels");
    }

    /**
     * Writes {@code kernel.json} for {@code argv} (whose {@code {connection_file}} Jupyter replaces) under
     * {@code kernelsDir/name}; returns the directory.
     */
    public static Path install(
            Path kernelsDir, String name, String displayName, List<String> argv, Map<String, String> environment) {
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A kernel name may use letters, digits, '.', '_' and '-' only, got '" + name + "'");
        }
        ObjectNode spec = JsonNodeFactory.instance.objectNode();
        ArrayNode command = spec.putArray("argv");
        argv.forEach(command::add);
        spec.put("display_name", displayName);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        ObjectNode env = spec.putObject("env");
        environment.forEach(env::put);
        spec.putObject("metadata").put("debugger", false);
        Path dir = kernelsDir.resolve(name);
        try {
            Files.createDirectories(dir);
            Files.writeString(
                    dir.resolve("kernel.json"),
                    new ObjectMapper()
                                    .enable(SerializationFeature.INDENT_OUTPUT)
                                    .writeValueAsString(spec) + "\n");
        } catch (IOException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "Cannot write the kernelspec into " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
