package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link PairRddSuite} in local mode with every aggregation and shuffle buffer spilling after a few records, in
 * small spill batches, and every shuffle written by the sorting writer.
 */
class LocalModeSpillingPairRddTest extends PairRddSuite {
    @Override
    protected String master() {
        return "local[2]";
    }

    @Override
    protected EmberConf conf() {
        return super.conf()
                .set("ember.shuffle.spill.numElementsForceSpillThreshold", "17")
                .set("ember.shuffle.spill.batchSize", "5")
                .set("ember.shuffle.sort.bypassMergeThreshold", "1");
    }

    @Test
    void aggregationsReallySpill() {
        AtomicLong spilled = new AtomicLong();
        EmberListener listener = new EmberListener() {
            @Override
            public void onTaskEnd(EmberListenerEvent.TaskEnd event) {
                if (event.metrics() != null) {
                    spilled.addAndGet(event.metrics().diskBytesSpilled());
                }
            }
        };
        ctx.addListener(listener);
        try {
            assertThat(ctx.parallelizePairs(keyedIntegers(2000, 100), 2)
                            .groupByKey(3)
                            .count())
                    .isEqualTo(100);
            assertThat(ctx.components().listenerBus().waitUntilEmpty(WAIT)).isTrue();
        } finally {
            ctx.removeListener(listener);
        }
        assertThat(spilled.get()).isPositive();
    }
}
