package dev.ember.sql.execution.operators;

import dev.ember.Broadcast;
import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A plan's whole output sent to every task: its batches are serialized in the tasks that make them, collected to the
 * driver (a job of its own), and broadcast as bytes; each task reads the batches back.
 */
final class BroadcastBatches {
    private BroadcastBatches() {}

    static Broadcast<List<byte[]>> broadcast(PhysicalPlan plan, ExecutionContext context) {
        return context.emberContext().broadcast(collect(plan, context));
    }

    /** The plan's output as serialized batches on the driver (runs a job). */
    static List<byte[]> collect(PhysicalPlan plan, ExecutionContext context) {
        List<DataType> types = BoundExpressions.types(plan.output());
        RDD<ColumnBatch> rdd = plan.execute(context);
        return new ArrayList<>(
                rdd.mapPartitions(batches -> dev.ember.sql.execution.SerializedBatches.serialize(batches, types))
                        .collect());
    }

    /** The batches of serialized bytes. */
    static Iterator<ColumnBatch> read(List<byte[]> serialized, List<DataType> types) {
        BatchSerializer serializer = new BatchSerializer(types);
        Iterator<byte[]> bytes = serialized.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return bytes.hasNext();
            }

            @Override
            public ColumnBatch next() {
                try {
                    return serializer.fromBytes(bytes.next());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
