package dev.ember.scheduler;

import java.util.ArrayList;
import java.util.List;

/** A backend that launches nothing by itself: the test offers slots and reports task states. Records kills. */
final class FakeBackend implements SchedulerBackend {
    record Kill(long taskId, String executorId, boolean interruptThread, String reason) {}

    final List<Kill> kills = new ArrayList<>();
    int revives;

    @Override
    public void start() {}

    @Override
    public void stop() {}

    @Override
    public void reviveOffers() {
        revives++;
    }

    @Override
    public void killTask(long taskId, String executorId, boolean interruptThread, String reason) {
        kills.add(new Kill(taskId, executorId, interruptThread, reason));
    }

    @Override
    public int defaultParallelism() {
        return 2;
    }

    @Override
    public int totalCores() {
        return 2;
    }

    @Override
    public String applicationId() {
        return "fake-application";
    }

    @Override
    public int numExecutors() {
        return 2;
    }

    List<Long> killedTaskIds() {
        return kills.stream().map(Kill::taskId).toList();
    }
}
