package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.BlockShuffleDependency;
import dev.ember.RDD;
import dev.ember.rdd.BlockShuffledRDD;
import dev.ember.shuffle.api.BlockShuffleReader;
import dev.ember.shuffle.api.BlockShuffleWriter;
import dev.ember.shuffle.api.ShuffleBlock;
import dev.ember.shuffle.api.ShufflePartitions;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.KeyHashing;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.BatchSerializer;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Moves rows between partitions through the core shuffle's block layer: each map task writes, per reduce partition,
 * the rows bound there as serialized column batches (only the selected rows of a batch are written, so no row is
 * copied before serialization); each reduce task reads the batches of its blocks back and joins small ones into full
 * batches. Fetch failures, retries, locality and the shuffle's compression are the core's.
 *
 * <pre>
 *   map task:    batch --hash(keys) per row--> partition p --BatchSerializer--> stream of p
 *   reduce task: blocks of p --BatchSerializer--> batches --coalesce--> parent operator
 * </pre>
 *
 * Hash partitioning sends equal keys to the same partition; range partitioning sends each row to the range of the sort
 * order its key falls in, with bounds sampled from the input first ({@link RangeBounds}), so that sorting each
 * partition sorts the whole; single partitioning sends every row to partition 0.
 */
public record ShuffleExchangeExec(Partitioning partitioning, PhysicalPlan child) implements UnaryExec {
    private static final long serialVersionUID = 1L;

    /** A reduce-side batch smaller than this is merged with the next ones. */
    private static final int COALESCE_BELOW = ColumnBatch.DEFAULT_ROWS / 4;

    public ShuffleExchangeExec {
        requireNonNull(partitioning, "partitioning is null");
        requireNonNull(child, "child is null");
        if (partitioning instanceof Partitioning.Unknown || partitioning instanceof Partitioning.Broadcasted) {
            throw new IllegalArgumentException("An exchange hashes, ranges or gathers rows, not " + partitioning);
        }
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new ShuffleExchangeExec(partitioning, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public Partitioning outputPartitioning() {
        return partitioning;
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        return new BlockShuffledRDD<>(dependency(child.execute(context)), reader());
    }

    /**
     * The shuffle of {@code input} (the child's output) into this exchange's partitions; a range exchange samples
     * the input for its bounds first (a job). Adaptive execution runs its map stage alone and reads it with {@link
     * #reader()} in partitions of its choosing.
     */
    public BlockShuffleDependency<ColumnBatch> dependency(RDD<ColumnBatch> input) {
        List<DataType> types = BoundExpressions.types(child.output());
        List<VectorExpression> keys = List.of();
        RangeBounds bounds = null;
        if (partitioning instanceof Partitioning.Hash hash) {
            keys = BoundExpressions.compile(hash.expressions(), child.output());
        } else if (partitioning instanceof Partitioning.Range range) {
            List<Expression> sortKeys = new ArrayList<>();
            for (SortOrder order : range.ordering()) {
                sortKeys.add(order.child());
            }
            keys = BoundExpressions.compile(sortKeys, child.output());
            bounds = RangeBounds.sample(input, range.ordering(), keys, range.numPartitions());
        }
        return new BlockShuffleDependency<>(
                input,
                partitioning.numPartitions(),
                new BatchWriter(types, keys, bounds, partitioning instanceof Partitioning.RoundRobin));
    }

    /** The reduce side: what a task makes of the blocks it reads (batches, small ones merged). */
    public BlockShuffleReader<ColumnBatch> reader() {
        return new BatchReader(BoundExpressions.types(child.output()));
    }

    /**
     * The map side: rows to the partitions of their keys' hash, or of their keys' range ({@code bounds}), or in turn
     * ({@code roundRobin}: from a partition chosen by the map task's partition, so that the tasks' first rows spread).
     */
    private record BatchWriter(
            List<DataType> types, List<VectorExpression> keys, RangeBounds bounds, boolean roundRobin)
            implements BlockShuffleWriter<ColumnBatch> {
        @Override
        public void write(Iterator<ColumnBatch> batches, ShufflePartitions partitions) throws IOException {
            int count = partitions.numPartitions();
            BatchSerializer serializer = new BatchSerializer(types);
            BatchSerializer.Writer[] writers = new BatchSerializer.Writer[count];
            int[][] selections = new int[count][];
            int[] sizes = new int[count];
            int[] hashes = new int[0];
            dev.ember.TaskContext task = dev.ember.TaskContext.get();
            int next = Math.floorMod(
                    new java.util.SplittableRandom(task == null ? 0 : task.partitionId()).nextInt(), count);
            while (batches.hasNext()) {
                ColumnBatch batch = batches.next();
                int size = batch.size();
                if (size == 0) {
                    continue;
                }
                if (roundRobin && count > 1) {
                    next = dealInTurn(batch, next, count, selections, sizes, writers, serializer, partitions);
                    continue;
                }
                if (count == 1 || keys.isEmpty()) {
                    writer(writers, 0, serializer, partitions).write(batch);
                    continue;
                }
                ColumnVector[] keyVectors = BoundExpressions.evaluate(keys, batch);
                java.util.Arrays.fill(sizes, 0);
                if (bounds == null) {
                    if (hashes.length < size) {
                        hashes = new int[Math.max(size, ColumnBatch.DEFAULT_ROWS)];
                    }
                    KeyHashing.hashAll(keyVectors, batch, hashes);
                }
                for (int k = 0; k < size; k++) {
                    int row = batch.row(k);
                    int partition =
                            bounds != null ? bounds.partition(keyVectors, row) : KeyHashing.partition(hashes[k], count);
                    if (selections[partition] == null || selections[partition].length < size) {
                        selections[partition] = new int[Math.max(size, ColumnBatch.DEFAULT_ROWS)];
                    }
                    selections[partition][sizes[partition]++] = row;
                }
                for (int partition = 0; partition < count; partition++) {
                    if (sizes[partition] > 0) {
                        writer(writers, partition, serializer, partitions)
                                .write(batch.withSelection(selections[partition], sizes[partition]));
                    }
                }
            }
            for (BatchSerializer.Writer writer : writers) {
                if (writer != null) {
                    writer.flush();
                }
            }
        }

        /** The batch's rows dealt to the partitions in turn, from {@code next}; the partition after the last. */
        private static int dealInTurn(
                ColumnBatch batch,
                int next,
                int count,
                int[][] selections,
                int[] sizes,
                BatchSerializer.Writer[] writers,
                BatchSerializer serializer,
                ShufflePartitions partitions)
                throws IOException {
            int size = batch.size();
            java.util.Arrays.fill(sizes, 0);
            int partition = next;
            for (int k = 0; k < size; k++) {
                if (selections[partition] == null || selections[partition].length < size) {
                    selections[partition] = new int[Math.max(size, ColumnBatch.DEFAULT_ROWS)];
                }
                selections[partition][sizes[partition]++] = batch.row(k);
                partition = partition + 1 == count ? 0 : partition + 1;
            }
            for (int p = 0; p < count; p++) {
                if (sizes[p] > 0) {
                    writer(writers, p, serializer, partitions).write(batch.withSelection(selections[p], sizes[p]));
                }
            }
            return partition;
        }

        private static BatchSerializer.Writer writer(
                BatchSerializer.Writer[] writers,
                int partition,
                BatchSerializer serializer,
                ShufflePartitions partitions) {
            if (writers[partition] == null) {
                writers[partition] = serializer.writer(partitions.partition(partition));
            }
            return writers[partition];
        }
    }

    /** The reduce side: the batches of every block, small ones merged. */
    private record BatchReader(List<DataType> types) implements BlockShuffleReader<ColumnBatch> {
        @Override
        public Iterator<ColumnBatch> read(Iterator<ShuffleBlock> blocks) {
            BatchSerializer serializer = new BatchSerializer(types);
            return new Iterator<>() {
                private Iterator<ColumnBatch> current = java.util.Collections.emptyIterator();
                private final BatchBuilder builder = new BatchBuilder(types);
                private ColumnBatch pending;
                /** A batch being merged into {@code builder}, and the next of its rows to take. */
                private ColumnBatch merging;

                private int position;

                private ColumnBatch read() {
                    while (!current.hasNext()) {
                        if (!blocks.hasNext()) {
                            return null;
                        }
                        current = serializer.readAll(blocks.next().stream());
                    }
                    return current.next();
                }

                @Override
                public boolean hasNext() {
                    while (pending == null) {
                        if (merging != null) {
                            while (position < merging.size() && !builder.isFull()) {
                                builder.appendFrom(merging, merging.row(position++));
                            }
                            if (position == merging.size()) {
                                merging = null;
                            }
                            if (builder.isFull()) {
                                pending = builder.build();
                            }
                            continue;
                        }
                        ColumnBatch batch = read();
                        if (batch == null) {
                            if (!builder.isEmpty()) {
                                pending = builder.build();
                            }
                            break;
                        }
                        if (batch.size() >= COALESCE_BELOW && builder.isEmpty()) {
                            pending = batch;
                            break;
                        }
                        merging = batch;
                        position = 0;
                    }
                    return pending != null;
                }

                @Override
                public ColumnBatch next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ColumnBatch batch = pending;
                    pending = null;
                    return batch;
                }
            };
        }
    }

    @Override
    public String simpleString() {
        return "Exchange " + describe(partitioning);
    }

    /** {@code partitioning} as plans print it: {@code hashpartitioning([k#1], 8)}. */
    static String describe(Partitioning partitioning) {
        if (partitioning instanceof Partitioning.Hash hash) {
            return "hashpartitioning(" + PlanText.list(hash.expressions()) + ", " + hash.numPartitions() + ")";
        }
        if (partitioning instanceof Partitioning.Range range) {
            return "rangepartitioning(" + PlanText.list(range.ordering()) + ", " + range.numPartitions() + ")";
        }
        if (partitioning instanceof Partitioning.RoundRobin roundRobin) {
            return "RoundRobinPartitioning(" + roundRobin.numPartitions() + ")";
        }
        return "SinglePartition";
    }
}
