package dev.ember.scheduler;

import dev.ember.executor.Task;
import java.util.List;
import java.util.Properties;

/**
 * The tasks of one stage attempt, submitted together.
 *
 * @param priority the job id: lower runs first under FIFO
 * @param locations preferred locations of each task, in the order of {@code tasks}
 */
public record TaskSet(
        List<Task<?>> tasks,
        int stageId,
        int stageAttemptId,
        int priority,
        Properties properties,
        List<List<TaskLocation>> locations) {
    public TaskSet {
        tasks = List.copyOf(tasks);
        locations = List.copyOf(locations);
    }

    public String id() {
        return stageId + "." + stageAttemptId;
    }
}
