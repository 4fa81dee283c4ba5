package dev.ember.deploy;

import dev.ember.events.EmberListener;
import dev.ember.events.EmberListenerEvent;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Follows the executors of an application and lets a test wait for a condition on them, or react to task ends. The
 * condition is checked after each delivered event, never on a timer.
 */
final class ClusterEvents implements EmberListener {
    private final Set<String> executors;
    private int removed;
    private final Set<String> cachedBlocks = new HashSet<>();
    private long events;
    private int tasksEnded;
    private volatile Consumer<Integer> onTaskEnd = ignored -> {};

    /** Starts from the executors registered before this listener was added. */
    ClusterEvents(Collection<String> initial) {
        this.executors = new HashSet<>(initial);
    }

    @Override
    public synchronized void onExecutorAdded(EmberListenerEvent.ExecutorAdded event) {
        executors.add(event.executorId());
        signal();
    }

    @Override
    public synchronized void onExecutorRemoved(EmberListenerEvent.ExecutorRemoved event) {
        if (executors.remove(event.executorId())) {
            removed++;
        }
        signal();
    }

    @Override
    public synchronized void onBlockUpdated(EmberListenerEvent.BlockUpdated event) {
        String holder = event.blockId().name() + "@" + event.blockManagerId().executorId();
        if (event.status().isCached()) {
            cachedBlocks.add(holder);
        } else {
            cachedBlocks.remove(holder);
        }
        signal();
    }

    /** How many (block, executor) pairs hold a cached copy of a block whose name starts with {@code prefix}. */
    synchronized long cachedCopies(String prefix) {
        return cachedBlocks.stream().filter(holder -> holder.startsWith(prefix)).count();
    }

    @Override
    public void onTaskEnd(EmberListenerEvent.TaskEnd event) {
        int count;
        synchronized (this) {
            count = ++tasksEnded;
            signal();
        }
        onTaskEnd.accept(count);
    }

    /** Runs {@code action} with the running count after each task end, on the listener thread. */
    void onTaskEnd(Consumer<Integer> action) {
        this.onTaskEnd = action;
    }

    synchronized void resetTaskCount() {
        tasksEnded = 0;
    }

    synchronized int removed() {
        return removed;
    }

    synchronized int executorCount() {
        return executors.size();
    }

    synchronized void await(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long seen = events;
            while (events == seen) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new AssertionError("Timed out after " + timeout + " waiting until " + description);
                }
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted waiting until " + description, e);
                }
            }
        }
    }

    private void signal() {
        events++;
        notifyAll();
    }
}
