package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListenerEvent;
import dev.ember.executor.TaskEndReason;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A straggler is speculated in local mode: its first attempt blocks, a copy launched in another slot finishes,
 * the job completes, and the blocked attempt is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpeculationTest {
    /** Released only when the test ends: the first attempt of partition 0 waits on it. */
    static final CountDownLatch NEVER_IN_TIME = new CountDownLatch(1);

    private EmberContext ctx;
    private final EventCollector events = new EventCollector();

    @BeforeAll
    void start() {
        ctx = new EmberContext(new EmberConf(false)
                .setMaster("local[4]")
                .setAppName("speculation")
                .set("ember.speculation", "true")
                .set("ember.speculation.interval", "20ms")
                .set("ember.speculation.minTaskRuntime", "50ms")
                .set("ember.speculation.quantile", "0.5"));
        ctx.addListener(events);
    }

    @AfterAll
    void stop() {
        NEVER_IN_TIME.countDown();
        ctx.stop();
    }

    @Test
    void aBlockedFirstAttemptIsOvertakenByASpeculativeCopy() {
        LongAccumulator counted = ctx.longAccumulator("counted");
        List<Integer> data = IntStream.range(0, 40).boxed().toList();
        long sum = ctx.parallelize(data, 4)
                .mapPartitions(values -> {
                    TaskContext task = TaskContext.get();
                    if (task.partitionId() == 0 && task.attemptNumber() == 0) {
                        // The straggler: stuck until killed (interrupted) or the test ends.
                        NEVER_IN_TIME.await(60, TimeUnit.SECONDS);
                    }
                    long partial = 0;
                    while (values.hasNext()) {
                        partial += values.next();
                        counted.add(1);
                    }
                    return List.of(partial).iterator();
                })
                .reduce(Long::sum);
        assertThat(sum).isEqualTo(data.stream().mapToLong(Integer::longValue).sum());
        assertThat(counted.value()).as("the winning copy counts once").isEqualTo((long) data.size());

        List<EmberListenerEvent.TaskEnd> ends = events.events(ctx, EmberListenerEvent.TaskEnd.class);
        assertThat(ends).as("a speculative attempt of partition 0 succeeded").anySatisfy(end -> {
            assertThat(end.taskInfo().speculative()).isTrue();
            assertThat(end.taskInfo().partitionId()).isZero();
            assertThat(end.reason()).isInstanceOf(TaskEndReason.Success.class);
        });
    }
}
