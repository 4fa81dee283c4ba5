package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A standalone cluster made of the distribution's own daemons, {@code bin/ember master} and {@code bin/ember worker},
 * each a real process, with applications submitted to it by {@code bin/ember}. Authentication is on throughout.
 */
class StandaloneClusterIT {
    private static final Path DIST = Launcher.dist();
    private static final String SECRET = "standalone-it-secret";
    private static final List<String> CLUSTER_CONF =
            List.of("--conf", "ember.authenticate=true", "--conf", "ember.worker.timeout=10s");

    @TempDir
    Path temp;

    private final Daemons daemons = new Daemons();

    @AfterEach
    void stopDaemons() throws Exception {
        daemons.close();
    }

    /** Starts {@code bin/ember args} with the cluster's settings and returns its line starting with {@code ready}. */
    private String startDaemon(String ready, List<String> args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(DIST.resolve("bin/ember").toString());
        command.addAll(args);
        command.addAll(CLUSTER_CONF);
        return daemons.start(
                command,
                Map.of("EMBER_AUTH_SECRET", SECRET),
                temp.resolve("daemon-" + System.nanoTime() + ".log"),
                ready);
    }

    /** Starts {@code bin/ember master} on any port; returns its URL. */
    private String startMaster() throws Exception {
        String started = startDaemon("Master started at ", List.of("master", "--host", "127.0.0.1", "--port", "0"));
        return started.substring("Master started at ".length()).trim();
    }

    /** Starts the {@code index}-th worker (one core, 1g) with {@code extra} arguments; returns its start line. */
    private String startWorker(String master, int index, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "worker",
                master,
                "--host",
                "127.0.0.1",
                "--cores",
                "1",
                "--memory",
                "1g",
                "--work-dir",
                temp.resolve("work-" + index).toString()));
        args.addAll(List.of(extra));
        return startDaemon("Worker ", args);
    }

    private Launcher.Result ember(String secret, String... args) throws Exception {
        return Launcher.run(temp, null, Map.of("EMBER_AUTH_SECRET", secret), List.of(args));
    }

    private Launcher.Result wordCount(String master, Path input, String secret) throws Exception {
        return ember(
                secret,
                "run-example",
                "--master",
                master,
                "--conf",
                "ember.authenticate=true",
                "--conf",
                "ember.executor.memory=512m",
                "--conf",
                "ember.log.level=INFO",
                "WordCount",
                input.toString(),
                "2");
    }

    @Test
    void applicationsRunOnDaemonsAndSurviveALostWorker() throws Exception {
        String master = startMaster();
        assertThat(master).startsWith("ember://127.0.0.1:");
        for (int i = 0; i < 2; i++) {
            startWorker(master, i);
        }
        Path input = temp.resolve("input.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            text.append("b a b\nc b a\n");
        }
        Files.writeString(input, text);

        Launcher.Result result = wordCount(master, input, SECRET);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out().lines().toList()).containsExactly("b: 6000", "a: 4000");
        // The executors ran in the workers' directories and fetched the examples jar from the driver (their worker
        // deletes the jar once they exited, which may be before this looks; their log stays).
        try (var files = Files.walk(temp.resolve("work-0"))) {
            List<Path> logs = files.filter(path -> path.getFileName().toString().equals("stderr"))
                    .toList();
            assertThat(logs).isNotEmpty();
            String log = Files.readString(logs.get(0));
            assertThat(log).contains("Fetched 1 jar(s) from the driver").contains("ember-examples");
        }

        // Cluster deploy mode: a worker runs the driver; the client waits for it and says where its output is.
        Launcher.Result clusterMode = ember(
                SECRET,
                "submit",
                "--deploy-mode",
                "cluster",
                "--master",
                master,
                "--conf",
                "ember.authenticate=true",
                "--conf",
                "ember.executor.memory=512m",
                "--driver-memory",
                "512m",
                "--class",
                "dev.ember.examples.WordCount",
                Launcher.dist().resolve("examples/jars").toFile().listFiles()[0].toString(),
                input.toString(),
                "2");
        assertThat(clusterMode.code()).as(clusterMode.err()).isZero();
        String finished = clusterMode
                .out()
                .lines()
                .filter(line -> line.startsWith("Driver ") && line.contains(" finished"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(clusterMode.out()));
        Path driverDir = Path.of(
                finished.substring(finished.indexOf("output in ") + "output in ".length(), finished.length() - 1));
        assertThat(Files.readAllLines(driverDir.resolve("stdout"))).containsExactly("b: 6000", "a: 4000");

        // SQL on the same cluster: bin/ember sql as the driver, executors on the workers; a text scan, a generator,
        // an aggregation, a range-partitioned sort and a sort-merge join, each moving rows between the processes.
        Launcher.Result sql = ember(
                SECRET,
                "sql",
                "--master",
                master,
                "--conf",
                "ember.authenticate=true",
                "--conf",
                "ember.executor.memory=512m",
                "--output-format",
                "csv",
                "-e",
                "CREATE TEMPORARY VIEW lines USING text OPTIONS (path '" + input + "');"
                        + " SELECT word, count(*) AS n FROM (SELECT explode(split(value, ' ')) AS word FROM lines)"
                        + " GROUP BY word ORDER BY n DESC;"
                        + " SELECT /*+ MERGE(b) */ count(*) AS matched, sum(a.id) AS total FROM range(0, 10000, 1, 3) a"
                        + " JOIN range(5000, 20000, 1, 2) b ON a.id = b.id;");
        assertThat(sql.code()).as(sql.err()).isZero();
        assertThat(sql.out().lines().toList())
                .containsExactly("word,n", "b,6000", "a,4000", "c,2000", "matched,total", "5000,37497500");

        Launcher.Result wrongSecret = wordCount(master, input, "not-the-secret");
        assertThat(wrongSecret.code()).isEqualTo(1);
        assertThat(wrongSecret.err()).containsIgnoringCase("authentic");

        // A worker killed outright: the master notices, and the next application runs on the other one.
        Process worker = daemons.get(2);
        worker.toHandle().destroyForcibly();
        assertThat(worker.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Launcher.Result afterLoss = wordCount(master, input, SECRET);
        assertThat(afterLoss.code()).as(afterLoss.err()).isZero();
        assertThat(afterLoss.out().lines().toList()).containsExactly("b: 6000", "a: 4000");
    }

    @Test
    void workersLeaveByDecommissionFromTheCommandLineOrWhenToldToStop() throws Exception {
        String master = startMaster();
        List<String> workerIds = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            // The second one decommissions itself when told to stop.
            String line = startWorker(master, i, "--conf", "ember.decommission.enabled=" + (i == 1));
            workerIds.add(line.split(" ")[1]);
        }

        Launcher.Result unknown = ember(
                SECRET, "worker", master, "--decommission", "no-such-worker", "--conf", "ember.authenticate=true");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).contains("No active worker matches [no-such-worker]", workerIds.get(0));

        Launcher.Result decommissioned = ember(
                SECRET, "worker", master, "--decommission", workerIds.get(0), "--conf", "ember.authenticate=true");
        assertThat(decommissioned.code()).as(decommissioned.err()).isZero();
        assertThat(decommissioned.out())
                .contains(
                        "Decommissioning " + workerIds.get(0), "Worker " + workerIds.get(0) + " left: DECOMMISSIONED");
        Process first = daemons.get(1);
        assertThat(first.waitFor(60, TimeUnit.SECONDS))
                .as("the decommissioned worker exits")
                .isTrue();
        assertThat(first.exitValue()).isZero();

        Process second = daemons.get(2);
        second.destroy(); // SIGTERM
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Launcher.Result status = ember(SECRET, "status", "--master", master, "--conf", "ember.authenticate=true");
        assertThat(status.code()).as(status.err()).isZero();
        assertThat(status.out().lines().filter(line -> line.startsWith("worker-")))
                .allSatisfy(line -> assertThat(line).contains("DECOMMISSIONED"))
                .hasSize(2);
    }
}
