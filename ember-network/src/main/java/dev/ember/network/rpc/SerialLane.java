package dev.ember.network.rpc;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on threads borrowed from a shared pool: the outgoing lane of one
 * destination (connecting may block it for up to the connect timeout; other destinations are not held up), or the
 * decoding lane of one connection. A lane gives its thread back after {@value #BATCH} tasks, so that a peer that
 * never stops sending cannot keep a pool thread from the other lanes.
 */
final class SerialLane implements Executor {
    static final int BATCH = 16;

    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();

    SerialLane(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        schedule();
    }

    private void schedule() {
        if (!tasks.isEmpty() && draining.compareAndSet(false, true)) {
            pool.execute(this::drain);
        }
    }

    private void drain() {
        try {
            Runnable task;
            for (int run = 0; run < BATCH && (task = tasks.poll()) != null; run++) {
                task.run();
            }
        } finally {
            draining.set(false);
            // A task added between the last poll and the reset would otherwise wait for the next submission.
            schedule();
        }
    }
}
