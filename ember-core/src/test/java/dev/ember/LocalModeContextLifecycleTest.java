package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starting and stopping contexts, and settings that change how a context behaves. Each test makes and stops its own
 * context, so this class must not run beside another that holds one.
 */
class LocalModeContextLifecycleTest {
    /** Tasks of the job stopped mid-way wait on this; opened after each test. */
    private static volatile CountDownLatch release = new CountDownLatch(0);

    private static EmberConf conf(String master) {
        return new EmberConf(false).setMaster(master).setAppName("lifecycle");
    }

    @AfterEach
    void cleanUp() {
        release.countDown();
        EmberContext.getActive().ifPresent(EmberContext::stop);
    }

    @Test
    void theLogLevelIsSetFromTheSettingAndByTheContext() {
        org.slf4j.Logger probe = org.slf4j.LoggerFactory.getLogger("dev.ember.LocalModeContextLifecycleTest.probe");
        try (JulLevels levels = new JulLevels();
                EmberContext ctx = new EmberContext(conf("local").set("ember.log.level", "error"))) {
            assertThat(probe.isWarnEnabled()).as("ember.log.level=error").isFalse();
            assertThat(probe.isErrorEnabled()).isTrue();
            ctx.setLogLevel("Info");
            assertThat(probe.isInfoEnabled()).isTrue();
            assertThat(probe.isDebugEnabled()).isFalse();
            EmberException wrong = RddConformanceSuite.emberError(() -> ctx.setLogLevel("chatty"));
            assertThat(wrong.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
            assertThat(wrong.getMessage()).contains("Unknown log level 'chatty'");
            assertThat(probe.isInfoEnabled())
                    .as("a refused level changes nothing")
                    .isTrue();
        }
        assertThat(RddConformanceSuite.emberError(
                                () -> new EmberContext(conf("local").set("ember.log.level", "loud")))
                        .getMessage())
                .contains("ember.log.level");
    }

    @Test
    void aStoppedContextRefusesWork() {
        EmberContext ctx = new EmberContext(conf("local[2]"));
        RDD<Integer> rdd = ctx.parallelize(List.of(1, 2, 3), 2);
        assertThat(rdd.count()).isEqualTo(3);
        ctx.stop();
        ctx.stop();
        assertThat(ctx.isStopped()).isTrue();
        assertThat(EmberContext.getActive()).isEmpty();

        EmberException error = RddConformanceSuite.emberError(() -> ctx.parallelize(List.of(1), 1));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.CONTEXT_STOPPED);
        assertThat(RddConformanceSuite.emberError(rdd::collect).errorClass()).isEqualTo(ErrorClass.CONTEXT_STOPPED);
        assertThat(RddConformanceSuite.emberError(() -> ctx.textFile("x")).errorClass())
                .isEqualTo(ErrorClass.CONTEXT_STOPPED);

        try (EmberContext next = new EmberContext(conf("local"))) {
            assertThat(next.parallelize(List.of(4, 5), 2).collect()).containsExactly(4, 5);
            assertThat(EmberContext.getActive()).containsSame(next);
        }
        assertThat(EmberContext.getActive()).isEmpty();
    }

    @Test
    void stoppingFailsRunningJobs() {
        release = new CountDownLatch(1);
        EmberContext ctx = new EmberContext(conf("local[2]"));
        JobFuture<List<Integer>> future = ctx.parallelize(List.of(1, 2), 2)
                .map(x -> {
                    release.await(60, TimeUnit.SECONDS);
                    return x;
                })
                .collectAsync();
        StatusWaiter.await(ctx, Duration.ofSeconds(30), "the job runs", () -> !ctx.statusTracker()
                .getActiveJobIds()
                .isEmpty());
        ctx.stop();
        EmberException error = RddConformanceSuite.emberError(future::get);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.CONTEXT_STOPPED);
        assertThat(future.isDone()).isTrue();
    }

    @Test
    void invalidConfigurationsAreRefused() {
        assertThat(RddConformanceSuite.emberError(() -> new EmberContext(new EmberConf(false).setAppName("no master")))
                        .errorClass())
                .isEqualTo(ErrorClass.MISSING_CONFIG);
        assertThat(RddConformanceSuite.emberError(() -> new EmberContext(new EmberConf(false).setMaster("local")))
                        .errorClass())
                .isEqualTo(ErrorClass.MISSING_CONFIG);
        for (String master : new String[] {"local[0]", "local[x]", "yarn-ish", "local[2,0]"}) {
            assertThat(RddConformanceSuite.emberError(() -> new EmberContext(conf(master)))
                            .errorClass())
                    .as(master)
                    .isEqualTo(ErrorClass.INVALID_MASTER_URL);
        }
        // A Spark master URL is answered with the Ember one it probably means.
        assertThat(RddConformanceSuite.emberError(() -> new EmberContext(conf("spark://master.example:7077")))
                        .getMessage())
                .contains("Invalid master URL 'spark://master.example:7077'")
                .contains("did you mean 'ember://master.example:7077'? Expected local");
        assertThat(RddConformanceSuite.emberError(
                                () -> new EmberContext(conf("local").set("ember.default.parallelism", "zero")))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_CONFIG_VALUE);
        assertThat(EmberContext.getActive()).as("no failed start stays active").isEmpty();
    }

    @Test
    void maxFailuresFromTheMasterUrl() {
        try (EmberContext ctx = new EmberContext(conf("local[2,1]"))) {
            RDD<Integer> failing = ctx.parallelize(List.of(1, 2, 3), 3).map(x -> {
                if (x == 2) {
                    throw new IllegalStateException("no retries");
                }
                return x;
            });
            EmberException error = RddConformanceSuite.emberError(failing::collect);
            assertThat(error.getMessage()).contains("failed 1 times").contains("Task 1 ");
            assertThat(ctx.parallelize(List.of(1, 2, 3), 3).count()).isEqualTo(3);
        }
    }

    @Test
    void defaultParallelismSetting() {
        try (EmberContext ctx = new EmberContext(conf("local[2]").set("ember.default.parallelism", "5"))) {
            assertThat(ctx.defaultParallelism()).isEqualTo(5);
            assertThat(ctx.parallelize(List.of(1, 2, 3)).getNumPartitions()).isEqualTo(5);
            assertThat(ctx.range(0, 10).getNumPartitions()).isEqualTo(5);
            PairRDD<Integer, Integer> pairs =
                    ctx.parallelizePairs(List.of(Pair.of(1, 1), Pair.of(2, 2), Pair.of(1, 3)), 2);
            assertThat(pairs.reduceByKey(Integer::sum).getNumPartitions()).isEqualTo(5);
            assertThat(pairs.reduceByKey(Integer::sum).collectAsMap())
                    .containsEntry(1, 4)
                    .containsEntry(2, 2);
        }
    }

    @Test
    void checkpointsCanBeCleanedWhenTheContextStops(@TempDir Path directory) {
        EmberContext ctx =
                new EmberContext(conf("local[2]").set("ember.cleaner.referenceTracking.cleanCheckpoints", "true"));
        ctx.setCheckpointDir(directory.toString());
        RDD<Integer> rdd = ctx.parallelize(List.of(1, 2, 3), 2);
        rdd.checkpoint();
        assertThat(rdd.count()).isEqualTo(3);
        Path written = Path.of(rdd.getCheckpointFile().orElseThrow());
        assertThat(written).isDirectory();
        ctx.stop();
        assertThat(Files.exists(written)).isFalse();
    }

    @Test
    void theAddedFilesDirectoryLivesAsLongAsItsContext(@TempDir Path directory) throws Exception {
        assertThat(RddConformanceSuite.emberError(() -> EmberFiles.get("a.txt")).errorClass())
                .as("no context yet")
                .isEqualTo(ErrorClass.CONTEXT_STOPPED);
        Path local = directory.resolve("local");
        EmberContext ctx = new EmberContext(conf("local[2]").set("ember.local.dir", local.toString()));
        Path root = Path.of(EmberFiles.getRootDirectory());
        assertThat(root).isDirectory().startsWith(local);
        Path file = Files.writeString(directory.resolve("a.txt"), "content");
        ctx.addFile(file.toString());
        assertThat(root.resolve("a.txt")).hasContent("content");
        EmberException holdsRoot = RddConformanceSuite.emberError(() -> ctx.addFile(directory.toString(), true));
        assertThat(holdsRoot.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(holdsRoot.getMessage()).contains("holds the driver's directory of added files", root.toString());
        ctx.stop();
        assertThat(root).doesNotExist();
        EmberException stopped = RddConformanceSuite.emberError(() -> EmberFiles.getRootDirectory());
        assertThat(stopped.errorClass()).isEqualTo(ErrorClass.CONTEXT_STOPPED);
        assertThat(stopped.getMessage()).contains("while its EmberContext runs");
        assertThat(RddConformanceSuite.emberError(() -> ctx.addFile(file.toString()))
                        .errorClass())
                .isEqualTo(ErrorClass.CONTEXT_STOPPED);

        try (EmberContext next = new EmberContext(conf("local[2]"))) {
            assertThat(Path.of(EmberFiles.getRootDirectory()))
                    .as("a new context, a new directory, empty")
                    .isNotEqualTo(root)
                    .isEmptyDirectory();
        }
    }
}
