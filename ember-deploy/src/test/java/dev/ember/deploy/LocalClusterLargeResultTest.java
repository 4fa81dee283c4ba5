package dev.ember.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberConf;
import dev.ember.EmberContext;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Task results larger than a network frame: the executor keeps them and the driver fetches them as streams, so a
 * collect is bounded by {@code ember.driver.maxResultSize}, not by {@code ember.network.maxFrameSize}.
 */
class LocalClusterLargeResultTest {
    @Test
    void resultsLargerThanAFrameAreFetchedAsStreams() {
        EmberConf conf = new EmberConf(false)
                .setMaster("local-cluster[2,1,1024]")
                .setAppName(getClass().getSimpleName())
                .set("ember.network.maxFrameSize", "1m")
                .set("ember.task.maxDirectResultSize", "64k");
        try (EmberContext ctx = new EmberContext(conf)) {
            // Four partitions of about 1.5 MB each, every one more than a frame.
            List<String> rows = ctx.parallelize(IntStream.range(0, 4).boxed().toList(), 4)
                    .flatMap(partition -> IntStream.range(0, 15_000)
                            .mapToObj(i -> partition + ":" + "x".repeat(90) + ":" + i)
                            .iterator())
                    .collect();
            assertThat(rows).hasSize(60_000);
            assertThat(rows.get(0)).startsWith("0:");
            assertThat(rows.get(59_999)).endsWith(":14999").startsWith("3:");
            // Small results still ride in the status messages.
            assertThat(ctx.parallelize(List.of(1, 2, 3), 3).map(x -> x * 2).collect())
                    .containsExactly(2, 4, 6);
        }
    }

    @Test
    void aResultOverTheDriversLimitFailsTheJobWithoutBeingFetched() {
        EmberConf conf = new EmberConf(false)
                .setMaster("local-cluster[1,1,1024]")
                .setAppName(getClass().getSimpleName())
                .set("ember.task.maxDirectResultSize", "64k")
                .set("ember.driver.maxResultSize", "1m");
        try (EmberContext ctx = new EmberContext(conf)) {
            Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> ctx.parallelize(List.of(0), 1)
                    .flatMap(ignored -> IntStream.range(0, 20_000)
                            .mapToObj(i -> "y".repeat(100) + i)
                            .iterator())
                    .collect());
            assertThat(error)
                    .isInstanceOf(dev.ember.EmberException.class)
                    .hasMessageContaining("ember.driver.maxResultSize");
            // The application goes on.
            assertThat(ctx.parallelize(List.of(1, 2), 2).count()).isEqualTo(2);
        }
    }
}
