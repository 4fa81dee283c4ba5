package dev.ember;

import dev.ember.function.TaskFunction;
import dev.ember.rdd.RddActions;
import dev.ember.scheduler.DAGScheduler;
import dev.ember.scheduler.JobWaiter;
import dev.ember.util.CallSite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * {@code takeAsync}: {@code take}'s rounds, each a job started when the one before succeeded without finding
 * enough, all under one {@link JobFuture}. The first round starts on the caller's thread; later ones on the thread
 * that completed the round before (the scheduler's), with the caller's local properties (job group, pool) and call
 * site, captured at the start. The rounds run one at a time, each handing its state to the next through the job's
 * completion, so the fields need no lock.
 */
final class AsyncTake<T> {
    private final RDD<T> rdd;
    private final int num;
    private final int total;
    private final DAGScheduler scheduler;
    private final Properties properties;
    private final CallSite callSite;
    private final JobFuture<List<T>> future;
    private final List<T> taken = new ArrayList<>();
    private int scanned;

    private AsyncTake(RDD<T> rdd, int num, EmberContext context) {
        this.rdd = rdd;
        this.num = num;
        this.total = rdd.getNumPartitions();
        this.scheduler = context.components().dagScheduler();
        this.properties = (Properties) context.jobProperties().clone();
        this.callSite = CallSite.capture();
        this.future = new JobFuture<>(scheduler);
    }

    /** Starts taking the first {@code num} elements of {@code rdd}. */
    static <T> JobFuture<List<T>> start(RDD<T> rdd, int num) {
        if (num < 0) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT, "takeAsync(" + num + "): the count must not be negative");
        }
        EmberContext context = rdd.context();
        if (context.isStopped()) {
            throw new EmberException(ErrorClass.CONTEXT_STOPPED, "Cannot use a stopped EmberContext: create a new one");
        }
        AsyncTake<T> take = new AsyncTake<>(rdd, num, context);
        take.nextRound();
        return take.future;
    }

    /** Completes the future if there is enough or nothing left to scan; starts the next job otherwise. */
    private void nextRound() {
        if (taken.size() >= num || scanned >= total) {
            future.complete(taken);
            return;
        }
        int[] partitions = RddActions.partitionsToScan(total, scanned, taken.size(), num);
        int wanted = num - taken.size();
        TaskFunction<T, List<T>> function = (task, values) -> {
            List<T> part = new ArrayList<>(Math.min(wanted, 1024));
            while (part.size() < wanted && values.hasNext()) {
                part.add(values.next());
            }
            return part;
        };
        @SuppressWarnings("unchecked")
        List<T>[] parts = new List[partitions.length];
        JobWaiter<List<T>> job = scheduler.submitJob(
                rdd, function, partitions, callSite, (index, part) -> parts[index] = part, properties);
        future.follow(job, () -> {
            for (List<T> part : Arrays.asList(parts)) {
                for (T value : part) {
                    if (taken.size() < num) {
                        taken.add(value);
                    }
                }
            }
            scanned += partitions.length;
            nextRound();
        });
    }
}
