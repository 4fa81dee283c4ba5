package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster over two hosts made of Linux network namespaces joined by a virtual cable: host A (10.213.0.1) runs the
 * master and a worker, host B (10.213.0.2) a worker and the driver. Each process can reach the others only through
 * the addresses it advertises, as on real machines. Needs {@code ip} (iproute2) and the right to create network
 * namespaces (root or CAP_NET_ADMIN); skipped with the reason where the machine does not allow it.
 */
class MultiHostClusterIT {
    private static final Path DIST = Launcher.dist();
    private static final String HOST_A = "10.213.0.1";
    private static final String HOST_B = "10.213.0.2";

    @TempDir
    Path temp;

    private final String suffix = Long.toString(ProcessHandle.current().pid() % 100000);
    private final String namespaceA = "ember-a-" + suffix;
    private final String namespaceB = "ember-b-" + suffix;
    private final Daemons daemons = new Daemons();
    private boolean created;

    @AfterEach
    void tearDown() throws Exception {
        daemons.close();
        if (created) {
            run("ip", "netns", "del", namespaceA);
            run("ip", "netns", "del", namespaceB);
        }
    }

    /** Runs a command to completion; returns its exit code and output. */
    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out";
        }
        return process.exitValue() == 0 ? null : output.isEmpty() ? "exit " + process.exitValue() : output;
    }

    private void createHosts() throws Exception {
        String failure;
        try {
            failure = run("ip", "netns", "add", namespaceA);
        } catch (IOException e) {
            failure = "iproute2 is not installed (" + e.getMessage() + ")";
        }
        Assumptions.assumeTrue(
                failure == null,
                "Skipped: this machine does not let the test create network namespaces (needs ip from iproute2 and"
                        + " root or CAP_NET_ADMIN): " + failure);
        created = true;
        String vethA = "vea" + suffix;
        String vethB = "veb" + suffix;
        List<String[]> steps = List.of(
                new String[] {"ip", "netns", "add", namespaceB},
                new String[] {
                    "ip",
                    "link",
                    "add",
                    vethA,
                    "netns",
                    namespaceA,
                    "type",
                    "veth",
                    "peer",
                    "name",
                    vethB,
                    "netns",
                    namespaceB
                },
                new String[] {"ip", "-n", namespaceA, "addr", "add", HOST_A + "/24", "dev", vethA},
                new String[] {"ip", "-n", namespaceB, "addr", "add", HOST_B + "/24", "dev", vethB},
                new String[] {"ip", "-n", namespaceA, "link", "set", vethA, "up"},
                new String[] {"ip", "-n", namespaceB, "link", "set", vethB, "up"},
                new String[] {"ip", "-n", namespaceA, "link", "set", "lo", "up"},
                new String[] {"ip", "-n", namespaceB, "link", "set", "lo", "up"});
        for (String[] step : steps) {
            String stepFailure = run(step);
            Assumptions.assumeTrue(
                    stepFailure == null,
                    "Skipped: could not build the two hosts (" + String.join(" ", step) + "): " + stepFailure);
        }
    }

    private List<String> onHost(String namespace, String... emberArgs) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.add(DIST.resolve("bin/ember").toString());
        command.addAll(List.of(emberArgs));
        return command;
    }

    @Test
    void anApplicationOnOneHostUsesExecutorsOnBoth() throws Exception {
        createHosts();
        String master = daemons.start(
                        onHost(namespaceA, "master", "--host", HOST_A, "--port", "7077"),
                        Map.of(),
                        temp.resolve("master.log"),
                        "Master started at ")
                .substring("Master started at ".length())
                .trim();
        assertThat(master).isEqualTo("ember://" + HOST_A + ":7077");
        daemons.start(
                onHost(
                        namespaceA,
                        "worker",
                        master,
                        "--host",
                        HOST_A,
                        "--cores",
                        "1",
                        "--memory",
                        "1g",
                        "--work-dir",
                        temp.resolve("work-a").toString()),
                Map.of(),
                temp.resolve("worker-a.log"),
                "Worker ");
        daemons.start(
                onHost(
                        namespaceB,
                        "worker",
                        master,
                        "--host",
                        HOST_B,
                        "--cores",
                        "1",
                        "--memory",
                        "1g",
                        "--work-dir",
                        temp.resolve("work-b").toString()),
                Map.of(),
                temp.resolve("worker-b.log"),
                "Worker ");

        Path input = temp.resolve("input.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("x y x\nz x\n");
        }
        Files.writeString(input, text);
        List<String> driver = new ArrayList<>(List.of("ip", "netns", "exec", namespaceB));
        driver.addAll(List.of(
                DIST.resolve("bin/ember").toString(),
                "run-example",
                "--master",
                master,
                "--conf",
                "ember.driver.host=" + HOST_B,
                "--conf",
                "ember.executor.memory=512m",
                "--conf",
                "ember.cores.max=2",
                "--conf",
                "ember.default.parallelism=4",
                "WordCount",
                input.toString(),
                "2"));
        Process process = new ProcessBuilder(driver)
                .redirectOutput(temp.resolve("driver.out").toFile())
                .redirectError(temp.resolve("driver.err").toFile())
                .start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as("the driver finished")
                .isTrue();
        String err = Files.readString(temp.resolve("driver.err"));
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(Files.readAllLines(temp.resolve("driver.out"))).containsExactly("x: 9000", "y: 3000");
        // Each host ran an executor of the application.
        for (String host : List.of("work-a", "work-b")) {
            try (Stream<Path> files = Files.walk(temp.resolve(host))) {
                assertThat(files.anyMatch(path -> path.getFileName().toString().equals("stderr")))
                        .as("an executor ran on %s", host)
                        .isTrue();
            }
        }
    }
}
