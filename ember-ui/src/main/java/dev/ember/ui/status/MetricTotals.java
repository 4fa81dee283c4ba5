package dev.ember.ui.status;

import dev.ember.metrics.TaskMetrics;

/** Sums of task metrics, for a stage or for one executor within a stage. Guarded by the store's lock. */
final class MetricTotals {
    long taskTime;
    long deserializeTime;
    long deserializeCpuTime;
    long runTime;
    long cpuTime;
    long resultSize;
    long gcTime;
    long resultSerializationTime;
    long memorySpilled;
    long diskSpilled;
    long peakExecutionMemory;
    long inputBytes;
    long inputRecords;
    long outputBytes;
    long outputRecords;
    long remoteBlocksFetched;
    long localBlocksFetched;
    long fetchWaitTime;
    long remoteBytesRead;
    long localBytesRead;
    long shuffleReadRecords;
    long shuffleWriteBytes;
    long shuffleWriteTime;
    long shuffleWriteRecords;

    void add(TaskMetrics m, long duration) {
        taskTime += duration;
        if (m == null) {
            return;
        }
        deserializeTime += m.executorDeserializeTimeMillis();
        deserializeCpuTime += m.executorDeserializeCpuTimeNanos();
        runTime += m.executorRunTimeMillis();
        cpuTime += m.executorCpuTimeNanos();
        resultSize += m.resultSize();
        gcTime += m.jvmGcTimeMillis();
        resultSerializationTime += m.resultSerializationTimeMillis();
        memorySpilled += m.memoryBytesSpilled();
        diskSpilled += m.diskBytesSpilled();
        peakExecutionMemory += m.peakExecutionMemory();
        inputBytes += m.inputMetrics().bytesRead();
        inputRecords += m.inputMetrics().recordsRead();
        outputBytes += m.outputMetrics().bytesWritten();
        outputRecords += m.outputMetrics().recordsWritten();
        remoteBlocksFetched += m.shuffleReadMetrics().remoteBlocksFetched();
        localBlocksFetched += m.shuffleReadMetrics().localBlocksFetched();
        fetchWaitTime += m.shuffleReadMetrics().fetchWaitTimeMillis();
        remoteBytesRead += m.shuffleReadMetrics().remoteBytesRead();
        localBytesRead += m.shuffleReadMetrics().localBytesRead();
        shuffleReadRecords += m.shuffleReadMetrics().recordsRead();
        shuffleWriteBytes += m.shuffleWriteMetrics().bytesWritten();
        shuffleWriteTime += m.shuffleWriteMetrics().writeTimeNanos();
        shuffleWriteRecords += m.shuffleWriteMetrics().recordsWritten();
    }

    long shuffleReadBytes() {
        return remoteBytesRead + localBytesRead;
    }
}
