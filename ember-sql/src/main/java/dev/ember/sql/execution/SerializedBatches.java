package dev.ember.sql.execution;

import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Batches as bytes, one array per non-empty batch (its selected rows only): how a task hands batches to the driver
 * (results, broadcast build sides) and how cached Datasets are kept.
 */
public final class SerializedBatches {
    private SerializedBatches() {}

    /** The non-empty batches of {@code batches}, each serialized; for use inside a task's partition function. */
    public static Iterator<byte[]> serialize(Iterator<ColumnBatch> batches, List<DataType> types) {
        BatchSerializer serializer = new BatchSerializer(types);
        List<byte[]> serialized = new ArrayList<>();
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            if (batch.size() > 0) {
                serialized.add(serializer.toBytes(batch));
            }
        }
        return serialized.iterator();
    }
}
