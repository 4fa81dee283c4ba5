package dev.ember;

import dev.ember.util.ThreadUtils;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes what the driver program can no longer use: once a persisted RDD, a shuffle dependency, a broadcast or
 * an accumulator is garbage collected on the driver, its cached blocks, shuffle files, broadcast pieces or
 * registration go too. Watches weak references on one thread ({@code ember-context-cleaner}); runs a driver GC
 * every {@code ember.cleaner.periodicGC.interval} so long-running drivers with little garbage still clean up.
 */
final class ContextCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(ContextCleaner.class);

    private sealed interface Task permits CleanRdd, CleanShuffle, CleanBroadcast, CleanAccumulator {}

    private record CleanRdd(int rddId) implements Task {}

    private record CleanShuffle(int shuffleId) implements Task {}

    private record CleanBroadcast(long broadcastId) implements Task {}

    private record CleanAccumulator(long accumulatorId) implements Task {}

    private static final class CleanupReference extends WeakReference<Object> {
        final Task task;

        CleanupReference(Object referent, Task task, ReferenceQueue<Object> queue) {
            super(referent, queue);
            this.task = task;
        }
    }

    private final EmberContext context;
    private final ReferenceQueue<Object> queue = new ReferenceQueue<>();
    private final Set<CleanupReference> references = ConcurrentHashMap.newKeySet();
    private final Thread thread;
    private final ScheduledExecutorService periodicGc;
    private final List<IntConsumer> shuffleCleanedListeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    ContextCleaner(EmberContext context, long periodicGcMillis) {
        this.context = context;
        this.thread = ThreadUtils.newThread("ember-context-cleaner", true, this::keepCleaning);
        // A driver making little garbage would otherwise keep dead shuffles' files for a long time.
        this.periodicGc = ThreadUtils.newDaemonSingleThreadScheduledExecutor("ember-context-cleaner-gc");
        if (periodicGcMillis > 0) {
            periodicGc.scheduleAtFixedRate(System::gc, periodicGcMillis, periodicGcMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Tells {@code listener} the id of every shuffle cleaned from now on (tests wait on it instead of polling). */
    void onShuffleCleaned(IntConsumer listener) {
        shuffleCleanedListeners.add(listener);
    }

    void start() {
        thread.start();
    }

    void registerRdd(RDD<?> rdd) {
        register(rdd, new CleanRdd(rdd.id()));
    }

    void registerShuffle(ShuffleDependency<?> dependency) {
        register(dependency, new CleanShuffle(dependency.shuffleId()));
    }

    void registerBroadcast(Broadcast<?> broadcast) {
        register(broadcast, new CleanBroadcast(broadcast.id()));
    }

    void registerAccumulator(AccumulatorV2<?, ?> accumulator) {
        register(accumulator, new CleanAccumulator(accumulator.id()));
    }

    private void register(Object referent, Task task) {
        references.add(new CleanupReference(referent, task, queue));
    }

    private void keepCleaning() {
        while (!stopped) {
            try {
                CleanupReference reference = (CleanupReference) queue.remove(100);
                if (reference == null) {
                    continue;
                }
                references.remove(reference);
                clean(reference.task);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!stopped) {
                    LOG.error("Error cleaning up", e);
                }
            }
        }
    }

    private void clean(Task task) {
        if (task instanceof CleanRdd rdd) {
            LOG.debug("Cleaning RDD {}", rdd.rddId());
            context.unpersistRdd(rdd.rddId());
        } else if (task instanceof CleanShuffle shuffle) {
            LOG.debug("Cleaning shuffle {}", shuffle.shuffleId());
            // Forgets the shuffle and deletes its files.
            context.components().mapOutputTracker().unregisterShuffle(shuffle.shuffleId());
            context.components().blockManagerMaster().removeShuffle(shuffle.shuffleId());
            shuffleCleanedListeners.forEach(listener -> listener.accept(shuffle.shuffleId()));
        } else if (task instanceof CleanBroadcast broadcast) {
            LOG.debug("Cleaning broadcast {}", broadcast.broadcastId());
            context.env().broadcastManager().unbroadcast(broadcast.broadcastId(), true);
        } else if (task instanceof CleanAccumulator accumulator) {
            AccumulatorRegistry.remove(accumulator.accumulatorId());
        }
    }

    void stop(Duration timeout) {
        stopped = true;
        periodicGc.shutdownNow();
        thread.interrupt();
        ThreadUtils.join(thread, timeout);
    }
}
