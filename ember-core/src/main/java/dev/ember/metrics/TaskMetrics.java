package dev.ember.metrics;

import java.io.Serializable;

/**
 * What one task attempt did: time spent, memory, spills, input, output and shuffle traffic. Filled in by the
 * task's thread while it runs and sent to the driver with the task's result; listeners receive it in
 * {@code TaskEnd} events. Read-only for users.
 */
public final class TaskMetrics implements Serializable {
    private static final long serialVersionUID = 1L;

    private long executorDeserializeTimeMillis;
    private long executorDeserializeCpuTimeNanos;
    private long executorRunTimeMillis;
    private long executorCpuTimeNanos;
    private long resultSize;
    private long jvmGcTimeMillis;
    private long resultSerializationTimeMillis;
    private long memoryBytesSpilled;
    private long diskBytesSpilled;
    private long peakExecutionMemory;
    private final InputMetrics inputMetrics = new InputMetrics();
    private final OutputMetrics outputMetrics = new OutputMetrics();
    private final ShuffleReadMetrics shuffleReadMetrics = new ShuffleReadMetrics();
    private final ShuffleWriteMetrics shuffleWriteMetrics = new ShuffleWriteMetrics();

    public long executorDeserializeTimeMillis() {
        return executorDeserializeTimeMillis;
    }

    public long executorDeserializeCpuTimeNanos() {
        return executorDeserializeCpuTimeNanos;
    }

    public long executorRunTimeMillis() {
        return executorRunTimeMillis;
    }

    public long executorCpuTimeNanos() {
        return executorCpuTimeNanos;
    }

    public long resultSize() {
        return resultSize;
    }

    public long jvmGcTimeMillis() {
        return jvmGcTimeMillis;
    }

    public long resultSerializationTimeMillis() {
        return resultSerializationTimeMillis;
    }

    public long memoryBytesSpilled() {
        return memoryBytesSpilled;
    }

    public long diskBytesSpilled() {
        return diskBytesSpilled;
    }

    public long peakExecutionMemory() {
        return peakExecutionMemory;
    }

    public InputMetrics inputMetrics() {
        return inputMetrics;
    }

    public OutputMetrics outputMetrics() {
        return outputMetrics;
    }

    public ShuffleReadMetrics shuffleReadMetrics() {
        return shuffleReadMetrics;
    }

    public ShuffleWriteMetrics shuffleWriteMetrics() {
        return shuffleWriteMetrics;
    }

    public void setExecutorDeserializeTime(long millis, long cpuNanos) {
        this.executorDeserializeTimeMillis = millis;
        this.executorDeserializeCpuTimeNanos = cpuNanos;
    }

    public void setExecutorRunTime(long millis, long cpuNanos) {
        this.executorRunTimeMillis = millis;
        this.executorCpuTimeNanos = cpuNanos;
    }

    public void setResultSize(long bytes) {
        this.resultSize = bytes;
    }

    public void setJvmGcTime(long millis) {
        this.jvmGcTimeMillis = millis;
    }

    public void setResultSerializationTime(long millis) {
        this.resultSerializationTimeMillis = millis;
    }

    public void incMemoryBytesSpilled(long bytes) {
        memoryBytesSpilled += bytes;
    }

    public void incDiskBytesSpilled(long bytes) {
        diskBytesSpilled += bytes;
    }

    public void setPeakExecutionMemory(long bytes) {
        peakExecutionMemory = Math.max(peakExecutionMemory, bytes);
    }
}
