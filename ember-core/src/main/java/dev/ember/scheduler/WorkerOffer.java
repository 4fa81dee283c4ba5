package dev.ember.scheduler;

/** Free task slots on an executor, offered to the task scheduler. */
public record WorkerOffer(String executorId, String host, int cores) {
    // Written out rather than generated, which would link method handles on the first job's path.
    @Override
    public boolean equals(Object other) {
        return other instanceof WorkerOffer that
                && cores == that.cores
                && executorId.equals(that.executorId)
                && host.equals(that.host);
    }

    @Override
    public int hashCode() {
        return (executorId.hashCode() * 31 + host.hashCode()) * 31 + cores;
    }
}
