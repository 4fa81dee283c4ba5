package dev.ember.util;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to one handler, one at a time, in order. Public methods of a coordinator only post events;
 * the handler owns the coordinator's state. Two ways to run it:
 *
 * <ul>
 *   <li>{@link #threaded}: a dedicated thread takes events from a queue (production);
 *   <li>{@link #direct}: the posting thread runs the handler before {@code post} returns; events posted while
 *       handling are queued and run right after (tests: deterministic, no waiting).
 * </ul>
 *
 * A handler that throws does not stop the loop: the error goes to the error handler.
 */
public abstract class EventLoop<E> {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    protected final Consumer<E> handler;
    protected final Consumer<Throwable> errorHandler;

    private EventLoop(Consumer<E> handler, Consumer<Throwable> errorHandler) {
        this.handler = handler;
        this.errorHandler = errorHandler;
    }

    /** A loop on its own thread named {@code name}. */
    public static <E> EventLoop<E> threaded(String name, Consumer<E> handler, Consumer<Throwable> errorHandler) {
        return new Threaded<>(name, handler, errorHandler);
    }

    /** A loop running on the posting thread. */
    public static <E> EventLoop<E> direct(Consumer<E> handler, Consumer<Throwable> errorHandler) {
        return new Direct<>(handler, errorHandler);
    }

    public abstract void start();

    public abstract void post(E event);

    /** Stops taking events; waits (bounded) for the event in progress. */
    public abstract void stop(Duration timeout);

    /** Whether the loop is running and can take events. */
    public abstract boolean isActive();

    /** Whether the current thread is the one handling events. */
    public abstract boolean inLoop();

    protected void handle(E event) {
        try {
            handler.accept(event);
        } catch (Throwable error) {
            LOG.error("Failed to handle {}", event, error);
            try {
                errorHandler.accept(error);
            } catch (Throwable nested) {
                LOG.error("The error handler failed too", nested);
            }
        }
    }

    private static final class Threaded<E> extends EventLoop<E> {
        private final LinkedBlockingQueue<E> queue = new LinkedBlockingQueue<>();
        private final Thread thread;
        private volatile boolean stopped;

        Threaded(String name, Consumer<E> handler, Consumer<Throwable> errorHandler) {
            super(handler, errorHandler);
            this.thread = ThreadUtils.newThread(name, true, this::run);
        }

        private void run() {
            while (!stopped) {
                E event;
                try {
                    event = queue.poll(1, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    break;
                }
                if (event != null && !stopped) {
                    handle(event);
                }
            }
        }

        @Override
        public void start() {
            thread.start();
        }

        @Override
        public void post(E event) {
            if (!stopped) {
                queue.add(event);
            }
        }

        @Override
        public void stop(Duration timeout) {
            stopped = true;
            thread.interrupt();
            if (Thread.currentThread() != thread) {
                ThreadUtils.join(thread, timeout);
            }
        }

        @Override
        public boolean isActive() {
            return !stopped && thread.isAlive();
        }

        @Override
        public boolean inLoop() {
            return Thread.currentThread() == thread;
        }
    }

    private static final class Direct<E> extends EventLoop<E> {
        private final ArrayDeque<E> pending = new ArrayDeque<>();
        private boolean handling;
        private boolean stopped;

        Direct(Consumer<E> handler, Consumer<Throwable> errorHandler) {
            super(handler, errorHandler);
        }

        @Override
        public void start() {}

        @Override
        public synchronized void post(E event) {
            if (stopped) {
                return;
            }
            pending.add(event);
            if (handling) {
                return;
            }
            handling = true;
            try {
                while (!pending.isEmpty()) {
                    handle(pending.poll());
                }
            } finally {
                handling = false;
            }
        }

        @Override
        public synchronized void stop(Duration timeout) {
            stopped = true;
            pending.clear();
        }

        @Override
        public synchronized boolean isActive() {
            return !stopped;
        }

        @Override
        public boolean inLoop() {
            return Thread.holdsLock(this);
        }
    }
}
