package dev.ember.connect;

import java.util.concurrent.atomic.AtomicLong;

/** A number of bytes shared by many holders (the server's artifact memory): taken before use, given back after. */
final class ByteBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    ByteBudget(long limit) {
        this.limit = limit;
    }

    /** Takes {@code bytes} (negative gives back); false, taking nothing, when that would pass the limit. */
    boolean tryAcquire(long bytes) {
        while (true) {
            long current = used.get();
            long next = current + bytes;
            if (bytes > 0 && next > limit) {
                return false;
            }
            if (used.compareAndSet(current, Math.max(0, next))) {
                return true;
            }
        }
    }

    void release(long bytes) {
        tryAcquire(-bytes);
    }
}
