package dev.ember.memory;

/**
 * A region of memory whose size can change. All pools of one manager share the manager's lock, which guards
 * every field here.
 */
abstract class MemoryPool {
    protected final Object lock;
    private long poolSize;

    MemoryPool(Object lock) {
        this.lock = lock;
    }

    final long poolSize() {
        synchronized (lock) {
            return poolSize;
        }
    }

    final long memoryFree() {
        synchronized (lock) {
            return poolSize - memoryUsed();
        }
    }

    final void incrementPoolSize(long delta) {
        synchronized (lock) {
            if (delta < 0) {
                throw new IllegalArgumentException("delta is negative: " + delta);
            }
            poolSize += delta;
        }
    }

    final void decrementPoolSize(long delta) {
        synchronized (lock) {
            if (delta < 0 || delta > poolSize || poolSize - delta < memoryUsed()) {
                throw new IllegalStateException(
                        "Cannot shrink pool of " + poolSize + " bytes by " + delta + " with " + memoryUsed() + " used");
            }
            poolSize -= delta;
        }
    }

    abstract long memoryUsed();
}
