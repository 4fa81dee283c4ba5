package dev.ember.util;

/** Time as the scheduler sees it; tests substitute a manual clock to step time without sleeping. */
public interface Clock {
    /** Milliseconds since the epoch. */
    long millis();

    /** Nanoseconds from an arbitrary origin, for durations. */
    long nanos();

    /** The wall clock. */
    Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.currentTimeMillis();
        }

        @Override
        public long nanos() {
            return System.nanoTime();
        }
    };
}
