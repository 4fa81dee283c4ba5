package dev.ember.connect;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.ExecutePlanResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * One ExecutePlan of a session: the responses its plan produced, kept until the client releases them, and the
 * stream (at most one at a time) they are sent on. A client whose stream broke reattaches with the id of the last
 * response it saw and gets the responses after it; a new stream replaces an old one.
 *
 * <p>Responses go out only while gRPC says the stream is ready, so a slow client never makes the server queue more
 * than one response in gRPC's buffers; the rest wait here. A reattachable stream is ended (without a result-complete
 * response) after {@code maxStreamResponses} responses, so that no stream lives long; the client reattaches. A
 * stream that is not reattachable ends the operation when the client goes away.
 */
final class ExecuteOperation {
    final String operationId;
    final Set<String> tags;
    final boolean reattachable;
    private final int maxStreamResponses;
    private final Runnable onFinished;
    private final Runnable cancelJobs;

    private final List<ExecutePlanResponse> responses = new ArrayList<>();
    /** The position of every kept response and of the last released one, by id: a reattaching client names one. */
    private final Map<String, Long> positions = new HashMap<>();
    /** Responses released from the front of {@link #responses} by the client. */
    private long released;
    /** The id of the last response released, the one released response a client may still reattach after. */
    private String lastReleasedId;
    /** The serialized size of the responses kept. */
    private long keptBytes;

    private boolean began;
    private boolean done;
    private Throwable failure;
    private boolean interrupted;
    private Future<?> task;
    private Stream stream;
    private volatile long finishedNanos;
    private volatile long detachedNanos = System.nanoTime();

    /** How long a plan waits for a client with no stream attached before it gives up. */
    private static final long DETACHED_PATIENCE_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);

    private static final class Stream {
        final ServerCallStreamObserver<ExecutePlanResponse> observer;
        /** Position of the next response to send. */
        long next;

        int sent;

        Stream(ServerCallStreamObserver<ExecutePlanResponse> observer, long next) {
            this.observer = observer;
            this.next = next;
        }
    }

    ExecuteOperation(
            String operationId,
            Set<String> tags,
            boolean reattachable,
            int maxStreamResponses,
            Runnable onFinished,
            Runnable cancelJobs) {
        this.operationId = operationId;
        this.tags = Set.copyOf(tags);
        this.reattachable = reattachable;
        this.maxStreamResponses = maxStreamResponses;
        this.onFinished = onFinished;
        this.cancelJobs = cancelJobs;
    }

    synchronized void started(Future<?> task) {
        this.task = task;
        if (interrupted) {
            task.cancel(true);
        }
    }

    /** Called by the plan's thread before it runs the plan: false when the operation was interrupted first. */
    synchronized boolean begin() {
        if (interrupted || done) {
            return false;
        }
        began = true;
        return true;
    }

    boolean finished() {
        return finishedNanos != 0;
    }

    /**
     * Whether the operation finished and no client has read from it for {@code nanos}: nobody will release it.
     */
    synchronized boolean abandoned(long now, long nanos) {
        return finished() && stream == null && now - Math.max(finishedNanos, detachedNanos) > nanos;
    }

    /** Releases the operation if it is abandoned (checked and done at once, so a reattach cannot slip between). */
    synchronized boolean releaseIfAbandoned(long now, long nanos) {
        if (!abandoned(now, nanos)) {
            return false;
        }
        release();
        return true;
    }

    /** How many response ids the operation remembers (for tests: kept responses and the last released one). */
    synchronized int knownResponseIds() {
        return positions.size();
    }

    synchronized boolean wasInterrupted() {
        return interrupted;
    }

    /** Appends a response of the plan and sends what the stream can take. */
    synchronized void add(ExecutePlanResponse response) {
        if (!done) {
            positions.put(response.getResponseId(), released + responses.size());
            responses.add(response);
            keptBytes += response.getSerializedSize();
            pump();
        }
    }

    /**
     * The plan ended: with a failure, or (null) after its last response. A failure given earlier with
     * {@link #failWith} (the same failure as a status with its error id) is what the client gets.
     */
    void finish(Throwable error) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            if (failure == null) {
                failure = error;
            }
            finishedNanos = Math.max(1, System.nanoTime());
            pump();
        }
        onFinished.run();
    }

    /** Sets the status a failed plan's stream ends with. */
    synchronized void failWith(StatusRuntimeException status) {
        failure = status;
    }

    /**
     * Sends this operation's responses on {@code observer}, from the one after {@code lastResponseId} (from the first
     * kept one when null). Fails when a response after it was released already, or it never existed.
     */
    synchronized void attach(ServerCallStreamObserver<ExecutePlanResponse> observer, String lastResponseId) {
        long next = released;
        if (lastResponseId != null) {
            Long position = positions.get(lastResponseId);
            if (position == null || position + 1 < released) {
                throw ConnectErrors.invalid(
                        "INVALID_CURSOR.POSITION_NOT_AVAILABLE",
                        "The response " + SessionManager.clip(lastResponseId) + " of operation " + operationId
                                + " was never sent, or the responses after it were released");
            }
            next = position + 1;
        }
        if (stream != null) {
            // A client reattaching gave up on its old stream; it hears nothing more there.
            end(stream, Status.CANCELLED.withDescription("A newer stream of this operation took over"));
        }
        Stream attached = new Stream(observer, next);
        stream = attached;
        observer.setOnCancelHandler(() -> detach(attached));
        observer.setOnReadyHandler(this::pumpLater);
        pump();
    }

    private synchronized void pumpLater() {
        pump();
    }

    private void detach(Stream cancelled) {
        boolean stop;
        synchronized (this) {
            if (stream != cancelled) {
                return;
            }
            stream = null;
            detachedNanos = System.nanoTime();
            stop = !reattachable && !done;
        }
        if (stop) {
            // Nobody can come back for this result.
            interrupt();
        }
    }

    private void pump() {
        Stream current = stream;
        if (current == null) {
            return;
        }
        try {
            while (current.next < released + responses.size() && current.observer.isReady()) {
                if (current.sent >= maxStreamResponses && reattachable) {
                    // Long enough: the client reattaches for the rest.
                    stream = null;
                    detachedNanos = System.nanoTime();
                    current.observer.onCompleted();
                    return;
                }
                current.observer.onNext(responses.get((int) (current.next - released)));
                current.next++;
                current.sent++;
                if (!reattachable) {
                    // Nobody can ask for it again.
                    dropFront((int) (current.next - released));
                }
            }
            if (done && current.next == released + responses.size()) {
                stream = null;
                detachedNanos = System.nanoTime();
                if (failure != null) {
                    current.observer.onError(
                            failure instanceof StatusRuntimeException status
                                    ? status
                                    : ConnectErrors.toStatus(failure, null));
                } else {
                    current.observer.onCompleted();
                }
            }
        } catch (RuntimeException streamClosed) {
            // The client went away (the call was cancelled under us); it may reattach.
            if (stream == current) {
                stream = null;
                detachedNanos = System.nanoTime();
            }
        }
    }

    /** Drops the kept responses up to and including {@code responseId}: the client has them. */
    synchronized void releaseUntil(String responseId) {
        Long position = positions.get(responseId);
        if (position == null || position < released) {
            return;
        }
        // The last released id stays known (a client reattaches naming the last one it saw); the responses go.
        dropFront((int) (position + 1 - released));
        if (stream != null && stream.next < released) {
            stream.next = released;
        }
    }

    private void dropFront(int count) {
        if (count == 0) {
            return;
        }
        // Of the released responses, a reattaching client may name only the last (it resumes after it): the ids of
        // the others are forgotten, so that a long result does not keep one per response.
        for (int i = 0; i < count; i++) {
            ExecutePlanResponse response = responses.get(i);
            keptBytes -= response.getSerializedSize();
            if (i < count - 1) {
                positions.remove(response.getResponseId());
            }
        }
        if (lastReleasedId != null) {
            positions.remove(lastReleasedId);
        }
        lastReleasedId = responses.get(count - 1).getResponseId();
        responses.subList(0, count).clear();
        released += count;
        notifyAll();
    }

    /**
     * Waits (on the plan's thread) while the responses kept take more than {@code maxBytes}: the plan's next jobs
     * wait for the client to read and release. Fails when the operation is interrupted or released meanwhile, or when
     * no response left for {@code idleNanos}: the client is gone.
     */
    synchronized void awaitRoom(long maxBytes, long idleNanos) throws InterruptedException {
        long lastProgress = System.nanoTime();
        long lastKept = keptBytes;
        while (keptBytes > maxBytes && !interrupted) {
            long now = System.nanoTime();
            if (keptBytes < lastKept) {
                lastKept = keptBytes;
                lastProgress = now;
            }
            // A client that is gone (no stream for a while) frees the thread sooner than one that reads slowly.
            long patience = stream == null ? Math.min(idleNanos, DETACHED_PATIENCE_NANOS) : idleNanos;
            if (now - Math.max(lastProgress, stream == null ? detachedNanos : lastProgress) > patience) {
                throw new EmberException(
                        ErrorClass.JOB_CANCELLED,
                        "[OPERATION_CANCELED] No client read the result of operation " + operationId + " for "
                                + patience / 1_000_000_000L + " s");
            }
            wait(1_000);
        }
        if (interrupted) {
            throw cancelled();
        }
    }

    /** Drops every kept response and ends a stream still attached: the operation is over for the client. */
    synchronized void release() {
        dropFront(responses.size());
        if (stream != null) {
            end(stream, Status.CANCELLED.withDescription("The operation " + operationId + " was released"));
        }
    }

    /** Stops the plan if it still runs (or has not started); its stream ends with the cancellation. */
    void interrupt() {
        boolean finishNow;
        synchronized (this) {
            if (done) {
                return;
            }
            interrupted = true;
            if (task != null) {
                task.cancel(true);
            }
            finishNow = !began;
            notifyAll();
        }
        try {
            cancelJobs.run();
        } finally {
            if (finishNow) {
                // The plan never started, so no thread of it will report the cancellation.
                finish(ConnectErrors.toStatus(cancelled(), null));
            }
        }
    }

    EmberException cancelled() {
        return new EmberException(
                ErrorClass.JOB_CANCELLED, "[OPERATION_CANCELED] The operation " + operationId + " was interrupted");
    }

    private void end(Stream ended, Status status) {
        stream = null;
        detachedNanos = System.nanoTime();
        try {
            ended.observer.onError(status.asRuntimeException());
        } catch (RuntimeException closedAlready) {
            // The call is gone already.
        }
    }
}
