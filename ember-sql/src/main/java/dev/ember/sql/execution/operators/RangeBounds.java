package dev.ember.sql.execution.operators;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a range exchange sends each row: {@code n - 1} keys that cut the order into {@code n} ranges, partition
 * {@code i} taking the keys after bound {@code i - 1} up to and including bound {@code i}. The bounds come from a
 * sample of the input drawn by a job of their own before the exchange runs (so the input is computed twice, as in
 * Spark): each input partition keeps a uniform sample of its keys and counts its rows; the driver sorts the samples,
 * weighs each by the rows it stands for, and cuts where the running weight passes each {@code 1/n} of the total.
 *
 * <p>Keys travel as serialized batches of the key columns, so every type the engine has can be a bound. Equal keys
 * always go to the same partition; a key that most rows share makes its partition larger than the others.
 */
final class RangeBounds implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Sampled keys per output partition, and how many times over that the input is sampled (Spark's figures). */
    private static final int SAMPLES_PER_PARTITION = 20;

    private static final int OVERSAMPLING = 3;

    private final List<SortOrder> order;
    private final List<DataType> keyTypes;
    private final byte[] encoded;
    private transient Object[][] bounds;

    private RangeBounds(List<SortOrder> order, List<DataType> keyTypes, byte[] encoded) {
        this.order = List.copyOf(order);
        this.keyTypes = List.copyOf(keyTypes);
        this.encoded = encoded;
    }

    /** One input partition's sample: its row count and a uniform sample of its keys, serialized. */
    private record Sample(long rows, byte[] keys) implements Serializable {}

    /** Samples {@code input} by a job and cuts its key order into {@code partitions} ranges. */
    static RangeBounds sample(
            RDD<ColumnBatch> input, List<SortOrder> order, List<VectorExpression> keys, int partitions) {
        List<DataType> keyTypes = new ArrayList<>();
        for (VectorExpression key : keys) {
            keyTypes.add(key.dataType());
        }
        int inputPartitions = Math.max(1, input.getNumPartitions());
        int perPartition = (int) Math.min(1 << 16, (long)
                Math.ceil((double) OVERSAMPLING * SAMPLES_PER_PARTITION * partitions / inputPartitions));
        List<Sample> samples = input.mapPartitionsWithIndex(
                        (index, batches) -> Collections.singletonList(dev.ember.sql.execution.MeasuredExec.unmeasured(
                                        () -> reservoir(batches, keys, keyTypes, perPartition, index)))
                                .iterator(),
                        false)
                .collect();
        BatchSerializer serializer = new BatchSerializer(keyTypes);
        List<Object[]> sampled = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        for (Sample sample : samples) {
            ColumnBatch batch = decode(serializer, sample.keys());
            for (int k = 0; k < batch.size(); k++) {
                sampled.add(values(batch, batch.row(k)));
                weights.add((double) sample.rows() / batch.size());
            }
        }
        List<Integer> byKey = new ArrayList<>();
        for (int i = 0; i < sampled.size(); i++) {
            byKey.add(i);
        }
        byKey.sort((a, b) -> compare(order, sampled.get(a), sampled.get(b)));
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        BatchBuilder chosen = new BatchBuilder(keyTypes, Math.max(1, partitions));
        double step = total / partitions;
        double running = 0;
        Object[] previous = null;
        for (int i = 0; i < byKey.size() && chosen.numRows() < partitions - 1; i++) {
            Object[] key = sampled.get(byKey.get(i));
            running += weights.get(byKey.get(i));
            if (running >= step * (chosen.numRows() + 1) && (previous == null || compare(order, key, previous) > 0)) {
                chosen.append(key.clone());
                previous = key;
            }
        }
        return new RangeBounds(order, keyTypes, serializer.toBytes(chosen.build()));
    }

    private static Sample reservoir(
            Iterator<ColumnBatch> batches,
            List<VectorExpression> keys,
            List<DataType> keyTypes,
            int capacity,
            int partition) {
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + partition);
        List<Object[]> kept = new ArrayList<>();
        long rows = 0;
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            int size = batch.size();
            if (size == 0) {
                continue;
            }
            ColumnVector[] vectors = BoundExpressions.evaluate(keys, batch);
            for (int k = 0; k < size; k++) {
                rows++;
                if (kept.size() < capacity) {
                    kept.add(BoundExpressions.values(vectors, batch.row(k)));
                } else {
                    long slot = random.nextLong(rows);
                    if (slot < capacity) {
                        kept.set((int) slot, BoundExpressions.values(vectors, batch.row(k)));
                    }
                }
            }
        }
        BatchBuilder builder = new BatchBuilder(keyTypes, Math.max(1, kept.size()));
        for (Object[] key : kept) {
            builder.append(key);
        }
        return new Sample(rows, new BatchSerializer(keyTypes).toBytes(builder.build()));
    }

    /** The partition of physical row {@code row}, whose key columns are {@code keys}. */
    int partition(ColumnVector[] keys, int row) {
        Object[][] cuts = bounds();
        Object[] key = BoundExpressions.values(keys, row);
        int low = 0;
        int high = cuts.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (compare(order, cuts[middle], key) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private Object[][] bounds() {
        if (bounds == null) {
            ColumnBatch batch = decode(new BatchSerializer(keyTypes), encoded);
            Object[][] decoded = new Object[batch.size()][];
            for (int k = 0; k < decoded.length; k++) {
                decoded[k] = values(batch, batch.row(k));
            }
            bounds = decoded;
        }
        return bounds;
    }

    private static ColumnBatch decode(BatchSerializer serializer, byte[] bytes) {
        try {
            return serializer.fromBytes(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the sampled keys of a range exchange", e);
        }
    }

    private static Object[] values(ColumnBatch batch, int row) {
        Object[] values = new Object[batch.numColumns()];
        for (int i = 0; i < values.length; i++) {
            ColumnVector vector = batch.column(i);
            values[i] = vector.isNull(row) ? null : vector.getObject(row);
        }
        return values;
    }

    private static int compare(List<SortOrder> order, Object[] a, Object[] b) {
        for (int i = 0; i < order.size(); i++) {
            int result = order.get(i).compare(a[i], b[i]);
            if (result != 0) {
                return result;
            }
        }
        return 0;
    }
}
