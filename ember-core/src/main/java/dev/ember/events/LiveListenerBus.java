package dev.ember.events;

import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to listeners on one dedicated thread ({@code ember-listener-bus}), so that slow listeners never
 * slow the scheduler. Posting never blocks: when the bounded queue is full the event is dropped and counted, with
 * a warning at most once a minute.
 */
public final class LiveListenerBus {
    private static final Logger LOG = LoggerFactory.getLogger(LiveListenerBus.class);

    /** Queued by {@link #stop} after the last event: the dispatcher ends when it takes it. */
    private static final EmberListenerEvent END = new EmberListenerEvent.Custom() {};

    private final BlockingQueue<EmberListenerEvent> queue;
    private final List<EmberListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Object progress = new Object();
    private final Thread dispatcher;
    private volatile boolean stopped;
    private volatile long lastDropWarning;

    public LiveListenerBus(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.dispatcher = ThreadUtils.newThread("ember-listener-bus", true, this::dispatchLoop);
    }

    public void start() {
        dispatcher.start();
    }

    public void addListener(EmberListener listener) {
        listeners.add(listener);
    }

    public void removeListener(EmberListener listener) {
        listeners.remove(listener);
    }

    public List<EmberListener> listeners() {
        return List.copyOf(listeners);
    }

    /** Queues an event; drops it (counted) if the queue is full or the bus stopped. */
    public void post(EmberListenerEvent event) {
        if (stopped) {
            return;
        }
        posted.incrementAndGet();
        if (!queue.offer(event)) {
            posted.decrementAndGet();
            long count = dropped.incrementAndGet();
            long now = System.currentTimeMillis();
            if (now - lastDropWarning > 60_000) {
                lastDropWarning = now;
                LOG.warn(
                        "Dropped {} listener events so far: listeners are too slow for the event rate; raise"
                                + " ember.scheduler.listenerbus.eventqueue.capacity",
                        count);
            }
        }
    }

    /** Events posted and not yet delivered. */
    public int queueSize() {
        return queue.size();
    }

    /** Events dropped because the queue was full. */
    public long droppedEvents() {
        return dropped.get();
    }

    /** Waits until every event posted before this call has been delivered; false on timeout. */
    public boolean waitUntilEmpty(Duration timeout) {
        long target = posted.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (progress) {
            ThreadUtils.waitUntil(progress, () -> processed.get() >= target || !dispatcher.isAlive(), deadline, 0);
            return processed.get() >= target;
        }
    }

    private void dispatchLoop() {
        while (true) {
            EmberListenerEvent event;
            try {
                event = queue.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (event == END || (event == null && stopped)) {
                break;
            }
            if (event == null) {
                continue;
            }
            for (EmberListener listener : listeners) {
                try {
                    EmberListener.dispatch(listener, event);
                } catch (Throwable error) {
                    LOG.error(
                            "Listener {} failed on {}",
                            listener.getClass().getName(),
                            event.getClass().getSimpleName(),
                            error);
                }
            }
            processed.incrementAndGet();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    /** Delivers what is queued (for at most {@code timeout}), then stops the dispatcher. */
    public void stop(Duration timeout) {
        if (stopped) {
            return;
        }
        waitUntilEmpty(timeout);
        stopped = true;
        if (!queue.offer(END)) {
            // Still full after the wait: the dispatcher sees the flag at its next empty poll.
            LOG.warn("Stopping the listener bus with {} events undelivered", queue.size());
        }
        ThreadUtils.join(dispatcher, timeout);
    }
}
