package dev.ember.connect;

import dev.ember.connect.proto.ExecutePlanResponse;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Future;

/**
 * One ExecutePlan of a session: the responses its plan produced, kept until the client releases them, and the
 * stream (at most one at a time) they are sent on. A client whose stream broke reattaches with the id of the last
 * response it saw and gets the responses after it; a new stream replaces an old one.
 *
 * <p>Responses go out only while gRPC says the stream is ready, so a slow client never makes the server queue more
 * than one response in gRPC's buffers; the rest wait here. A stream is ended (without a result-complete response)
 * after {@code maxStreamResponses} responses, so that no stream lives long; the client reattaches.
 */
final class ExecuteOperation {
    final String operationId;
    final Set<String> tags;
    final boolean reattachable;
    private final int maxStreamResponses;
    private final List<ExecutePlanResponse> responses = new ArrayList<>();
    /** Responses released from the front of {@link #responses} by the client. */
    private long released;
    /** The id of the last response released: a client reattaching after it resumes with the first one kept. */
    private String lastReleasedId;

    private boolean done;
    private Throwable failure;
    private boolean interrupted;
    private Future<?> task;
    private Stream stream;
    private volatile long finishedNanos;
    private final Runnable onFinished;

    private static final class Stream {
        final ServerCallStreamObserver<ExecutePlanResponse> observer;
        /** Index (counting released responses) of the next response to send. */
        long next;

        int sent;

        Stream(ServerCallStreamObserver<ExecutePlanResponse> observer, long next) {
            this.observer = observer;
            this.next = next;
        }
    }

    ExecuteOperation(
            String operationId, Set<String> tags, boolean reattachable, int maxStreamResponses, Runnable onFinished) {
        this.operationId = operationId;
        this.tags = Set.copyOf(tags);
        this.reattachable = reattachable;
        this.maxStreamResponses = maxStreamResponses;
        this.onFinished = onFinished;
    }

    synchronized void started(Future<?> task) {
        this.task = task;
        if (interrupted) {
            task.cancel(true);
        }
    }

    boolean finished() {
        return finishedNanos != 0;
    }

    long finishedNanos() {
        return finishedNanos;
    }

    synchronized boolean wasInterrupted() {
        return interrupted;
    }

    /** Appends a response of the plan and sends what the stream can take. */
    synchronized void add(ExecutePlanResponse response) {
        if (!done) {
            responses.add(response);
            pump();
        }
    }

    /** The plan ended: with a failure, or (null) after its last response. */
    void finish(Throwable error) {
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            failure = error;
            finishedNanos = Math.max(1, System.nanoTime());
            pump();
        }
        onFinished.run();
    }

    /**
     * Sends this operation's responses on {@code observer}, from the one after {@code lastResponseId} (from the first
     * kept one when null). Fails when that response was released already or never existed.
     */
    synchronized void attach(ServerCallStreamObserver<ExecutePlanResponse> observer, String lastResponseId) {
        long next = released;
        if (lastResponseId != null && !lastResponseId.equals(lastReleasedId)) {
            int index = indexOf(lastResponseId);
            if (index < 0) {
                throw ConnectErrors.invalid(
                        "INVALID_CURSOR.POSITION_NOT_AVAILABLE",
                        "The response " + lastResponseId + " of operation " + operationId
                                + " was released or never sent");
            }
            next = released + index + 1;
        }
        if (stream != null) {
            // A client reattaching gave up on its old stream; it hears nothing more there.
            Stream old = stream;
            stream = null;
            try {
                old.observer.onError(Status.CANCELLED
                        .withDescription("A newer stream of this operation took over")
                        .asRuntimeException());
            } catch (RuntimeException closedAlready) {
                // The old call is gone already.
            }
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

    private synchronized void detach(Stream cancelled) {
        if (stream == cancelled) {
            stream = null;
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
                    current.observer.onCompleted();
                    return;
                }
                current.observer.onNext(responses.get((int) (current.next - released)));
                current.next++;
                current.sent++;
            }
            if (done && current.next == released + responses.size()) {
                stream = null;
                if (failure != null) {
                    current.observer.onError(
                            failure instanceof io.grpc.StatusRuntimeException status
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
            }
        }
    }

    /** Sets the failure sent to streams; used to replace a raw failure by its status with an error id. */
    synchronized void failWith(io.grpc.StatusRuntimeException status) {
        failure = status;
    }

    /** Drops the kept responses up to and including {@code responseId}: the client has them. */
    synchronized void releaseUntil(String responseId) {
        int index = indexOf(responseId);
        if (index < 0) {
            return;
        }
        lastReleasedId = responseId;
        responses.subList(0, index + 1).clear();
        released += index + 1;
        if (stream != null && stream.next < released) {
            stream.next = released;
        }
    }

    /** Drops every kept response; the operation is over for the client. */
    synchronized void release() {
        released += responses.size();
        responses.clear();
        Stream current = stream;
        stream = null;
        if (current != null && !done) {
            try {
                current.observer.onError(Status.CANCELLED
                        .withDescription("The operation " + operationId + " was released")
                        .asRuntimeException());
            } catch (RuntimeException closedAlready) {
                // Nothing to tell.
            }
        }
    }

    /** Stops the plan if it still runs; its stream ends with the cancellation. */
    synchronized void interrupt() {
        interrupted = true;
        if (task != null) {
            task.cancel(true);
        }
    }

    private int indexOf(String responseId) {
        for (int i = 0; i < responses.size(); i++) {
            if (responses.get(i).getResponseId().equals(responseId)) {
                return i;
            }
        }
        return -1;
    }
}
