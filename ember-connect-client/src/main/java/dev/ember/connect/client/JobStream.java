package dev.ember.connect.client;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.ExecutePlanRequest;
import dev.ember.connect.proto.ExecutePlanResponse;
import dev.ember.connect.proto.Plan;
import dev.ember.connect.proto.ReattachExecuteRequest;
import dev.ember.connect.proto.ReattachOptions;
import dev.ember.connect.proto.Relation;
import dev.ember.connect.proto.ReleaseExecuteRequest;
import dev.ember.connect.proto.SparkConnectServiceGrpc;
import dev.ember.connect.proto.UserContext;
import dev.ember.connect.proto.rdd.RddJob;
import dev.ember.connect.proto.rdd.RddValues;
import dev.ember.serializer.JavaSerializer;
import dev.ember.serializer.SerializerInstance;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One job on the server: ExecutePlan, reattachable, its values read as they arrive. A stream that breaks (or that
 * the server ends before the result is complete) is reattached after the last response seen, a few times; what the
 * client has read is released as it goes, so the server's buffer never holds more than it must.
 */
final class JobStream {
    private static final int MAX_REATTACHES = 8;

    private final SparkConnectServiceGrpc.SparkConnectServiceBlockingStub blocking;
    private final SparkConnectServiceGrpc.SparkConnectServiceStub async;
    private final String sessionId;
    private final UserContext user;
    private final Duration jobTimeout;
    private final Duration callTimeout;
    private final Consumer<JobProgress> progressListener;
    private final String operationId = UUID.randomUUID().toString();
    private final SerializerInstance serializer = new JavaSerializer().newInstance();

    JobStream(
            SparkConnectServiceGrpc.SparkConnectServiceBlockingStub blocking,
            SparkConnectServiceGrpc.SparkConnectServiceStub async,
            String sessionId,
            UserContext user,
            Duration jobTimeout,
            Duration callTimeout,
            Consumer<JobProgress> progressListener) {
        this.progressListener = progressListener;
        this.blocking = blocking;
        this.async = async;
        this.sessionId = sessionId;
        this.user = user;
        this.jobTimeout = jobTimeout;
        this.callTimeout = callTimeout;
    }

    /**
     * Runs {@code job}, handing each value to {@code sink} in order; returns when the result is complete. Any other
     * end (a failing sink, an interrupt, a failed call) interrupts the operation on the server and releases it.
     */
    void run(RddJob job, Consumer<Object> sink) {
        boolean complete = false;
        try {
            execute(job, sink);
            complete = true;
        } finally {
            if (!complete) {
                interruptQuietly();
                releaseAll();
            }
        }
    }

    private void execute(RddJob job, Consumer<Object> sink) {
        long deadline = System.nanoTime() + jobTimeout.toNanos();
        ExecutePlanRequest request = ExecutePlanRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(user)
                .setOperationId(operationId)
                .setClientType(EmberConnect.CLIENT_TYPE)
                .setPlan(Plan.newBuilder().setRoot(Relation.newBuilder().setExtension(Any.pack(job))))
                .addRequestOptions(ExecutePlanRequest.RequestOption.newBuilder()
                        .setReattachOptions(ReattachOptions.newBuilder().setReattachable(true)))
                .build();
        String lastResponse = null;
        int reattaches = 0;
        boolean started = false;
        while (true) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                throw new EmberException(ErrorClass.TIMEOUT, "The job took longer than " + jobTimeout);
            }
            var stub = blocking.withDeadlineAfter(leftNanos, TimeUnit.NANOSECONDS);
            // The stream is cancelled when reading stops early (a failing sink, an interrupt), not left open.
            Context.CancellableContext call = Context.current().withCancellation();
            Context outer = call.attach();
            try {
                Iterator<ExecutePlanResponse> responses =
                        !started ? stub.executePlan(request) : stub.reattachExecute(reattach(lastResponse));
                started = true;
                while (responses.hasNext()) {
                    ExecutePlanResponse response = responses.next();
                    lastResponse = response.getResponseId();
                    reattaches = 0; // the limit is on failures in a row

                    if (response.hasResultComplete()) {
                        releaseAll();
                        return;
                    }
                    if (response.hasExecutionProgress()) {
                        progress(response.getExecutionProgress());
                    }
                    if (response.hasExtension()) {
                        values(response.getExtension(), sink);
                        // Released as soon as read: the server's next slice waits while too much is unreleased.
                        releaseUntil(lastResponse);
                    }
                }
                // The server ended this stream before the result was complete: continue after the last response.
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED) {
                    throw new EmberException(ErrorClass.TIMEOUT, "The job took longer than " + jobTimeout, e);
                }
                if (lastResponse == null
                        && String.valueOf(e.getStatus().getDescription()).contains("OPERATION_NOT_FOUND")) {
                    // The first stream broke before the server registered the operation: start it again.
                    started = false;
                } else if (!retryable(e.getStatus())) {
                    throw Failures.of(e);
                }
                if (++reattaches > MAX_REATTACHES) {
                    throw Failures.of(e);
                }
                backOff(reattaches, deadline);
            } finally {
                call.detach(outer);
                call.cancel(null);
            }
        }
    }

    /** Waits before the {@code attempt}-th retry: 100 ms, doubling up to 3 s, never past the job's deadline. */
    private static void backOff(int attempt, long deadline) {
        long millis = Math.min(3000, 100L << Math.min(attempt - 1, 5));
        millis = Math.min(millis, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmberException(ErrorClass.JOB_CANCELLED, "Interrupted while reconnecting to the job", e);
        }
    }

    private void progress(ExecutePlanResponse.ExecutionProgress report) {
        if (progressListener == null) {
            return;
        }
        List<JobProgress.Stage> stages = new java.util.ArrayList<>();
        for (var stage : report.getStagesList()) {
            stages.add(new JobProgress.Stage(
                    stage.getStageId(), stage.getNumTasks(), stage.getNumCompletedTasks(), stage.getDone()));
        }
        try {
            progressListener.accept(new JobProgress(stages, report.getNumInflightTasks()));
        } catch (RuntimeException ignored) {
            // A listener's failure is the listener's: the job goes on.
        }
    }

    private void values(Any extension, Consumer<Object> sink) {
        RddValues values;
        try {
            if (!extension.is(RddValues.class)) {
                throw new EmberException(
                        ErrorClass.REMOTE_FAILURE, "The server sent a result of type " + extension.getTypeUrl());
            }
            values = extension.unpack(RddValues.class);
        } catch (InvalidProtocolBufferException e) {
            throw new EmberException(ErrorClass.REMOTE_FAILURE, "The server sent values that do not parse", e);
        }
        byte[] bytes = values.getValues().toByteArray();
        List<?> list = serializer.deserialize(bytes, 0, bytes.length, loader());
        long count = Math.min(values.getCount(), list.size());
        for (int i = 0; i < count; i++) {
            sink.accept(list.get(i));
        }
    }

    private static ClassLoader loader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : JobStream.class.getClassLoader();
    }

    private static boolean retryable(Status status) {
        return status.getCode() == Status.Code.UNAVAILABLE
                || (status.getCode() == Status.Code.INTERNAL
                        && String.valueOf(status.getDescription()).contains("RST_STREAM"));
    }

    private ReattachExecuteRequest reattach(String lastResponse) {
        ReattachExecuteRequest.Builder request = ReattachExecuteRequest.newBuilder()
                .setSessionId(sessionId)
                .setUserContext(user)
                .setOperationId(operationId)
                .setClientType(EmberConnect.CLIENT_TYPE);
        if (lastResponse != null) {
            request.setLastResponseId(lastResponse);
        }
        return request.build();
    }

    private void releaseUntil(String responseId) {
        release(ReleaseExecuteRequest.newBuilder()
                .setReleaseUntil(ReleaseExecuteRequest.ReleaseUntil.newBuilder().setResponseId(responseId)));
    }

    private void releaseAll() {
        release(ReleaseExecuteRequest.newBuilder()
                .setReleaseAll(ReleaseExecuteRequest.ReleaseAll.getDefaultInstance()));
    }

    /**
     * Fire and forget: a release that fails leaves the result to the server's abandoned-operation timeout. Sent
     * outside the stream's context, which is cancelled when the stream ends and would cancel the release with it.
     */
    private void release(ReleaseExecuteRequest.Builder request) {
        Context.ROOT.run(() -> sendRelease(request));
    }

    private void sendRelease(ReleaseExecuteRequest.Builder request) {
        async.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .releaseExecute(
                        request.setSessionId(sessionId)
                                .setUserContext(user)
                                .setOperationId(operationId)
                                .setClientType(EmberConnect.CLIENT_TYPE)
                                .build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(dev.ember.connect.proto.ReleaseExecuteResponse response) {}

                            @Override
                            public void onError(Throwable error) {}

                            @Override
                            public void onCompleted() {}
                        });
    }

    private void interruptQuietly() {
        boolean interrupted = Thread.interrupted(); // the interrupt's own call must not be cancelled by it
        try {
            blocking.withDeadlineAfter(callTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .interrupt(dev.ember.connect.proto.InterruptRequest.newBuilder()
                            .setSessionId(sessionId)
                            .setUserContext(user)
                            .setClientType(EmberConnect.CLIENT_TYPE)
                            .setInterruptType(
                                    dev.ember.connect.proto.InterruptRequest.InterruptType.INTERRUPT_TYPE_OPERATION_ID)
                            .setOperationId(operationId)
                            .build());
        } catch (StatusRuntimeException ignored) {
            // The operation ends with the server's abandoned-operation timeout instead.
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
