package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link PartitionAndAsyncActionSuite} in local mode with two task threads, and cancelling a {@code takeAsync} whose
 * task waits on a latch (tasks run in this JVM).
 */
class LocalModePartitionAndAsyncActionTest extends PartitionAndAsyncActionSuite {
    private static volatile CountDownLatch release = new CountDownLatch(0);

    @Override
    protected String master() {
        return "local[2]";
    }

    @AfterEach
    void releaseTasks() {
        release.countDown();
    }

    @Test
    void cancellingTakeAsyncCancelsItsJob() {
        release = new CountDownLatch(1);
        JobFuture<List<Integer>> future = ctx.parallelize(integers(10), 2)
                .map(x -> {
                    release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    return x;
                })
                .takeAsync(3);
        awaitCondition(
                "the first round runs",
                () -> !ctx.statusTracker().getActiveJobIds().isEmpty());
        assertThat(future.cancel(true)).isTrue();
        assertThat(future.isCancelled()).isTrue();
        EmberException error = emberError(future::get);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.JOB_CANCELLED);
        assertThat(future.isDone()).isTrue();
        assertThat(future.cancel(true)).as("already done").isFalse();
        assertThat(ctx.parallelize(integers(3), 3).takeAsync(2))
                .as("the context goes on")
                .succeedsWithin(WAIT)
                .isEqualTo(List.of(0, 1));
    }
}
