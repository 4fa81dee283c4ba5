package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code collectPartitions} and {@code takeAsync}, against {@code glom} and {@code take} on the same RDDs. */
public abstract class PartitionAndAsyncActionSuite extends RddConformanceSuite {
    @Test
    void collectPartitionsGivesTheChosenPartitionsInTheOrderAsked() {
        RDD<Integer> rdd = ctx.parallelize(integers(10), 4);
        List<List<Integer>> all = rdd.glom().collect();
        assertThat(rdd.collectPartitions(new int[] {3, 0})).containsExactly(all.get(3), all.get(0));
        assertThat(rdd.collectPartitions(new int[] {0, 1, 2, 3})).isEqualTo(all);
        assertThat(rdd.collectPartitions(new int[0])).isEmpty();
        List<List<Integer>> twice = rdd.collectPartitions(new int[] {2, 2});
        assertThat(twice).containsExactly(all.get(2), all.get(2));
        twice.get(0).clear();
        assertThat(twice.get(1)).as("each list is the caller's own").isEqualTo(all.get(2));
        assertThat(ctx.parallelize(integers(10), 4).filter(x -> x > 100).collectPartitions(new int[] {1}))
                .containsExactly(List.of());
    }

    @Test
    void collectPartitionsRefusesIdsThatDoNotExist() {
        RDD<Integer> rdd = ctx.parallelize(integers(10), 4);
        EmberException tooLarge = emberError(() -> rdd.collectPartitions(new int[] {0, 4}));
        assertThat(tooLarge.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(tooLarge.getMessage())
                .contains("partition 4 does not exist")
                .contains("has 4 partition(s), numbered 0 to 3");
        assertThat(emberError(() -> rdd.collectPartitions(new int[] {-1})).getMessage())
                .contains("partition -1 does not exist");
        assertThat(emberError(() -> ctx.emptyRDD().collectPartitions(new int[] {0}))
                        .getMessage())
                .contains("has 0 partition(s)");
        assertThat(ctx.emptyRDD().collectPartitions(new int[0])).isEmpty();
    }

    @Test
    void takeAsyncTakesWhatTakeTakes() throws Exception {
        RDD<Integer> rdd = ctx.parallelize(integers(100), 5);
        for (int num : new int[] {0, 1, 7, 20, 21, 100, 150}) {
            JobFuture<List<Integer>> future = rdd.takeAsync(num);
            assertThat(future.get()).as("takeAsync(%s)", num).isEqualTo(rdd.take(num));
            assertThat(future.isDone()).isTrue();
            assertThat(future.isCancelled()).isFalse();
        }
        assertThat(rdd.takeAsync(0).jobIds()).as("nothing to run").isEmpty();
        assertThat(ctx.emptyRDD().takeAsync(5).get()).isEmpty();
    }

    @Test
    void takeAsyncScansInRoundsLikeTake() throws Exception {
        // The first 5 of 8 partitions are empty after the filter: partition 0, then 1-4, then the rest.
        RDD<Integer> mostlyEmpty = ctx.parallelize(integers(80), 8).filter(x -> x >= 50);
        JobFuture<List<Integer>> future = mostlyEmpty.takeAsync(3);
        assertThat(future.get()).containsExactly(50, 51, 52);
        assertThat(future.jobIds()).hasSize(3);
        assertThat(future.jobId()).isEqualTo(future.jobIds().get(2));
        assertThat(future.toCompletionStage().toCompletableFuture().join()).containsExactly(50, 51, 52);
    }

    @Test
    void takeAsyncReportsErrors() {
        EmberException negative =
                emberError(() -> ctx.parallelize(integers(3), 1).takeAsync(-1));
        assertThat(negative.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        JobFuture<List<Integer>> failing = ctx.parallelize(integers(10), 2)
                .map(x -> {
                    if (x == 1) {
                        throw new IllegalStateException("one is refused");
                    }
                    return x;
                })
                .takeAsync(5);
        assertThat(errorMessages(emberError(failing::get))).contains("one is refused");
    }
}
