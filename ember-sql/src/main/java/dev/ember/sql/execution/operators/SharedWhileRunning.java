package dev.ember.sql.execution.operators;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Values built once per JVM and shared by the tasks of one operator's execution that run at the same time (a broadcast
 * join's build side, a runtime filter's keys), by the number the driver gave that execution. A value is kept while a
 * task using it runs: the first task builds it, each task lets it go when it ends, and the last one to end drops it,
 * so nothing outlives the tasks that use it (a later task of the same execution, or a retry, builds it again). Values
 * must be safe to read from several threads once built.
 */
final class SharedWhileRunning<T> {
    /** Guarded by itself. */
    private final Map<Long, Entry<T>> entries = new HashMap<>();

    /**
     * The value of execution {@code id}, built by {@code build} if no running task holds it; the caller hands {@code
     * onTaskEnd} what must run when its task ends.
     */
    T acquire(long id, Supplier<T> build, Consumer<Runnable> onTaskEnd) {
        Entry<T> entry;
        synchronized (entries) {
            entry = entries.computeIfAbsent(id, key -> new Entry<>());
            entry.users++;
        }
        Entry<T> acquired = entry;
        onTaskEnd.accept(() -> release(id, acquired));
        return entry.built(build);
    }

    /** Executions whose value is held now (tests). */
    int held() {
        synchronized (entries) {
            return entries.size();
        }
    }

    private void release(long id, Entry<T> entry) {
        synchronized (entries) {
            if (--entry.users == 0) {
                entries.remove(id, entry);
            }
        }
    }

    /** One execution's value and the tasks using it. The first task to ask builds; the others wait for it. */
    private static final class Entry<T> {
        /** Guarded by the map of entries. */
        private int users;

        private T value;

        synchronized T built(Supplier<T> build) {
            if (value == null) {
                value = build.get();
            }
            return value;
        }
    }
}
