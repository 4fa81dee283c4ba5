package dev.ember.scheduler;

/** Free task slots on an executor, offered to the task scheduler. */
public record WorkerOffer(String executorId, String host, int cores) {}
