/**
 * Columnar data for SQL execution: {@link dev.ember.sql.vector.ColumnVector}s (one primitive array per column, strings
 * as offsets into UTF-8 bytes, a validity bitmap), {@link dev.ember.sql.vector.ColumnBatch}es of a few thousand rows
 * with an optional selection vector, the {@link dev.ember.sql.vector.BatchBuilder} that fills them, conversions to
 * and from rows ({@link dev.ember.sql.vector.Batches}), and the {@link dev.ember.sql.vector.BatchSerializer} of
 * batches for exchanges and broadcasts.
 *
 * <p>Operators work on batches by looping over arrays rather than on one Java object per row. Vectors are written
 * once by one thread, then only read. Values are held as {@link dev.ember.sql.types.DataType} says the engine holds
 * them; this package depends on {@code dev.ember.sql.types} only, nothing of the engine.
 */
package dev.ember.sql.vector;
