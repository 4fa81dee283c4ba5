package dev.ember.executor;

import java.io.Serializable;
import java.util.Properties;

/**
 * A task attempt as sent to an executor.
 *
 * @param taskId unique among all task attempts of the application
 * @param attemptNumber which attempt of this task, from 0
 * @param executorId where it runs
 * @param name for logs: {@code task 3.1 in stage 2.0}
 * @param index the task's index in its task set
 * @param partitionId the partition it computes
 * @param properties the local properties of the thread that submitted the job
 * @param serializedTask the {@link Task}, Java-serialized
 */
public record TaskDescription(
        long taskId,
        int attemptNumber,
        String executorId,
        String name,
        int index,
        int partitionId,
        Properties properties,
        byte[] serializedTask)
        implements Serializable {}
