package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.vector.BytesVector;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.ColumnVectors;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares rows of evaluated sort keys: for each key, the vectors of the batches a row may come from. A row is
 * addressed as {@code (batch index, physical row)}, packed in a long. Primitive keys compare without boxing.
 */
final class RowOrdering implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<SortOrder> order;
    private final List<VectorExpression> keys;
    private final transient List<ColumnVector[]> keyVectors = new ArrayList<>();

    RowOrdering(List<SortOrder> order, List<VectorExpression> keys) {
        this.order = List.copyOf(order);
        this.keys = List.copyOf(keys);
    }

    /** A fresh ordering for one task (the key vectors are per task). */
    RowOrdering forTask() {
        return new RowOrdering(order, keys);
    }

    /** Evaluates the keys on {@code batch}, which becomes the next batch index. */
    void addBatch(ColumnBatch batch) {
        ColumnVector[] vectors = new ColumnVector[keys.size()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = keys.get(i).evaluate(batch);
        }
        keyVectors.add(vectors);
    }

    static long address(int batch, int row) {
        return ((long) batch << 32) | (row & 0xffffffffL);
    }

    static int batchOf(long address) {
        return (int) (address >>> 32);
    }

    static int rowOf(long address) {
        return (int) address;
    }

    int compare(long a, long b) {
        ColumnVector[] left = keyVectors.get(batchOf(a));
        ColumnVector[] right = keyVectors.get(batchOf(b));
        int rowA = rowOf(a);
        int rowB = rowOf(b);
        for (int i = 0; i < left.length; i++) {
            SortOrder key = order.get(i);
            ColumnVector x = left[i];
            ColumnVector y = right[i];
            boolean nullA = x.isNull(rowA);
            boolean nullB = y.isNull(rowB);
            if (nullA || nullB) {
                if (nullA && nullB) {
                    continue;
                }
                return nullA == key.nullsFirst() ? -1 : 1;
            }
            int result =
                    switch (ColumnVectors.kindOf(x.type())) {
                        case INT -> Integer.compare(x.getInt(rowA), y.getInt(rowB));
                        case LONG -> Long.compare(x.getLong(rowA), y.getLong(rowB));
                        case DOUBLE -> compareDoubles(x.getDouble(rowA), y.getDouble(rowB));
                        case FLOAT -> compareDoubles(x.getFloat(rowA), y.getFloat(rowB));
                        case BOOLEAN -> Boolean.compare(x.getBoolean(rowA), y.getBoolean(rowB));
                        case BYTES ->
                            x.type() instanceof dev.ember.sql.types.StringType
                                    ? ((BytesVector) x).compare(rowA, (BytesVector) y, rowB)
                                    : java.util.Arrays.compareUnsigned(x.getBinary(rowA), y.getBinary(rowB));
                        default -> key.compare(x.getObject(rowA), y.getObject(rowB)) * (key.ascending() ? 1 : -1);
                    };
            if (result != 0) {
                return key.ascending() ? result : -result;
            }
        }
        return 0;
    }

    private static int compareDoubles(double a, double b) {
        return a == b ? 0 : Double.compare(a, b);
    }
}
