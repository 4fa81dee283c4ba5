package dev.ember.connect;

import dev.ember.EmberJobInfo;
import dev.ember.EmberStageInfo;
import dev.ember.StatusTracker;
import dev.ember.connect.proto.ExecutePlanResponse.ExecutionProgress;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExecutionProgress while an operation runs: every {@code ember.connect.progress.reportInterval}, the stages of the
 * operation's jobs (found by its job group) with their tasks done, sent when something changed since the last report.
 * PySpark draws its progress bar from these; Ember's client hands them to its progress listener.
 */
final class Progress {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);

    private final ScheduledExecutorService timer;
    private final long intervalMillis;
    private final StatusTracker tracker;

    Progress(ScheduledExecutorService timer, long intervalMillis, StatusTracker tracker) {
        this.timer = timer;
        this.intervalMillis = intervalMillis;
        this.tracker = tracker;
    }

    /** Reports the progress of the jobs of {@code group} to {@code sink} until the reporter is stopped. */
    Reporter start(String group, Consumer<ExecutionProgress> sink) {
        Reporter reporter = new Reporter(group, sink);
        if (intervalMillis > 0) {
            reporter.future =
                    timer.scheduleWithFixedDelay(reporter::tick, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
        return reporter;
    }

    /** One operation's reports. */
    final class Reporter {
        private final String group;
        private final Consumer<ExecutionProgress> sink;
        private ScheduledFuture<?> future;
        private ExecutionProgress last;
        private boolean stopped;

        private Reporter(String group, Consumer<ExecutionProgress> sink) {
            this.group = group;
            this.sink = sink;
        }

        private synchronized void tick() {
            if (stopped) {
                return;
            }
            try {
                ExecutionProgress now = snapshot();
                if (now.getStagesCount() > 0 && !now.equals(last)) {
                    last = now;
                    sink.accept(now);
                }
            } catch (RuntimeException e) {
                LOG.debug("Could not report the progress of {}", group, e);
            }
        }

        /** Ends the reports: none is sent once this returns (the operation's last responses follow). */
        synchronized void stop() {
            stopped = true;
            if (future != null) {
                future.cancel(false);
            }
        }

        private ExecutionProgress snapshot() {
            ExecutionProgress.Builder progress = ExecutionProgress.newBuilder();
            long inflight = 0;
            for (int jobId : tracker.getJobIdsForGroup(group)) {
                Optional<EmberJobInfo> job = tracker.getJobInfo(jobId);
                if (job.isEmpty()) {
                    continue;
                }
                for (int stageId : job.get().stageIds()) {
                    Optional<EmberStageInfo> stage = tracker.getStageInfo(stageId);
                    if (stage.isEmpty()) {
                        continue;
                    }
                    EmberStageInfo info = stage.get();
                    inflight += info.numActiveTasks();
                    progress.addStages(ExecutionProgress.StageInfo.newBuilder()
                            .setStageId(info.stageId())
                            .setNumTasks(info.numTasks())
                            .setNumCompletedTasks(info.numCompletedTasks())
                            .setDone(!info.status().equals("ACTIVE")
                                    && !info.status().equals("PENDING")));
                }
            }
            return progress.setNumInflightTasks(inflight).build();
        }
    }
}
