package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application whose executors no worker of the cluster could ever run (more memory or cores per executor than the
 * largest worker has) fails to start with the master's reason, instead of waiting for executors that never come.
 */
class LocalClusterExecutorFitTest {
    @Test
    void anExecutorLargerThanEveryWorkerFailsTheStartWithTheReason(@TempDir Path temp) throws Exception {
        EmberConf conf = new EmberConf(false);
        try (Master master = Master.start(conf, "127.0.0.1", 0);
                Worker worker = Worker.start(conf, "127.0.0.1", 0, master.address(), 1, 512, temp.resolve("work"))) {
            master.awaitState(state -> state.workers().size() == 1, Duration.ofSeconds(30));
            assertThatThrownBy(() -> new EmberContext(new EmberConf(false)
                            .setMaster(master.url())
                            .setAppName("too-large")
                            .set("ember.executor.memory", "2g")))
                    .isInstanceOfSatisfying(EmberException.class, e -> assertThat(e.errorClass())
                            .isEqualTo(ErrorClass.APPLICATION_REMOVED))
                    .hasMessageContaining("wants 2048 MB per executor (ember.executor.memory), more than any worker"
                            + " has (512 MB)");
            assertThat(master.awaitState(state -> state.apps().isEmpty(), Duration.ofSeconds(30))
                            .apps())
                    .as("the master keeps nothing of it")
                    .isEmpty();
            // The next application of the JVM starts and runs on the same cluster.
            try (EmberContext ctx = new EmberContext(new EmberConf(false)
                    .setMaster(master.url())
                    .setAppName("fits")
                    .set("ember.executor.memory", "512m"))) {
                assertThat(ctx.parallelize(List.of(1, 2, 3), 2).count()).isEqualTo(3);
            }
        }
    }

    @Test
    void moreCoresPerExecutorThanAnyWorkerHasFailsTheStartToo() {
        assertThatThrownBy(() -> new EmberContext(new EmberConf(false)
                        .setMaster("local-cluster[1,2,512]")
                        .setAppName("too-many-cores")
                        .set("ember.executor.cores", "4")))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining(
                        "wants 4 cores per executor (ember.executor.cores), more than any worker has (2)");
    }
}
