package dev.ember.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.connect.client.EmberConnect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/ember connect} from the distribution, on a standalone cluster of the distribution's own daemons, driven by
 * Ember's Java client. The Connect server's libraries sit in {@code lib/connect}, on the class path of
 * {@code ember connect} only: the executors the worker starts run the clients' RDD jobs without them.
 */
class ConnectIT {
    private static final Path DIST = Launcher.dist();
    private static final String SECRET = "connect-it-secret";
    private static final String TOKEN = "connect-it-token";

    @TempDir
    Path temp;

    private final Daemons daemons = new Daemons();

    @AfterEach
    void stop() throws Exception {
        daemons.close();
    }

    private String start(String ready, List<String> args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(DIST.resolve("bin/ember").toString());
        command.addAll(args);
        command.addAll(List.of("--conf", "ember.authenticate=true"));
        return daemons.start(
                command,
                Map.of("EMBER_AUTH_SECRET", SECRET, "EMBER_CONNECT_TOKEN", TOKEN),
                temp.resolve("daemon-" + System.nanoTime() + ".log"),
                ready);
    }

    @Test
    void theServersLibrariesStayOutOfEveryOtherClassPath() throws Exception {
        List<String> lib = jars(DIST.resolve("lib"));
        List<String> connect = jars(DIST.resolve("lib/connect"));
        assertThat(lib)
                .noneMatch(jar -> jar.startsWith("grpc-")
                        || jar.startsWith("protobuf-java")
                        || jar.startsWith("guava-")
                        || jar.startsWith("arrow-")
                        || jar.startsWith("gson-"))
                .anyMatch(jar -> jar.startsWith("ember-connect-0"));
        assertThat(connect)
                .anyMatch(jar -> jar.startsWith("grpc-netty-shaded-"))
                .anyMatch(jar -> jar.startsWith("protobuf-java-"))
                .anyMatch(jar -> jar.startsWith("arrow-vector-"))
                .anyMatch(jar -> jar.startsWith("ember-connect-protocol-"));
    }

    @Test
    void rddJobsRunOnAStandaloneClusterThroughTheLauncher() throws Exception {
        String master = start("Master started at ", List.of("master", "--host", "127.0.0.1", "--port", "0"))
                .substring("Master started at ".length())
                .trim();
        start(
                "Worker ",
                List.of(
                        "worker",
                        master,
                        "--host",
                        "127.0.0.1",
                        "--cores",
                        "2",
                        "--memory",
                        "1g",
                        "--work-dir",
                        temp.resolve("work").toString()));
        String started = start(
                "Spark Connect server at ",
                List.of(
                        "connect",
                        "--host",
                        "127.0.0.1",
                        "--port",
                        "0",
                        "--master",
                        master,
                        "--conf",
                        "ember.executor.memory=512m"));
        String address = started.substring("Spark Connect server at ".length()).split(" ")[0];

        try (EmberConnect ember = EmberConnect.connect(address + "/;token=" + TOKEN + ";use_ssl=false")) {
            List<Pair<String, Integer>> counts = ember.parallelize(List.of("a b", "b c c", "c"), 3)
                    .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                    .mapToPair(word -> Pair.of(word, 1))
                    .reduceByKey(Integer::sum)
                    .sortByKey()
                    .collect();
            assertThat(counts).containsExactly(Pair.of("a", 1), Pair.of("b", 2), Pair.of("c", 3));
            assertThat(ember.range(0, 1000, 1, 4).countByValue()).hasSize(1000);
            assertThat(ember.range(0, 20, 1, 2)
                            .mapToPair(x -> Pair.of(x % 2, x))
                            .groupByKey()
                            .collectAsMap()
                            .get(1L))
                    .hasSize(10);
            assertThat(ember.sql("SELECT id * 2 AS twice FROM range(5)")
                            .map(row -> (Long) row.get(0))
                            .reduce(Long::sum))
                    .isEqualTo(20L);
        }
        try (EmberConnect intruder = EmberConnect.connect(address + "/;token=wrong;use_ssl=false")) {
            assertThatThrownBy(() -> intruder.range(0, 3).count())
                    .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                            .isEqualTo(ErrorClass.AUTHENTICATION_FAILED));
        }
    }

    private static List<String> jars(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".jar"))
                    .toList();
        }
    }
}
