package dev.ember.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.Pair;
import dev.ember.connect.ConnectServer;
import dev.ember.connect.client.EmberConnect;
import dev.ember.connect.client.RemotePairRdd;
import dev.ember.connect.client.RemoteRdd;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ember's own client running RDD jobs written with Java lambdas on a Connect server (local mode, in this JVM): the
 * operations of the RDD API, results streamed back through a server buffer far smaller than the result, errors as
 * the engine's exceptions, and the classes of client code the server never had, shipped per session.
 */
class RddClientTest {
    private static ConnectServerFixture fixture;
    private static ConnectServer server;
    private static EmberConnect ember;

    @BeforeAll
    static void start() {
        fixture = new ConnectServerFixture();
        // A buffer of 256 KiB: a larger result only arrives if the client releases what it has read.
        server = fixture.server(Map.of("ember.connect.execute.maxBufferedBytes", "262144"));
        ember = EmberConnect.connect(url());
    }

    @AfterAll
    static void stop() {
        ember.close();
        server.close();
        fixture.close();
    }

    private static String url() {
        return "sc://127.0.0.1:" + server.port();
    }

    @Test
    void wordCountFromATextFile(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("words.txt"), "to be or not\nto be\nthat is the question\n");
        List<Pair<String, Integer>> counts = ember.textFile(text.toString(), 2)
                .flatMap(line -> Arrays.asList(line.split(" ")).iterator())
                .mapToPair(word -> Pair.of(word, 1))
                .reduceByKey(Integer::sum)
                .sortByKey()
                .collect();
        assertThat(counts)
                .containsExactly(
                        Pair.of("be", 2),
                        Pair.of("is", 1),
                        Pair.of("not", 1),
                        Pair.of("or", 1),
                        Pair.of("question", 1),
                        Pair.of("that", 1),
                        Pair.of("the", 1),
                        Pair.of("to", 2));
    }

    @Test
    void actionsComputeWhatTheEngineDoes() {
        RemoteRdd<Integer> numbers = ember.parallelize(List.of(5, 3, 8, 1, 9, 2), 3);
        assertThat(numbers.count()).isEqualTo(6);
        assertThat(numbers.reduce(Integer::sum)).isEqualTo(28);
        assertThat(numbers.fold(0, Math::max)).isEqualTo(9);
        int offset = 100;
        assertThat(numbers.aggregate(
                        new ArrayList<Integer>(),
                        (list, value) -> {
                            list.add(value + offset);
                            return list;
                        },
                        (left, right) -> {
                            left.addAll(right);
                            return left;
                        }))
                .containsExactlyInAnyOrder(105, 103, 108, 101, 109, 102);
        assertThat(numbers.take(2)).containsExactly(5, 3);
        assertThat(numbers.first()).isEqualTo(5);
        assertThat(numbers.sortBy(value -> -value, true, 2).collect()).containsExactly(9, 8, 5, 3, 2, 1);
        assertThat(numbers.filter(value -> value % 2 == 0)
                        .map(value -> value * 10)
                        .collect())
                .containsExactly(80, 20);
        assertThat(numbers.glom().collect()).containsExactly(List.of(5, 3), List.of(8, 1), List.of(9, 2));
        assertThat(numbers.mapPartitionsWithIndex((index, values) -> {
                            List<String> tagged = new ArrayList<>();
                            values.forEachRemaining(value -> tagged.add(index + ":" + value));
                            return tagged.iterator();
                        })
                        .collect())
                .containsExactly("0:5", "0:3", "1:8", "1:1", "2:9", "2:2");
        assertThat(numbers.union(ember.parallelize(List.of(5, 7))).distinct().count())
                .isEqualTo(7);
        assertThat(numbers.zipWithIndex().collect().get(2)).isEqualTo(Pair.of(8, 2L));
        assertThat(ember.parallelize(List.of("a", "b", "a", "c", "a")).countByValue())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 3L, "b", 1L, "c", 1L));
        assertThat(ember.range(0, 1000, 1, 4).sample(false, 0.5, 7).count()).isBetween(350L, 650L);
        assertThat(ember.range(0, 10).take(0)).isEmpty();
    }

    @Test
    void pairOperationsAndJoins() {
        RemotePairRdd<String, Integer> left =
                ember.parallelizePairs(List.of(Pair.of("a", 1), Pair.of("b", 2), Pair.of("a", 3)));
        RemotePairRdd<String, String> right = ember.parallelizePairs(List.of(Pair.of("a", "x"), Pair.of("c", "y")));
        assertThat(left.groupByKey()
                        .mapValues(values ->
                                values.stream().mapToInt(Integer::intValue).sum())
                        .collectAsMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 4, "b", 2));
        // Groups arrive as plain lists, never as the engine's own buffers (which a client without the engine lacks).
        Map<String, List<Integer>> groups = left.groupByKey().collectAsMap();
        assertThat(groups.get("a")).isInstanceOf(ArrayList.class).containsExactlyInAnyOrder(1, 3);
        assertThat(ember.parallelize(List.of(1, 2, 3, 4))
                        .groupBy(x -> x % 2)
                        .collectAsMap()
                        .get(0))
                .isInstanceOf(ArrayList.class)
                .containsExactlyInAnyOrder(2, 4);
        assertThat(left.join(right).collect())
                .containsExactlyInAnyOrder(Pair.of("a", Pair.of(1, "x")), Pair.of("a", Pair.of(3, "x")));
        assertThat(left.leftOuterJoin(right)
                        .filter(pair -> pair.key().equals("b"))
                        .collect())
                .containsExactly(Pair.of("b", Pair.of(2, Optional.empty())));
        assertThat(left.cogroup(right).collectAsMap().get("c")).isEqualTo(Pair.of(List.of(), List.of("y")));
        assertThat(left.countByKey()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 2L, "b", 1L));
        assertThat(left.foldByKey(10, Integer::sum).collectAsMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("a", 24, "b", 12));
        assertThat(left.subtractByKey(right).keys().collect()).containsExactly("b");
        assertThat(left.sortByKey(false).values().collect()).startsWith(2);
    }

    @Test
    void sqlRowsAndCachedLineages() {
        List<List<Object>> rows =
                ember.sql("SELECT id, concat('n', id) AS name FROM range(3)").collect();
        assertThat(rows).containsExactly(List.of(0L, "n0"), List.of(1L, "n1"), List.of(2L, "n2"));

        RemoteRdd<Long> squares = ember.range(0, 100, 1, 2).map(x -> x * x).cache();
        assertThat(squares.count()).isEqualTo(100);
        assertThat(fixture.context.getPersistentRDDs()).isNotEmpty();
        assertThat(squares.reduce(Long::sum))
                .isEqualTo(LongStream.range(0, 100).map(x -> x * x).sum());
    }

    @Test
    void aResultFarLargerThanTheServersBufferArrivesWhole() {
        // About 8 MB of values through a 256 KiB buffer: every slice after the first waits for the client's release.
        List<String> values = ember.range(0, 200_000, 1, 8)
                .map(x -> "value-" + x + "-" + "x".repeat(30))
                .collect();
        assertThat(values).hasSize(200_000);
        assertThat(values.get(123_456)).startsWith("value-123456-");
    }

    @Test
    void aStreamCutByTheNetworkIsResumedAndEveryValueArrivesOnceInOrder() throws Exception {
        try (CuttingProxy proxy = new CuttingProxy(server.port(), 256 * 1024);
                EmberConnect cut = EmberConnect.connect("sc://127.0.0.1:" + proxy.port())) {
            assertThat(cut.range(0, 3).count()).isEqualTo(3);
            proxy.cutAfterNextBytes(400_000);
            List<String> values = cut.range(0, 200_000, 1, 8).map(x -> "v" + x).collect();
            assertThat(proxy.cuts()).as("connections cut").isGreaterThanOrEqualTo(1);
            assertThat(values).hasSize(200_000);
            for (int i = 0; i < values.size(); i++) {
                assertThat(values.get(i)).isEqualTo("v" + i);
            }
        }
    }

    /** Holds the tasks of the progress test (they run in this JVM) until the test has seen a report. */
    private static final java.util.concurrent.CountDownLatch GATE = new java.util.concurrent.CountDownLatch(1);

    @Test
    void progressReportsArriveWhileTheJobStillRuns() throws Exception {
        java.util.concurrent.BlockingQueue<dev.ember.connect.client.JobProgress> reports =
                new java.util.concurrent.LinkedBlockingQueue<>();
        try (ConnectServer reporting = fixture.server(Map.of("ember.connect.progress.reportInterval", "50ms"));
                EmberConnect watched = EmberConnect.builder()
                        .remote("sc://127.0.0.1:" + reporting.port())
                        .progressListener(reports::add)
                        .create()) {
            java.util.concurrent.CompletableFuture<Long> sum =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> watched.range(0, 4, 1, 4)
                            .map(x -> {
                                // Partition 0 finishes; the others wait for the test (at most a minute).
                                if (x > 0 && !GATE.await(60, java.util.concurrent.TimeUnit.SECONDS)) {
                                    throw new IllegalStateException("the test never opened the gate");
                                }
                                return x;
                            })
                            .reduce(Long::sum));
            dev.ember.connect.client.JobProgress seen = null;
            while (seen == null) {
                dev.ember.connect.client.JobProgress report = reports.poll(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(report).as("a progress report within a minute").isNotNull();
                if (report.completedTasks() >= 1 && report.tasks() == 4) {
                    seen = report;
                }
            }
            // The report came while tasks were still held: the job has not finished.
            assertThat(sum).isNotDone();
            assertThat(seen.stages()).anyMatch(stage -> !stage.done());
            assertThat(seen.runningTasks()).isPositive();
            GATE.countDown();
            assertThat(sum.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(6L);
        } finally {
            GATE.countDown();
        }
    }

    @Test
    void failuresArriveAsTheEnginesExceptions() {
        assertThatThrownBy(() -> ember.parallelize(List.of(1, 2, 0), 1)
                        .map(value -> {
                            if (value == 0) {
                                throw new IllegalStateException("zero is not welcome here");
                            }
                            return 10 / value;
                        })
                        .collect())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("zero is not welcome here");
        assertThatThrownBy(() -> ember.parallelize(List.<Integer>of(), 2).reduce(Integer::sum))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("empty RDD");
        Object notSerializable = new Object();
        assertThatThrownBy(() -> ember.range(0, 3).map(x -> x + notSerializable.hashCode()))
                .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                        .isEqualTo(ErrorClass.TASK_NOT_SERIALIZABLE))
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> ember.textFile("/no/such/dir/anywhere").count())
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("/no/such/dir/anywhere");
        // The session goes on serving.
        assertThat(ember.range(0, 5).count()).isEqualTo(5);
    }

    @Test
    void classesTheServerNeverHadAreShippedPerSession(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> Class.forName("gen.WordJob", false, ConnectServer.class.getClassLoader()))
                .isInstanceOf(ClassNotFoundException.class);
        List<String> lines = List.of("a b", "b c c", "c");
        try (URLClassLoader v1 = GeneratedJobs.compile(dir.resolve("v1"), "v1");
                URLClassLoader v2 = GeneratedJobs.compile(dir.resolve("v2"), "v2");
                EmberConnect first = EmberConnect.connect(url());
                EmberConnect second = EmberConnect.connect(url())) {
            // Two sessions with two classes of the same name: each runs its own.
            assertThat(GeneratedJobs.run(v1, first, lines)).containsExactly("a=1@v1", "b=2@v1", "c=3@v1");
            assertThat(GeneratedJobs.run(v2, second, lines)).containsExactly("a=1@v2", "b=2@v2", "c=3@v2");
            // A session whose client changed its code runs the new code, not the classes an earlier job loaded.
            assertThat(GeneratedJobs.run(v2, first, lines)).containsExactly("a=1@v2", "b=2@v2", "c=3@v2");
            // Code rebuilt in place (the same directory, as a notebook's build would) is packed and shipped anew.
            try (URLClassLoader v3 = GeneratedJobs.compile(dir.resolve("v1"), "v3")) {
                assertThat(GeneratedJobs.run(v3, first, lines)).containsExactly("a=1@v3", "b=2@v3", "c=3@v3");
            }
        }
        assertThat(fixture.context.statusTracker().getActiveJobIds()).isEmpty();
    }

    @Test
    void rowsOfTheResultAreInTheRddsOrder() {
        List<Long> values = ember.range(0, 10_000, 3, 7).collect();
        assertThat(values)
                .isEqualTo(LongStream.range(0, 10_000)
                        .filter(x -> x % 3 == 0)
                        .boxed()
                        .collect(Collectors.toList()));
    }
}
