package dev.ember;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import dev.ember.internal.ContextInternals;
import dev.ember.memory.MemoryMode;
import dev.ember.storage.BlockId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The events a context posts over its life (application, executor, block manager, block updates) and off-heap
 * persistence through the RDD API.
 */
class ContextEventsTest {
    /** Registered through ember.extraListeners, so it sees the events posted while the context starts. */
    public static final class Recorder implements EmberListener {
        static final Queue<EmberListenerEvent> EVENTS = new ConcurrentLinkedQueue<>();

        @Override
        public void onApplicationStart(EmberListenerEvent.ApplicationStart event) {
            EVENTS.add(event);
        }

        @Override
        public void onApplicationEnd(EmberListenerEvent.ApplicationEnd event) {
            EVENTS.add(event);
        }

        @Override
        public void onEnvironmentUpdate(EmberListenerEvent.EnvironmentUpdate event) {
            EVENTS.add(event);
        }

        @Override
        public void onExecutorAdded(EmberListenerEvent.ExecutorAdded event) {
            EVENTS.add(event);
        }

        @Override
        public void onExecutorRemoved(EmberListenerEvent.ExecutorRemoved event) {
            EVENTS.add(event);
        }

        @Override
        public void onBlockManagerAdded(EmberListenerEvent.BlockManagerAdded event) {
            EVENTS.add(event);
        }

        @Override
        public void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {
            EVENTS.add(event);
        }

        @Override
        public void onUnpersistRdd(EmberListenerEvent.UnpersistRdd event) {
            EVENTS.add(event);
        }
    }

    private static EmberConf conf(String appName) {
        return new EmberConf(false)
                .setMaster("local[3]")
                .setAppName(appName)
                .set("ember.extraListeners", Recorder.class.getName());
    }

    private static <E> List<E> recorded(Class<E> type) {
        List<E> matching = new ArrayList<>();
        for (EmberListenerEvent event : Recorder.EVENTS) {
            if (type.isInstance(event)) {
                matching.add(type.cast(event));
            }
        }
        return matching;
    }

    @Test
    void applicationExecutorAndBlockEventsFrameTheContextsLife() {
        Recorder.EVENTS.clear();
        EmberContext ctx = new EmberContext(conf("events"));
        RDD<Integer> cached;
        try {
            cached =
                    ctx.parallelize(IntStream.range(0, 100).boxed().toList(), 4).cache();
            assertThat(cached.count()).isEqualTo(100);
            cached.unpersist();
        } finally {
            ctx.stop();
        }
        // stop() drains the bus before it returns, so everything posted has been delivered.
        List<EmberListenerEvent> events = List.copyOf(Recorder.EVENTS);
        assertThat(events.get(0)).isInstanceOfSatisfying(EmberListenerEvent.ApplicationStart.class, start -> {
            assertThat(start.appName()).isEqualTo("events");
            assertThat(start.appId()).isEqualTo(ctx.applicationId());
        });
        assertThat(events.get(events.size() - 1)).isInstanceOf(EmberListenerEvent.ApplicationEnd.class);
        assertThat(recorded(EmberListenerEvent.EnvironmentUpdate.class))
                .singleElement()
                .satisfies(update -> assertThat(update.settings()).containsEntry("ember.app.name", "events"));
        assertThat(recorded(EmberListenerEvent.ExecutorAdded.class))
                .singleElement()
                .satisfies(added -> {
                    assertThat(added.executorId()).isEqualTo("driver");
                    assertThat(added.cores()).isEqualTo(3);
                });
        assertThat(recorded(EmberListenerEvent.BlockManagerAdded.class))
                .singleElement()
                .satisfies(added -> {
                    assertThat(added.blockManagerId().executorId()).isEqualTo("driver");
                    assertThat(added.maxOnHeapMemory()).isPositive();
                });
        assertThat(recorded(EmberListenerEvent.ExecutorRemoved.class))
                .singleElement()
                .satisfies(removed -> assertThat(removed.executorId()).isEqualTo("driver"));

        List<EmberListenerEvent.BlockUpdated> updates = recorded(EmberListenerEvent.BlockUpdated.class);
        List<BlockId> cachedBlocks = updates.stream()
                .filter(update -> update.status().isCached())
                .map(EmberListenerEvent.BlockUpdated::blockId)
                .toList();
        assertThat(cachedBlocks)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 4)
                        .mapToObj(partition -> (BlockId) new BlockId.RddBlockId(cached.id(), partition))
                        .toList());
        assertThat(updates.stream().filter(update -> !update.status().isCached()))
                .as("unpersist reports each block gone")
                .hasSize(4);
        assertThat(recorded(EmberListenerEvent.UnpersistRdd.class))
                .singleElement()
                .satisfies(unpersist -> assertThat(unpersist.rddId()).isEqualTo(cached.id()));
    }

    @Test
    void offHeapPersistenceKeepsPartitionsOutsideTheHeap() {
        Recorder.EVENTS.clear();
        EmberContext ctx = new EmberContext(
                conf("off-heap").set("ember.memory.offHeap.enabled", "true").set("ember.memory.offHeap.size", "32m"));
        try {
            LongAccumulator computed = ctx.longAccumulator("computed");
            List<Integer> data = IntStream.range(0, 10_000).boxed().toList();
            RDD<Integer> offHeap = ctx.parallelize(data, 4)
                    .map(x -> {
                        computed.add(1);
                        return x * 3;
                    })
                    .persist(StorageLevel.OFF_HEAP);
            long expected = data.stream().mapToLong(x -> x * 3L).sum();
            assertThat(offHeap.map(Integer::longValue).reduce(Long::sum)).isEqualTo(expected);
            assertThat(offHeap.map(Integer::longValue).reduce(Long::sum)).isEqualTo(expected);
            assertThat(computed.value()).as("the second action read the cache").isEqualTo((long) data.size());
            assertThat(ContextInternals.env(ctx).memoryManager().storageMemoryUsed(MemoryMode.OFF_HEAP))
                    .isPositive();
            offHeap.unpersist();
            assertThat(ContextInternals.env(ctx).memoryManager().storageMemoryUsed(MemoryMode.OFF_HEAP))
                    .as("unpersist gives the memory back")
                    .isZero();
        } finally {
            ctx.stop();
        }
        assertThat(recorded(EmberListenerEvent.BlockUpdated.class))
                .filteredOn(update -> update.status().isCached())
                .hasSize(4)
                .allSatisfy(update -> {
                    // The status tells where the block is: off-heap memory, not on disk.
                    assertThat(update.status().level().useOffHeap()).isTrue();
                    assertThat(update.status().level().useMemory()).isTrue();
                    assertThat(update.status().diskSize()).isZero();
                    assertThat(update.status().memorySize()).isPositive();
                });
    }
}
