package dev.ember.connect;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.planner.PlanContext;
import dev.ember.connect.proto.Relation;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The server side of one client session: an engine session of its own (temp views, settings, cache), the artifacts
 * the client uploaded, its operations, and the errors a client may ask details of. Sessions never share state.
 */
final class ConnectSession implements PlanContext {
    private static final int KEPT_ERRORS = 32;

    final String userId;
    final String sessionId;
    final String serverSideSessionId = UUID.randomUUID().toString();
    private final EmberSession session;
    private final BufferAllocator allocator;
    private final long maxArtifactBytes;
    private final long maxLocalRows;
    private final long maxLocalCells;
    private final int maxOperations;
    private final ByteBudget serverArtifacts;
    private final Map<String, byte[]> artifacts = new ConcurrentHashMap<>();
    private final Map<String, ExecuteOperation> operations = new ConcurrentHashMap<>();
    private final Map<String, Throwable> errors = new LinkedHashMap<>();
    private final Map<com.google.protobuf.ByteString, Persisted> persisted = new ConcurrentHashMap<>();
    private final SessionClasses classes;
    private final Map<com.google.protobuf.ByteString, dev.ember.RDD<?>> cachedRdds = new ConcurrentHashMap<>();
    private volatile dev.ember.connect.rdd.RddExecution.Classes functionClasses;
    private long artifactBytes;
    /** Bytes reserved by chunked uploads in progress. */
    private long uploadingBytes;

    private volatile long lastUsedNanos = System.nanoTime();
    private volatile boolean closed;

    ConnectSession(
            String userId,
            String sessionId,
            EmberSession session,
            BufferAllocator allocator,
            long maxArtifactBytes,
            long maxLocalRows,
            long maxLocalCells,
            int maxOperations,
            ByteBudget serverArtifacts) {
        this.userId = userId;
        this.sessionId = sessionId;
        this.session = session;
        this.allocator = allocator;
        this.maxArtifactBytes = maxArtifactBytes;
        this.maxLocalRows = maxLocalRows;
        this.maxLocalCells = maxLocalCells;
        this.maxOperations = maxOperations;
        this.serverArtifacts = serverArtifacts;
        this.classes = new SessionClasses(serverSideSessionId, session.emberContext());
    }

    /** The classes of an RDD job that names the jar artifacts {@code names}; null when it names none. */
    dev.ember.connect.rdd.RddExecution.Classes classes(List<String> names) {
        return names.isEmpty() ? null : classes.classes(names, artifacts::get);
    }

    /** The classes of all the session's jar artifacts (for functions registered by class name); null without any. */
    dev.ember.connect.rdd.RddExecution.Classes jarClasses() {
        List<String> jars = new ArrayList<>();
        for (String name : artifacts.keySet()) {
            if (name.startsWith("jars/") && name.endsWith(".jar")) {
                jars.add(name);
            }
        }
        java.util.Collections.sort(jars);
        return classes(jars);
    }

    /** The class scope the session's queries run in, for the functions it registered from its jars; or null. */
    dev.ember.connect.rdd.RddExecution.Classes functionClasses() {
        return functionClasses;
    }

    void useFunctionClasses(dev.ember.connect.rdd.RddExecution.Classes classes) {
        functionClasses = classes;
    }

    /** The RDDs the session's jobs cached, by the lineage that built them. */
    Map<com.google.protobuf.ByteString, dev.ember.RDD<?>> cachedRdds() {
        return cachedRdds;
    }

    @Override
    public EmberSession session() {
        return session;
    }

    @Override
    public BufferAllocator allocator() {
        return allocator;
    }

    @Override
    public byte[] artifact(String name) {
        return artifacts.get(name);
    }

    @Override
    public long maxLocalRows() {
        return maxLocalRows;
    }

    @Override
    public long maxLocalCells() {
        return maxLocalCells;
    }

    /** A DataFrame persisted at a storage level. */
    record Persisted(Dataset<Row> dataFrame, dev.ember.StorageLevel level) {}

    @Override
    public Dataset<Row> persisted(Relation relation) {
        if (persisted.isEmpty()) {
            return null;
        }
        Persisted entry = persisted.get(relation.toByteString());
        return entry == null ? null : entry.dataFrame();
    }

    void persist(Relation relation, Dataset<Row> dataFrame, dev.ember.StorageLevel level) {
        dataFrame.persist(level);
        persisted.put(relation.toByteString(), new Persisted(dataFrame, level));
    }

    /** Unpersists the DataFrame of {@code relation}; false when it was not persisted. */
    boolean unpersist(Relation relation, boolean blocking) {
        Persisted entry = persisted.remove(relation.toByteString());
        if (entry == null) {
            return false;
        }
        entry.dataFrame().unpersist(blocking);
        return true;
    }

    dev.ember.StorageLevel storageLevel(Relation relation) {
        Persisted entry = persisted.get(relation.toByteString());
        return entry == null ? dev.ember.StorageLevel.NONE : entry.level();
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    long idleNanos() {
        for (ExecuteOperation operation : operations.values()) {
            if (!operation.finished()) {
                return 0;
            }
        }
        return System.nanoTime() - lastUsedNanos;
    }

    /** Keeps an uploaded artifact; fails when the session's artifacts would exceed their budget. */
    synchronized void addArtifact(String name, byte[] bytes) {
        if (closed) {
            throw ConnectErrors.invalid("INVALID_HANDLE.SESSION_CLOSED", "The session " + sessionId + " is closed");
        }
        byte[] previous = artifacts.get(name);
        long previousLength = previous == null ? 0 : previous.length;
        checkArtifactRoom(name, bytes.length - previousLength);
        if (!serverArtifacts.tryAcquire(bytes.length - previousLength)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The server holds as many artifact bytes as it may (ember.connect.artifacts.maxTotalBytes);"
                            + " the artifact " + name + " is refused");
        }
        artifacts.put(name, bytes);
        artifactBytes += bytes.length - previousLength;
    }

    /**
     * Reserves room for an artifact of {@code bytes} whose chunks are about to arrive, in the session's budget and
     * the server's, so that uploads in progress cannot together hold more memory than artifacts may; fails, reserving
     * nothing, when there is not enough. {@link #releaseUpload} gives it back once the upload ended either way.
     */
    synchronized void reserveUpload(String name, long bytes) {
        if (closed) {
            throw ConnectErrors.invalid("INVALID_HANDLE.SESSION_CLOSED", "The session " + sessionId + " is closed");
        }
        checkArtifactRoom(name, bytes + uploadingBytes);
        if (!serverArtifacts.tryAcquire(bytes)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The server holds as many artifact bytes as it may (ember.connect.artifacts.maxTotalBytes);"
                            + " the artifact " + name + " is refused");
        }
        uploadingBytes += bytes;
    }

    synchronized void releaseUpload(long bytes) {
        uploadingBytes -= bytes;
        serverArtifacts.release(bytes);
    }

    /** Fails when {@code more} bytes of artifacts would take this session over its budget. */
    private void checkArtifactRoom(String name, long more) {
        if (more > maxArtifactBytes - artifactBytes) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The artifact " + name + " (" + more + " more bytes) would take this session's artifacts over"
                            + " ember.connect.artifacts.maxSessionBytes (" + maxArtifactBytes + " bytes)");
        }
    }

    boolean hasArtifact(String name) {
        return artifacts.containsKey(name);
    }

    /** Registers a new operation; fails when the session holds too many, or one with its id exists. */
    synchronized void addOperation(ExecuteOperation operation) {
        if (closed) {
            throw ConnectErrors.invalid("INVALID_HANDLE.SESSION_CLOSED", "The session " + sessionId + " is closed");
        }
        if (operations.size() >= maxOperations) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "This session holds " + operations.size() + " operations (ember.connect.session.maxOperations);"
                            + " release finished ones or wait for running ones");
        }
        if (operations.putIfAbsent(operation.operationId, operation) != null) {
            throw ConnectErrors.invalid(
                    "INVALID_HANDLE.OPERATION_ALREADY_EXISTS",
                    "An operation with id " + operation.operationId + " exists already in this session");
        }
    }

    ExecuteOperation operation(String operationId) {
        return operations.get(operationId);
    }

    Collection<ExecuteOperation> operations() {
        return List.copyOf(operations.values());
    }

    void removeOperation(String operationId) {
        operations.remove(operationId);
    }

    /** Keeps a failure for FetchErrorDetails; returns its id. The oldest are forgotten beyond a few. */
    synchronized String rememberError(Throwable failure) {
        String id = UUID.randomUUID().toString();
        errors.put(id, failure);
        if (errors.size() > KEPT_ERRORS) {
            errors.remove(errors.keySet().iterator().next());
        }
        return id;
    }

    synchronized Throwable takeError(String errorId) {
        return errors.remove(errorId);
    }

    /** Interrupts and releases every operation and frees the session's memory. */
    void close() {
        List<ExecuteOperation> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = new ArrayList<>(operations.values());
            operations.clear();
            artifacts.clear();
            serverArtifacts.release(artifactBytes);
            artifactBytes = 0;
            for (Persisted entry : persisted.values()) {
                entry.dataFrame().unpersist(false);
            }
            persisted.clear();
            cachedRdds.values().forEach(rdd -> rdd.unpersist(false));
            cachedRdds.clear();
        }
        for (ExecuteOperation operation : running) {
            operation.interrupt();
            operation.release();
        }
        classes.close();
        try {
            allocator.close();
        } catch (IllegalStateException stillInUse) {
            // An interrupted operation is still writing its last batch; its memory goes when the operation ends.
        }
    }
}
