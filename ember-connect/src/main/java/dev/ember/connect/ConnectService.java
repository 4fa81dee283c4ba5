package dev.ember.connect;

import dev.ember.EmberContext;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.AddArtifactsRequest;
import dev.ember.connect.proto.AddArtifactsResponse;
import dev.ember.connect.proto.AnalyzePlanRequest;
import dev.ember.connect.proto.AnalyzePlanResponse;
import dev.ember.connect.proto.ArtifactStatusesRequest;
import dev.ember.connect.proto.ArtifactStatusesResponse;
import dev.ember.connect.proto.ConfigRequest;
import dev.ember.connect.proto.ConfigResponse;
import dev.ember.connect.proto.ExecutePlanRequest;
import dev.ember.connect.proto.ExecutePlanResponse;
import dev.ember.connect.proto.FetchErrorDetailsRequest;
import dev.ember.connect.proto.FetchErrorDetailsResponse;
import dev.ember.connect.proto.InterruptRequest;
import dev.ember.connect.proto.InterruptResponse;
import dev.ember.connect.proto.ReattachExecuteRequest;
import dev.ember.connect.proto.ReleaseExecuteRequest;
import dev.ember.connect.proto.ReleaseExecuteResponse;
import dev.ember.connect.proto.ReleaseSessionRequest;
import dev.ember.connect.proto.ReleaseSessionResponse;
import dev.ember.connect.proto.SparkConnectServiceGrpc;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark Connect service. Every call runs on the server's request threads, never on gRPC's I/O threads; plans run
 * on the operation threads, one per running ExecutePlan, and their results wait in their operation until the client
 * reads them.
 */
final class ConnectService extends SparkConnectServiceGrpc.SparkConnectServiceImplBase {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectService.class);

    private final SessionManager sessions;
    private final ExecutorService operations;
    private final ExecutorService analyses;
    private final ConnectLimits limits;
    private final Progress progress;
    private final EmberContext context;
    private final Analysis analysis;
    private final Artifacts artifacts;

    ConnectService(
            SessionManager sessions,
            ExecutorService operations,
            ExecutorService analyses,
            ConnectLimits limits,
            EmberContext context,
            Progress progress) {
        this.progress = progress;
        this.sessions = sessions;
        this.operations = operations;
        this.analyses = analyses;
        this.limits = limits;
        this.context = context;
        this.analysis = new Analysis();
        this.artifacts = new Artifacts(sessions);
    }

    @Override
    public void executePlan(ExecutePlanRequest request, StreamObserver<ExecutePlanResponse> observer) {
        respond(observer, () -> {
            ConnectSession session = session(request.getUserContext().getUserId(), request.getSessionId());
            checkObserved(
                    session,
                    request.hasClientObservedServerSideSessionId()
                            ? request.getClientObservedServerSideSessionId()
                            : null);
            String operationId = request.hasOperationId()
                    ? request.getOperationId()
                    : UUID.randomUUID().toString();
            checkUuid(operationId, "operation id");
            boolean reattachable = false;
            for (var option : request.getRequestOptionsList()) {
                if (option.hasReattachOptions()) {
                    reattachable = option.getReattachOptions().getReattachable();
                }
            }
            Set<String> tags = new HashSet<>(request.getTagsList());
            ExecuteOperation operation = new ExecuteOperation(
                    operationId,
                    tags,
                    reattachable,
                    limits.maxStreamResponses(),
                    reattachable ? () -> {} : () -> session.removeOperation(operationId),
                    () -> context.cancelJobGroup(jobGroup(operationId)));
            session.addOperation(operation);
            operation.attach((ServerCallStreamObserver<ExecutePlanResponse>) observer, null);
            Future<?> task;
            try {
                task = operations.submit(() -> run(session, operation, request));
            } catch (RuntimeException refused) {
                // The server is stopping: the operation ends here, with the reason.
                operation.finish(refused);
                session.removeOperation(operationId);
                throw refused;
            }
            operation.started(task);
            return null;
        });
    }

    private static String jobGroup(String operationId) {
        return "connect-" + operationId;
    }

    private void run(ConnectSession session, ExecuteOperation operation, ExecutePlanRequest request) {
        if (!operation.begin()) {
            return; // interrupted while it waited for a thread; the interrupt ended it
        }
        String group = jobGroup(operation.operationId);
        context.setJobGroup(
                group,
                "Connect session " + session.sessionId + " (user " + clip(session.userId) + ")"
                        + (operation.tags.isEmpty() ? "" : ", tags " + operation.tags),
                true);
        Throwable failure = null;
        try {
            new PlanExecution(session, operation, limits, progress, group).run(request.getPlan());
        } catch (StackOverflowError e) {
            failure = new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The plan is nested too deeply to run; cache or write an intermediate result and continue from"
                            + " it");
            operation.failWith(ConnectErrors.toStatus(failure, session.rememberError(failure)));
        } catch (Throwable e) {
            failure = operation.wasInterrupted() || e instanceof InterruptedException ? operation.cancelled() : e;
            if (!(failure instanceof EmberException)) {
                LOG.warn("Connect operation {} failed", operation.operationId, failure);
            }
            operation.failWith(ConnectErrors.toStatus(failure, session.rememberError(failure)));
        } finally {
            context.clearJobGroup();
            session.touch();
        }
        operation.finish(failure);
    }

    @Override
    public void reattachExecute(ReattachExecuteRequest request, StreamObserver<ExecutePlanResponse> observer) {
        respond(observer, () -> {
            ConnectSession session = sessions.get(request.getUserContext().getUserId(), request.getSessionId());
            checkObserved(
                    session,
                    request.hasClientObservedServerSideSessionId()
                            ? request.getClientObservedServerSideSessionId()
                            : null);
            ExecuteOperation operation = session.operation(request.getOperationId());
            if (operation == null) {
                throw ConnectErrors.invalid(
                        "INVALID_HANDLE.OPERATION_NOT_FOUND",
                        "No operation " + clip(request.getOperationId()) + " in this session: it finished and was"
                                + " released, or never started");
            }
            if (!operation.reattachable) {
                throw ConnectErrors.invalid(
                        "INVALID_HANDLE.OPERATION_NOT_REATTACHABLE",
                        "The operation " + operation.operationId + " was not started as reattachable");
            }
            operation.attach(
                    (ServerCallStreamObserver<ExecutePlanResponse>) observer,
                    request.hasLastResponseId() ? request.getLastResponseId() : null);
            return null;
        });
    }

    @Override
    public void releaseExecute(ReleaseExecuteRequest request, StreamObserver<ReleaseExecuteResponse> observer) {
        respond(observer, () -> {
            ConnectSession session = sessions.get(request.getUserContext().getUserId(), request.getSessionId());
            ExecuteOperation operation = session.operation(request.getOperationId());
            if (operation != null) {
                if (request.hasReleaseUntil()) {
                    operation.releaseUntil(request.getReleaseUntil().getResponseId());
                } else {
                    operation.interrupt();
                    operation.release();
                    session.removeOperation(operation.operationId);
                }
            }
            return ReleaseExecuteResponse.newBuilder()
                    .setSessionId(session.sessionId)
                    .setServerSideSessionId(session.serverSideSessionId)
                    .setOperationId(request.getOperationId())
                    .build();
        });
    }

    @Override
    public void interrupt(InterruptRequest request, StreamObserver<InterruptResponse> observer) {
        respond(observer, () -> {
            ConnectSession session =
                    sessions.getOrCreate(request.getUserContext().getUserId(), request.getSessionId());
            InterruptResponse.Builder response = InterruptResponse.newBuilder()
                    .setSessionId(session.sessionId)
                    .setServerSideSessionId(session.serverSideSessionId);
            for (ExecuteOperation operation : session.operations()) {
                boolean chosen =
                        switch (request.getInterruptType()) {
                            case INTERRUPT_TYPE_ALL -> true;
                            case INTERRUPT_TYPE_TAG -> operation.tags.contains(request.getOperationTag());
                            case INTERRUPT_TYPE_OPERATION_ID -> operation.operationId.equals(request.getOperationId());
                            default ->
                                throw ConnectErrors.invalid(
                                        "INVALID_PARAMETER_VALUE.INTERRUPT_TYPE", "An interrupt without a type");
                        };
                if (chosen && !operation.finished()) {
                    operation.interrupt();
                    response.addInterruptedIds(operation.operationId);
                }
            }
            return response.build();
        });
    }

    @Override
    public void analyzePlan(AnalyzePlanRequest request, StreamObserver<AnalyzePlanResponse> observer) {
        // Analysis may read files (schema inference) or run a query (pivot values): not on a request thread.
        analyses.execute(() -> respond(observer, () -> {
            ConnectSession session = session(request.getUserContext().getUserId(), request.getSessionId());
            checkObserved(
                    session,
                    request.hasClientObservedServerSideSessionId()
                            ? request.getClientObservedServerSideSessionId()
                            : null);
            try {
                return withErrorId(session, () -> analysis.analyze(session, request));
            } catch (StackOverflowError e) {
                throw ConnectErrors.toStatus(
                        new EmberException(ErrorClass.INVALID_ARGUMENT, "The plan is nested too deeply to analyze"),
                        null);
            }
        }));
    }

    @Override
    public void config(ConfigRequest request, StreamObserver<ConfigResponse> observer) {
        respond(observer, () -> {
            ConnectSession session = session(request.getUserContext().getUserId(), request.getSessionId());
            checkObserved(
                    session,
                    request.hasClientObservedServerSideSessionId()
                            ? request.getClientObservedServerSideSessionId()
                            : null);
            return withErrorId(session, () -> SessionConfig.apply(session, request));
        });
    }

    /** {@code call}'s answer; its failure as a status whose error id FetchErrorDetails can look up in the session. */
    private static <T> T withErrorId(ConnectSession session, Supplier<T> call) {
        try {
            return call.get();
        } catch (StatusRuntimeException status) {
            throw status;
        } catch (RuntimeException e) {
            throw ConnectErrors.toStatus(e, session.rememberError(e));
        }
    }

    @Override
    public StreamObserver<AddArtifactsRequest> addArtifacts(StreamObserver<AddArtifactsResponse> observer) {
        return artifacts.receive(observer);
    }

    @Override
    public void artifactStatus(ArtifactStatusesRequest request, StreamObserver<ArtifactStatusesResponse> observer) {
        respond(observer, () -> {
            ConnectSession session = session(request.getUserContext().getUserId(), request.getSessionId());
            ArtifactStatusesResponse.Builder response = ArtifactStatusesResponse.newBuilder()
                    .setSessionId(session.sessionId)
                    .setServerSideSessionId(session.serverSideSessionId);
            for (String name : request.getNamesList()) {
                response.putStatuses(
                        name,
                        ArtifactStatusesResponse.ArtifactStatus.newBuilder()
                                .setExists(session.hasArtifact(name))
                                .build());
            }
            return response.build();
        });
    }

    @Override
    public void releaseSession(ReleaseSessionRequest request, StreamObserver<ReleaseSessionResponse> observer) {
        respond(observer, () -> {
            String userId = request.getUserContext().getUserId();
            String serverSide = "";
            try {
                serverSide = sessions.get(userId, request.getSessionId()).serverSideSessionId;
            } catch (StatusRuntimeException none) {
                // Releasing a session that is gone already is not an error.
            }
            sessions.release(userId, request.getSessionId());
            return ReleaseSessionResponse.newBuilder()
                    .setSessionId(request.getSessionId())
                    .setServerSideSessionId(serverSide)
                    .build();
        });
    }

    @Override
    public void fetchErrorDetails(
            FetchErrorDetailsRequest request, StreamObserver<FetchErrorDetailsResponse> observer) {
        respond(observer, () -> {
            ConnectSession session = sessions.get(request.getUserContext().getUserId(), request.getSessionId());
            FetchErrorDetailsResponse.Builder response = FetchErrorDetailsResponse.newBuilder()
                    .setSessionId(session.sessionId)
                    .setServerSideSessionId(session.serverSideSessionId);
            Throwable error = session.takeError(request.getErrorId());
            if (error != null) {
                List<FetchErrorDetailsResponse.Error> errors = ConnectErrors.details(error);
                response.setRootErrorIdx(0).addAllErrors(errors);
            }
            return response.build();
        });
    }

    private ConnectSession session(String userId, String sessionId) {
        return sessions.getOrCreate(userId, sessionId);
    }

    /** A client that saw another server-side session (the server restarted, or the session expired) must know. */
    private static void checkObserved(ConnectSession session, String observed) {
        if (observed != null && !observed.isEmpty() && !observed.equals(session.serverSideSessionId)) {
            throw ConnectErrors.invalid(
                    "INVALID_HANDLE.SESSION_CHANGED",
                    "The session " + session.sessionId + " the client used is gone (the server restarted or the"
                            + " session expired); start a new session");
        }
    }

    private static void checkUuid(String id, String what) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ConnectErrors.invalid("INVALID_HANDLE.FORMAT", "The " + what + " '" + clip(id) + "' is not a UUID");
        }
    }

    static String clip(String text) {
        return SessionManager.clip(text);
    }

    /**
     * Runs a unary call (or the start of a streaming one, when {@code call} answers null): its answer, or its failure
     * as a status the client understands. Nothing escapes to gRPC's generic handler.
     */
    static <T> void respond(StreamObserver<T> observer, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (StatusRuntimeException status) {
            observer.onError(status);
            return;
        } catch (RuntimeException | Error e) {
            if (!(e instanceof EmberException)) {
                LOG.warn("Connect request failed", e);
            }
            observer.onError(ConnectErrors.toStatus(e, null));
            return;
        }
        if (response != null) {
            observer.onNext(response);
            observer.onCompleted();
        }
    }
}
