package dev.ember.scheduler;

import java.util.ArrayList;
import java.util.List;

/** Records what the DAG scheduler asks of a task scheduler; runs nothing. The test ends tasks itself. */
final class FakeTaskScheduler implements TaskScheduler {
    record Cancellation(int stageId, boolean interruptThread, String reason) {}

    final List<TaskSet> submitted = new ArrayList<>();
    final List<Cancellation> cancellations = new ArrayList<>();
    TaskSchedulerListener listener;
    RuntimeException submissionFailure;

    @Override
    public void setListener(TaskSchedulerListener listener) {
        this.listener = listener;
    }

    @Override
    public void submitTasks(TaskSet taskSet) {
        if (submissionFailure != null) {
            throw submissionFailure;
        }
        submitted.add(taskSet);
    }

    @Override
    public void cancelTasks(int stageId, boolean interruptThread, String reason) {
        cancellations.add(new Cancellation(stageId, interruptThread, reason));
    }

    @Override
    public boolean killTaskAttempt(long taskId, boolean interruptThread, String reason) {
        return false;
    }

    @Override
    public int defaultParallelism() {
        return 2;
    }

    @Override
    public void stop() {}

    TaskSet last() {
        return submitted.get(submitted.size() - 1);
    }

    List<Integer> cancelledStageIds() {
        return cancellations.stream().map(Cancellation::stageId).toList();
    }
}
