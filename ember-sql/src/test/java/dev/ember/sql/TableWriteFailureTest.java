package dev.ember.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes into tables that fail half-way: a driver process killed in the middle of {@code INSERT OVERWRITE} leaves the
 * table exactly as it was; an executor killed in the middle (on a local cluster) costs retries, never a row twice.
 */
class TableWriteFailureTest {
    @TempDir
    Path warehouse;

    private static List<String> summary(EmberSession session) {
        return session.sql("SELECT v, count(*), count(DISTINCT id), sum(id) FROM t GROUP BY v").collectAsList().stream()
                .map(Row::toString)
                .toList();
    }

    @Test
    void aDriverKilledInTheMiddleOfAnOverwriteLeavesTheTableAsItWas() throws Exception {
        try (EmberSession session = EmberSession.builder()
                .master("local[2]")
                .appName("driver-killed")
                .config("ember.sql.warehouse.dir", warehouse.toString())
                .getOrCreate()) {
            session.sql("CREATE TABLE t (id BIGINT, v STRING) USING parquet");
            session.sql("INSERT INTO t SELECT id, 'old' FROM range(1000)");
            List<String> before = summary(session);
            assertThat(before).containsExactly("[old,1000,1000,499500]");

            String java = ProcessHandle.current().info().command().orElse("java");
            Process driver = new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            StalledInsertMain.class.getName(),
                            warehouse.toString())
                    .redirectErrorStream(true)
                    .start();
            try {
                CompletableFuture<Boolean> stalled = CompletableFuture.supplyAsync(() -> {
                    try (BufferedReader out = new BufferedReader(
                            new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String line = out.readLine(); line != null; line = out.readLine()) {
                            if (line.equals("STALLED")) {
                                return true;
                            }
                        }
                        return false;
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
                assertThat(stalled.get(2, TimeUnit.MINUTES))
                        .as("the driver reached the middle of its job")
                        .isTrue();
            } finally {
                driver.destroyForcibly();
                assertThat(driver.waitFor(1, TimeUnit.MINUTES)).isTrue();
            }
            // Other tasks of the dead job finished and committed their files to the staging directory; none shows.
            assertThat(summary(session)).isEqualTo(before);
            assertThat(session.newSession()
                            .sql("SELECT count(*) FROM t")
                            .first()
                            .getLong(0))
                    .isEqualTo(1000);
            // The next overwrite works, and replaces the rows once.
            session.sql("INSERT OVERWRITE t SELECT id, 'new' FROM range(500)");
            assertThat(summary(session)).containsExactly("[new,500,500,124750]");
        }
    }

    @Test
    void anExecutorKilledInTheMiddleOfAnOverwriteCostsRetriesNotRows() {
        try (EmberSession session = EmberSession.builder()
                .master("local-cluster[2,1,1024]")
                .appName("executor-killed")
                .config("ember.task.maxFailures", "8")
                .config("ember.sql.warehouse.dir", warehouse.toString())
                .getOrCreate()) {
            session.sql("CREATE TABLE t (id BIGINT, v STRING) USING parquet");
            session.sql("INSERT INTO t SELECT id, 'old' FROM range(1000)");
            // The executors' processes, as they report themselves.
            List<Long> executors = session.emberContext()
                    .parallelize(java.util.stream.IntStream.range(0, 40).boxed().toList(), 40)
                    .map(ignored -> ProcessHandle.current().pid())
                    .distinct()
                    .collect();
            assertThat(executors).hasSize(2);
            AtomicBoolean killed = new AtomicBoolean();
            java.util.Set<Integer> writeStages = java.util.concurrent.ConcurrentHashMap.newKeySet();
            session.emberContext().addListener(new EmberListener() {
                @Override
                public void onJobStart(EmberListenerEvent.JobStart event) {
                    if ("insert".equals(event.properties().getProperty("test.phase"))) {
                        writeStages.addAll(event.stageIds());
                    }
                }

                @Override
                public void onTaskEnd(EmberListenerEvent.TaskEnd event) {
                    // After the first task of the write, while the others run: one executor dies.
                    if (writeStages.contains(event.stageId()) && killed.compareAndSet(false, true)) {
                        ProcessHandle.of(executors.get(0)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            });
            session.emberContext().setLocalProperty("test.phase", "insert");
            session.sql("INSERT OVERWRITE t SELECT id, 'new' FROM range(0, 400000, 1, 16)");
            session.emberContext().setLocalProperty("test.phase", null);
            assertThat(killed).isTrue();
            assertThat(summary(session)).containsExactly("[new,400000,400000,79999800000]");
        }
    }
}
