package dev.ember.scheduler;

import dev.ember.util.Clock;
import java.util.concurrent.TimeUnit;

/** A clock that moves only when a test advances it. */
final class ManualClock implements Clock {
    private long millis;

    ManualClock(long startMillis) {
        this.millis = startMillis;
    }

    synchronized void advance(long deltaMillis) {
        millis += deltaMillis;
    }

    @Override
    public synchronized long millis() {
        return millis;
    }

    @Override
    public synchronized long nanos() {
        return TimeUnit.MILLISECONDS.toNanos(millis);
    }
}
