package dev.ember.scheduler;

import dev.ember.util.EventLoop;
import dev.ember.util.ThreadUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The DAG scheduler's recovery from fetch failures. A reduce stage that could not fetch a map output is resubmitted
 * together with the map stage that lost it, after {@code ember.stage.resubmitDelay}: the failures one lost executor
 * causes arrive over a short while, and the delay gathers them into one resubmission. A stage whose attempts fail
 * this way {@code ember.stage.maxConsecutiveAttempts} times in a row is given up.
 *
 * <p>Owned by the DAG scheduler's event loop; the resubmission arrives there as a
 * {@link DAGSchedulerEvent.ResubmitFailedStages} event posted from this class's timer thread.
 */
final class FetchFailureRecovery {
    private final EventLoop<DAGSchedulerEvent> eventLoop;
    private final ScheduledExecutorService timer;
    private final long resubmitDelay;
    private final int maxConsecutiveStageAttempts;
    private final Set<Stage> failedStages = new LinkedHashSet<>();

    FetchFailureRecovery(EventLoop<DAGSchedulerEvent> eventLoop, long resubmitDelay, int maxConsecutiveStageAttempts) {
        this.eventLoop = eventLoop;
        this.resubmitDelay = resubmitDelay;
        this.maxConsecutiveStageAttempts = maxConsecutiveStageAttempts;
        this.timer = ThreadUtils.newDaemonSingleThreadScheduledExecutor("dag-scheduler-timer");
    }

    int maxConsecutiveStageAttempts() {
        return maxConsecutiveStageAttempts;
    }

    /** Counts a failed attempt of {@code stage}; true when it has now failed too many times in a row. */
    boolean recordFailedAttempt(Stage stage, int attempt) {
        stage.failedAttemptIds().add(attempt);
        return stage.failedAttemptIds().size() >= maxConsecutiveStageAttempts;
    }

    /** Whether {@code stage} waits for the resubmission of failed stages. */
    boolean isFailed(Stage stage) {
        return failedStages.contains(stage);
    }

    /** Marks {@code failedStage} and the map stage that lost its input (if known) for the next resubmission. */
    void resubmitLater(Stage failedStage, ShuffleMapStage mapStage) {
        if (failedStages.isEmpty()) {
            if (resubmitDelay <= 0 || eventLoop.inLoop() && timer.isShutdown()) {
                eventLoop.post(new DAGSchedulerEvent.ResubmitFailedStages());
            } else {
                timer.schedule(
                        () -> eventLoop.post(new DAGSchedulerEvent.ResubmitFailedStages()),
                        resubmitDelay,
                        TimeUnit.MILLISECONDS);
            }
        }
        failedStages.add(failedStage);
        if (mapStage != null) {
            failedStages.add(mapStage);
        }
    }

    /** The stages to resubmit now, oldest job first and parents (lower ids) before children; forgets them. */
    List<Stage> takeFailedStages() {
        List<Stage> stages = new ArrayList<>(failedStages);
        failedStages.clear();
        stages.sort(Comparator.comparingInt(Stage::firstJobId).thenComparingInt(Stage::id));
        return stages;
    }

    /** Drops stages no job needs any more. */
    void forget(List<Stage> stages) {
        stages.forEach(failedStages::remove);
    }

    int size() {
        return failedStages.size();
    }

    void stop(Duration timeout) {
        ThreadUtils.shutdownAndAwait(timer, timeout);
    }
}
