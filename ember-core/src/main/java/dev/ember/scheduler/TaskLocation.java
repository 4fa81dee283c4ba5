package dev.ember.scheduler;

/** Where a task would like to run. */
public sealed interface TaskLocation {
    String host();

    /** On a host (the data is on its disks). */
    record Host(String host) implements TaskLocation {
        @Override
        public String toString() {
            return host;
        }
    }

    /** In an executor that has the data cached. */
    record ExecutorCache(String host, String executorId) implements TaskLocation {
        @Override
        public String toString() {
            return "executor_" + host + "_" + executorId;
        }
    }
}
