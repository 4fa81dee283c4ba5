package dev.ember.connect.planner;

import dev.ember.connect.proto.Relation;
import dev.ember.sql.Dataset;
import dev.ember.sql.EmberSession;
import dev.ember.sql.Row;
import org.apache.arrow.memory.BufferAllocator;

/** What translating a client's plan needs from the client's session on the server. */
public interface PlanContext {
    /** The engine session of this client: its views, settings and cache. */
    EmberSession session();

    /** Arrow memory for reading the client's local relations. */
    BufferAllocator allocator();

    /** An artifact the client uploaded ({@code cache/<sha-256>} for cached local relations), or null. */
    byte[] artifact(String name);

    /** The most rows a local relation may hold. */
    long maxLocalRows();

    /** The most values (rows times columns) a local relation may hold. */
    long maxLocalCells();

    /**
     * The DataFrame the client persisted for this very relation, or null: reusing it (and its columns' ids) is what
     * lets the engine's cache recognize the relation when the client sends it again.
     */
    default Dataset<Row> persisted(Relation relation) {
        return null;
    }
}
