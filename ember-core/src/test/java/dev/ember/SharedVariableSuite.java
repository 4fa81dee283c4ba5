package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Broadcast variables and accumulators. */
public abstract class SharedVariableSuite extends RddConformanceSuite {

    // ---- broadcasts ----

    @Test
    void broadcastValueIsReadableInTasks() {
        Map<Integer, String> names = new HashMap<>();
        for (int i = 0; i < 10; i++) {
            names.put(i, "name-" + i);
        }
        Broadcast<Map<Integer, String>> broadcast = ctx.broadcast(names);
        assertThat(broadcast.isValid()).isTrue();
        assertThat(broadcast.value()).isEqualTo(names);

        List<Integer> data = integers(100);
        List<String> looked =
                ctx.parallelize(data, 4).map(x -> broadcast.value().get(x % 10)).collect();
        assertThat(looked).isEqualTo(data.stream().map(x -> names.get(x % 10)).toList());
    }

    @Test
    void aLargeBroadcastIsReassembledFromItsPieces() {
        List<Integer> large = integers(1_000_000);
        Broadcast<List<Integer>> broadcast = ctx.broadcast(large);
        List<Long> sums = ctx.parallelize(integers(4), 4)
                .map(x ->
                        broadcast.value().stream().mapToLong(Integer::longValue).sum() + x)
                .collect();
        long total = large.stream().mapToLong(Integer::longValue).sum();
        assertThat(sums).containsExactly(total, total + 1, total + 2, total + 3);
    }

    @Test
    void unpersistedBroadcastIsFetchedAgain() {
        Broadcast<String> broadcast = ctx.broadcast("hello");
        assertThat(ctx.parallelize(integers(4), 2)
                        .map(x -> broadcast.value() + x)
                        .collect())
                .containsExactly("hello0", "hello1", "hello2", "hello3");
        broadcast.unpersist();
        assertThat(broadcast.isValid()).isTrue();
        assertThat(ctx.parallelize(integers(4), 2)
                        .map(x -> broadcast.value().length() + x)
                        .collect())
                .containsExactly(5, 6, 7, 8);
    }

    @Test
    void destroyedBroadcastCannotBeUsedOnTheDriver() {
        Broadcast<String> broadcast = ctx.broadcast("gone");
        broadcast.destroy();
        assertThat(broadcast.isValid()).isFalse();
        EmberException error = emberError(broadcast::value);
        assertThat(error.errorClass()).isEqualTo(ErrorClass.BROADCAST_DESTROYED);
        assertThat(error.getMessage()).contains(broadcast.toString());
        assertThat(error.getMessage()).containsPattern("destroyed at SharedVariableSuite\\.java:[0-9]+");
    }

    @Test
    void destroyedBroadcastCannotBeShippedToTasks() {
        Broadcast<String> broadcast = ctx.broadcast("gone");
        broadcast.destroy();
        EmberException error = emberError(() -> ctx.parallelize(integers(4), 2).map(x -> broadcast.value() + x));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.BROADCAST_DESTROYED);
    }

    @Test
    void broadcastDestroyedAfterTheRddWasDefinedFailsTheJob() {
        Broadcast<String> broadcast = ctx.broadcast("gone");
        RDD<String> rdd = ctx.parallelize(integers(4), 2).map(x -> broadcast.value() + x);
        assertThat(rdd.count()).isEqualTo(4);
        broadcast.destroy();
        Throwable error = emberError(rdd::collect);
        assertThat(errorClasses(error)).contains(ErrorClass.BROADCAST_DESTROYED);
        assertThat(ctx.parallelize(integers(4), 2).count())
                .as("the context still works")
                .isEqualTo(4);
    }

    @Test
    void nullCanBeBroadcast() {
        Broadcast<String> broadcast = ctx.broadcast(null);
        assertThat(broadcast.value()).isNull();
        assertThat(ctx.parallelize(integers(3), 2)
                        .map(x -> broadcast.value() == null ? "null" : "set")
                        .collect())
                .containsExactly("null", "null", "null");
    }

    @Test
    void rddsCannotBeBroadcast() {
        assertThat(emberError(() -> ctx.broadcast(ctx.parallelize(integers(3), 1)))
                        .errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    // ---- accumulators ----

    @Test
    void longAccumulatorSumsAndCounts() {
        LongAccumulator accumulator = ctx.longAccumulator("sum");
        assertThat(accumulator.name()).contains("sum");
        assertThat(accumulator.isZero()).isTrue();
        List<Integer> data = integers(500);
        ctx.parallelize(data, 6).foreach(accumulator::add);
        long sum = data.stream().mapToLong(Integer::longValue).sum();
        assertThat(accumulator.value()).isEqualTo(sum);
        assertThat(accumulator.sum()).isEqualTo(sum);
        assertThat(accumulator.count()).isEqualTo(data.size());
        assertThat(accumulator.avg()).isEqualTo((double) sum / data.size());

        ctx.parallelize(data, 3).foreach(accumulator::add);
        assertThat(accumulator.value()).as("a second action adds to it").isEqualTo(2 * sum);
    }

    @Test
    void accumulatorsAreCompleteWhenTheActionReturns() throws Exception {
        LongAccumulator accumulator = ctx.longAccumulator();
        RDD<Integer> rdd = ctx.parallelize(integers(8), 8);
        for (int round = 1; round <= 40; round++) {
            rdd.foreach(accumulator::add);
            assertThat(accumulator.value()).as("after round %d", round).isEqualTo(28L * round);
        }
        LongAccumulator async = ctx.longAccumulator();
        for (int round = 1; round <= 20; round++) {
            rdd.foreachAsync(async::add).get();
            assertThat(async.value()).as("after asynchronous round %d", round).isEqualTo(28L * round);
        }
    }

    @Test
    void doubleAccumulatorSums() {
        DoubleAccumulator accumulator = ctx.doubleAccumulator("halves");
        List<Integer> data = integers(300);
        ctx.parallelize(data, 5).foreach(x -> accumulator.add(x / 2.0));
        double expected = data.stream().mapToDouble(x -> x / 2.0).sum();
        assertThat(accumulator.value()).isCloseTo(expected, within(1e-9));
        assertThat(accumulator.count()).isEqualTo(data.size());
        assertThat(ctx.doubleAccumulator().name()).isEmpty();
    }

    @Test
    void collectionAccumulatorCollectsFromEveryTask() {
        CollectionAccumulator<String> accumulator = ctx.collectionAccumulator("words");
        List<String> words = words(40);
        ctx.parallelize(words, 4).foreachPartition(values -> values.forEachRemaining(accumulator::add));
        assertThat(accumulator.value()).containsExactlyInAnyOrderElementsOf(words);
        CollectionAccumulator<Integer> unnamed = ctx.collectionAccumulator();
        assertThat(unnamed.value()).isEmpty();
    }

    @Test
    void accumulatorUpdatesInTransformationsArriveWithTheAction() {
        LongAccumulator seen = ctx.longAccumulator();
        RDD<Integer> mapped = ctx.parallelize(integers(50), 5).map(x -> {
            seen.add(1);
            return x;
        });
        assertThat(seen.value()).as("nothing ran yet").isZero();
        assertThat(mapped.count()).isEqualTo(50);
        assertThat(seen.value()).isEqualTo(50);
    }

    @Test
    void updatesOfFailedAttemptsAreDropped() {
        LongAccumulator added = ctx.longAccumulator("added");
        List<Integer> data = integers(40);
        ctx.parallelize(data, 4).foreachPartition(values -> {
            TaskContext task = TaskContext.get();
            values.forEachRemaining(added::add);
            if (task.partitionId() == 2 && task.attemptNumber() < 2) {
                throw new IllegalStateException("failing attempt " + task.attemptNumber());
            }
        });
        assertThat(added.value())
                .as("a retried task counts once")
                .isEqualTo(data.stream().mapToLong(Integer::longValue).sum());
    }

    @Test
    void customAccumulatorsCanBeRegistered() {
        MaxAccumulator max = ctx.register(new MaxAccumulator(), "max");
        assertThat(max.isRegistered()).isTrue();
        assertThat(max.name()).contains("max");
        List<Integer> data = integers(123);
        java.util.Collections.shuffle(data, new java.util.Random(1));
        ctx.parallelize(data, 4).foreach(x -> max.add((long) x));
        assertThat(max.value()).isEqualTo(122L);
    }

    @Test
    void accumulatorsMustBeRegistered() {
        LongAccumulator unregistered = new LongAccumulator();
        EmberException error = emberError(() -> ctx.parallelize(integers(3), 1).foreach(unregistered::add));
        assertThat(error.errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(errorMessages(error)).contains("not registered");
    }

    @Test
    void countByValueAndAccumulatorsAgree() {
        List<String> words = words(90);
        CollectionAccumulator<String> seen = ctx.collectionAccumulator();
        Map<String, Long> counts = ctx.parallelize(words, 3)
                .map(word -> {
                    seen.add(word);
                    return word;
                })
                .countByValue();
        assertThat(counts).isEqualTo(words.stream().collect(Collectors.groupingBy(w -> w, Collectors.counting())));
        assertThat(seen.value()).containsExactlyInAnyOrderElementsOf(words);
    }

    /** The largest long added. */
    static final class MaxAccumulator extends AccumulatorV2<Long, Long> {
        private static final long serialVersionUID = 1L;

        private long max = Long.MIN_VALUE;

        @Override
        public boolean isZero() {
            return max == Long.MIN_VALUE;
        }

        @Override
        public MaxAccumulator copy() {
            MaxAccumulator copy = new MaxAccumulator();
            copy.max = max;
            return copy;
        }

        @Override
        public void reset() {
            max = Long.MIN_VALUE;
        }

        @Override
        public void add(Long value) {
            max = Math.max(max, value);
        }

        @Override
        public void merge(AccumulatorV2<Long, Long> other) {
            max = Math.max(max, other.value());
        }

        @Override
        public Long value() {
            return max;
        }
    }
}
