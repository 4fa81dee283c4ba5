package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel driven by Jupyter's own client libraries ({@code jupyter_client}, {@code nbclient}), installed with
 * {@code bin/ember kernel install}. Needs a Python with those libraries: {@code build-support/install-test-deps.sh}
 * installs Debian's packages, and CI runs it; elsewhere the test is skipped, saying why.
 */
class KernelIT {
    @TempDir
    Path temp;

    /** A Python that has jupyter_client and nbclient, or null. */
    private static String python() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process probe = new ProcessBuilder(candidate, "-c", "import jupyter_client, nbclient, nbformat")
                        .redirectErrorStream(true)
                        .start();
                probe.getInputStream().readAllBytes();
                if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not there: try the next one
            }
        }
        return null;
    }

    @Test
    void aJupyterClientDrivesTheInstalledKernel() throws Exception {
        String python = python();
        if (python == null && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must run the kernel's end-to-end test, but no Python has jupyter_client and"
                    + " nbclient: build-support/install-test-deps.sh should have installed them");
        }
        Assumptions.assumeTrue(
                python != null,
                "Skipped: no Python with jupyter_client and nbclient here; run build-support/install-test-deps.sh");

        Path prefix = temp.resolve("jupyter-prefix");
        Launcher.Result installed = Launcher.run(
                temp,
                null,
                Map.of(),
                List.of(
                        "kernel",
                        "install",
                        "--prefix",
                        prefix.toString(),
                        "--conf",
                        "ember.kernel.interpreter.memory=768m"));
        assertThat(installed.code()).as(installed.err()).isZero();
        Path spec = prefix.resolve("share/jupyter/kernels/ember/kernel.json");
        assertThat(installed.out()).contains("Installed the kernelspec 'ember' in " + spec.getParent());
        JsonNode kernelJson = new ObjectMapper().readTree(spec.toFile());
        assertThat(kernelJson.get("language").asText()).isEqualTo("java");
        assertThat(kernelJson.get("interrupt_mode").asText()).isEqualTo("message");
        String java = kernelJson.get("argv").get(0).asText();
        assertThat(Path.of(java)).isAbsolute().isRegularFile();
        assertThat(kernelJson.get("argv").get(kernelJson.get("argv").size() - 1).asText())
                .isEqualTo("{connection_file}");

        Launcher.Result cluster = Launcher.run(
                temp,
                null,
                Map.of(),
                List.of(
                        "kernel",
                        "install",
                        "--prefix",
                        prefix.toString(),
                        "--name",
                        "ember-cluster",
                        "--master",
                        "local-cluster[2,1,1024]",
                        "--conf",
                        "ember.executor.memory=512m",
                        "--conf",
                        "ember.kernel.interpreter.memory=768m"));
        assertThat(cluster.code()).as(cluster.err()).isZero();

        Path script = temp.resolve("kernel_e2e.py");
        try (InputStream in = KernelIT.class.getResourceAsStream("/kernel_e2e.py")) {
            Files.copy(in, script);
        }
        Path kernelLog = temp.resolve("kernel.log");
        ProcessBuilder builder = new ProcessBuilder(python, script.toString(), kernelLog.toString())
                .directory(temp.toFile())
                .redirectErrorStream(true);
        builder.environment()
                .put("JUPYTER_PATH", prefix.resolve("share/jupyter").toString());
        builder.environment().put("JUPYTER_RUNTIME_DIR", temp.resolve("runtime").toString());
        builder.environment().put("JUPYTER_PLATFORM_DIRS", "1");
        Process client = builder.start();
        String output = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(client.waitFor(10, TimeUnit.MINUTES)).isTrue();
        String log = Files.exists(kernelLog) ? Files.readString(kernelLog) : "(no kernel log)";
        assertThat(client.exitValue())
                .as("the client's checks:%n%s%nthe kernel's log:%n%s", output, log)
                .isZero();
        assertThat(output)
                .contains(
                        "ok kernel_info", "ok interrupt cancels the cell's jobs, in the background too", "ok notebook")
                .contains("ok a cell's record and lambda on local-cluster executors");
        assertThat(output.lines().filter(line -> line.startsWith("ok ")).count())
                .isGreaterThanOrEqualTo(30);
        // Every piece of bad input was dropped, with the reason in the log.
        assertThat(log)
                .contains("Dropped a message on the shell socket: bad signature")
                .contains("Dropped a message on the shell socket: truncated")
                .contains("Dropped a message on the shell socket: replayed")
                .contains("Dropped a message of unknown type 'no_such_request'");
        List<String> errors = new ArrayList<>();
        log.lines().filter(line -> line.startsWith("SEVERE")).forEach(errors::add);
        assertThat(errors).as("errors in the kernel's log").isEmpty();
    }
}
