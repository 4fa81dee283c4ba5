package dev.ember.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionInfoTest {
    @TempDir
    Path dir;

    private Path file(String json) throws Exception {
        Path file = dir.resolve("kernel-" + System.nanoTime() + ".json");
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsAJupyterConnectionFile() throws Exception {
        ConnectionInfo info = ConnectionInfo.read(file("{\"shell_port\": 5001, \"iopub_port\": 5002,"
                + " \"stdin_port\": 5003, \"control_port\": 5004, \"hb_port\": 5005, \"ip\": \"127.0.0.1\","
                + " \"key\": \"abc\", \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\","
                + " \"kernel_name\": \"ember\", \"extra\": 1}"));
        assertThat(info.address(info.shellPort())).isEqualTo("tcp://127.0.0.1:5001");
        assertThat(info.keyBytes()).hasSize(3);
    }

    @Test
    void badConnectionFilesSayWhatIsWrongAndWhere() throws Exception {
        String ports = "\"shell_port\": 1, \"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5,";
        Path ipc = file("{" + ports + " \"ip\": \"x\", \"transport\": \"ipc\"}");
        assertThatThrownBy(() -> ConnectionInfo.read(ipc))
                .hasMessageContaining(ipc.toString())
                .hasMessageContaining("tcp only");
        Path md5 = file("{" + ports + " \"ip\": \"x\", \"transport\": \"tcp\", \"key\": \"k\","
                + " \"signature_scheme\": \"hmac-md5\"}");
        assertThatThrownBy(() -> ConnectionInfo.read(md5)).hasMessageContaining("hmac-sha256");
        Path port = file("{\"shell_port\": 0, \"ip\": \"x\", \"transport\": \"tcp\"}");
        assertThatThrownBy(() -> ConnectionInfo.read(port)).hasMessageContaining("ports must be from 1 to 65535");
        Path garbage = file("{ not json");
        assertThatThrownBy(() -> ConnectionInfo.read(garbage)).hasMessageContaining("Cannot read the connection file");
    }

    @Test
    void theKernelspecHasTheCommandAndInterruptMode() throws Exception {
        Path installed = KernelSpec.install(
                dir, "ember-test", "Ember Test", List.of("/usr/bin/java", "{connection_file}"), Map.of("A", "b"));
        String json = Files.readString(installed.resolve("kernel.json"));
        assertThat(json)
                .contains("\"interrupt_mode\" : \"message\"", "\"language\" : \"java\"", "\"{connection_file}\"")
                .contains("\"A\" : \"b\"");
        assertThatThrownBy(() -> KernelSpec.install(dir, "../escape", "x", List.of(), Map.of()))
                .hasMessageContaining("letters, digits");
        assertThat(KernelSpec.userKernelsDir(Map.of("JUPYTER_DATA_DIR", "/data/jupyter")))
                .isEqualTo(Path.of("/data/jupyter/kernels"));
    }
}
