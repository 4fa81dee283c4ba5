package dev.ember.connect;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.EmberSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The client sessions of a server, by user and session id. A session is made on a client's first request, each
 * with an engine session of its own, and closed when the client releases it or after it sat idle too long.
 */
final class SessionManager {
    private record Key(String userId, String sessionId) {}

    private final EmberSession root;
    private final BufferAllocator allocator;
    private final ConnectLimits limits;
    private final Map<Key, ConnectSession> sessions = new ConcurrentHashMap<>();
    private final ByteBudget artifactBytes;

    SessionManager(EmberSession root, BufferAllocator allocator, ConnectLimits limits) {
        this.root = root;
        this.allocator = allocator;
        this.limits = limits;
        this.artifactBytes = new ByteBudget(limits.maxTotalArtifactBytes());
    }

    /** The session of that id, made now if it is new. */
    ConnectSession getOrCreate(String userId, String sessionId) {
        Key key = key(userId, sessionId);
        ConnectSession existing = sessions.get(key);
        if (existing != null) {
            existing.touch();
            return existing;
        }
        synchronized (this) {
            existing = sessions.get(key);
            if (existing != null) {
                return existing;
            }
            if (sessions.size() >= limits.maxSessions()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The server holds " + sessions.size() + " sessions (ember.connect.session.maxSessions); a new"
                                + " one can start when another is released or expires");
            }
            ConnectSession session = new ConnectSession(
                    key.userId(),
                    key.sessionId(),
                    root.newSession(),
                    allocator.newChildAllocator("session " + sessionId, 0, limits.maxSessionArrowBytes()),
                    limits.maxArtifactBytes(),
                    limits.maxLocalRows(),
                    limits.maxLocalCells(),
                    limits.maxOperations(),
                    artifactBytes);
            sessions.put(key, session);
            return session;
        }
    }

    /** The session of that id; fails when there is none (it expired, was released, or never was). */
    ConnectSession get(String userId, String sessionId) {
        ConnectSession session = sessions.get(key(userId, sessionId));
        if (session == null) {
            throw ConnectErrors.invalid(
                    "INVALID_HANDLE.SESSION_NOT_FOUND",
                    "No session " + sessionId + " on this server: it expired, was released, or the server restarted");
        }
        session.touch();
        return session;
    }

    /** Closes and forgets the session; nothing happens when there is none. */
    void release(String userId, String sessionId) {
        ConnectSession session = sessions.remove(key(userId, sessionId));
        if (session != null) {
            session.close();
        }
    }

    /** Closes idle sessions and releases finished operations no client came back for. */
    void expire(long idleNanos, long abandonedNanos) {
        long now = System.nanoTime();
        List<Key> idle = new ArrayList<>();
        for (Map.Entry<Key, ConnectSession> entry : sessions.entrySet()) {
            ConnectSession session = entry.getValue();
            if (session.idleNanos() > idleNanos) {
                idle.add(entry.getKey());
                continue;
            }
            for (ExecuteOperation operation : session.operations()) {
                if (operation.releaseIfAbandoned(now, abandonedNanos)) {
                    session.removeOperation(operation.operationId);
                }
            }
        }
        for (Key key : idle) {
            ConnectSession session = sessions.get(key);
            // Still idle now: a request may have come in since the scan.
            if (session != null && session.idleNanos() > idleNanos && sessions.remove(key, session)) {
                session.close();
            }
        }
    }

    int size() {
        return sessions.size();
    }

    void closeAll() {
        for (Key key : List.copyOf(sessions.keySet())) {
            ConnectSession session = sessions.remove(key);
            if (session != null) {
                session.close();
            }
        }
    }

    private static Key key(String userId, String sessionId) {
        try {
            UUID.fromString(sessionId);
        } catch (IllegalArgumentException e) {
            throw ConnectErrors.invalid(
                    "INVALID_HANDLE.FORMAT", "The session id '" + clip(sessionId) + "' is not a UUID");
        }
        if (userId.length() > 256) {
            throw ConnectErrors.invalid("INVALID_HANDLE.FORMAT", "The user id is longer than 256 characters");
        }
        return new Key(userId, sessionId);
    }

    static String clip(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
