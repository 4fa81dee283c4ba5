package dev.ember.sql.execution.eval;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.Serializable;

/**
 * An expression compiled for column batches: it computes its value for every selected row of a batch at once, into a
 * vector indexed like the batch's columns (physical rows; unselected rows hold nothing meaningful). Instances are
 * immutable, hold no per-batch state, and may be shared by the threads of an executor.
 *
 * <p>Rows that are not selected are never evaluated, which is what makes {@code CASE WHEN b <> 0 THEN a / b END}
 * safe under ANSI mode: the division only sees the rows its branch selects.
 */
public interface VectorExpression extends Serializable {
    DataType dataType();

    ColumnVector evaluate(ColumnBatch batch);
}
