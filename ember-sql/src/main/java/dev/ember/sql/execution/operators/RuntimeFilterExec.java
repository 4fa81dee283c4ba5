package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.Broadcast;
import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.KeyHashing;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * Keeps the rows whose {@code keys} some row of {@code keySource} has in {@code sourceKeys}: the streamed side of a
 * join, filtered before its exchange by the keys of the join's other side, once that side was computed and turned out
 * small (adaptive execution adds it). TPC-H Q4's lineitem rows are exchanged only for the orders of one quarter, not
 * for every order. A row with a null key is dropped: it matches nothing. Only a side whose unmatched rows the join
 * drops is filtered so.
 *
 * <p>The other side's key columns are collected to the driver and broadcast, as a broadcast join's build side is;
 * each JVM puts the keys in one table, shared by the tasks that run at the same time ({@link SharedWhileRunning}).
 * A task whose first {@value #SAMPLE_ROWS} rows nearly all pass (TPC-H Q13's orders, every one of which has its
 * customer) lets the rest pass unprobed.
 */
public record RuntimeFilterExec(
        List<Expression> keys, PhysicalPlan keySource, List<Expression> sourceKeys, PhysicalPlan child)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    /** Numbers each execution of a filter, so that its tasks find the table they share. */
    private static final AtomicLong FILTER_IDS = new AtomicLong();

    private static final SharedWhileRunning<KeyTable> TABLES = new SharedWhileRunning<>();

    /** The rows a task filters before it judges whether filtering pays. */
    static final long SAMPLE_ROWS = 65_536;

    /** The share of the sampled rows kept above which a task stops filtering. */
    static final double KEPT_TO_GIVE_UP = 0.9;

    public RuntimeFilterExec {
        keys = List.copyOf(keys);
        requireNonNull(keySource, "keySource is null");
        sourceKeys = List.copyOf(sourceKeys);
        requireNonNull(child, "child is null");
        if (keys.size() != sourceKeys.size() || keys.isEmpty()) {
            throw new IllegalArgumentException("A runtime filter needs as many keys on each side, and one at least");
        }
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new RuntimeFilterExec(keys, keySource, sourceKeys, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        return child.output();
    }

    @Override
    public Partitioning outputPartitioning() {
        return child.outputPartitioning();
    }

    @Override
    public List<SortOrder> outputOrdering() {
        return child.outputOrdering();
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        // Only the key columns are collected and broadcast, when the keys are columns.
        PhysicalPlan keyColumns = keySource;
        if (sourceKeys.stream().allMatch(key -> key instanceof Attribute)) {
            List<dev.ember.sql.expressions.NamedExpression> columns = new ArrayList<>();
            for (Expression key : sourceKeys) {
                if (!columns.contains(key)) {
                    columns.add((Attribute) key);
                }
            }
            keyColumns = new ProjectExec(columns, keySource);
        }
        Broadcast<List<byte[]>> source =
                context.emberContext().broadcast(BroadcastBatches.collect(keyColumns, context));
        List<DataType> sourceTypes = BoundExpressions.types(keyColumns.output());
        List<VectorExpression> sourceCompiled = BoundExpressions.compile(sourceKeys, keyColumns.output());
        List<VectorExpression> compiled = BoundExpressions.compile(keys, child.output());
        List<DataType> keyTypes = new ArrayList<>();
        for (Expression key : sourceKeys) {
            keyTypes.add(key.dataType());
        }
        long filterId = FILTER_IDS.incrementAndGet();
        return child.execute(context)
                .mapPartitions(
                        batches -> {
                            KeyTable table = TABLES.acquire(
                                    filterId,
                                    () -> table(source.value(), sourceTypes, sourceCompiled, keyTypes),
                                    HashJoinExec::atTaskEnd);
                            return filter(batches, table, compiled);
                        },
                        true);
    }

    /** The distinct keys of the other side's rows. */
    private static KeyTable table(
            List<byte[]> serialized, List<DataType> types, List<VectorExpression> keys, List<DataType> keyTypes) {
        KeyTable table = new KeyTable(keyTypes);
        Iterator<ColumnBatch> batches = BroadcastBatches.read(serialized, types);
        while (batches.hasNext()) {
            ColumnBatch batch = batches.next();
            ColumnVector[] vectors = BoundExpressions.evaluate(keys, batch);
            int[] hashes = KeyHashing.hashAll(vectors, batch);
            table.addAll(vectors, batch, hashes, new int[batch.size()], true);
        }
        return table;
    }

    private static Iterator<ColumnBatch> filter(
            Iterator<ColumnBatch> batches, KeyTable table, List<VectorExpression> keys) {
        return FilterExec.selecting(batches, new UnaryOperator<>() {
            private long seen;
            private long kept;
            private boolean passing;

            @Override
            public ColumnBatch apply(ColumnBatch batch) {
                if (passing || batch.size() == 0) {
                    return batch;
                }
                ColumnBatch filtered = keep(batch, table, keys);
                seen += batch.size();
                kept += filtered.size();
                // A filter that keeps nearly every row costs a probe per row and saves nothing: after a sample, the
                // rest of the task's rows pass as they are.
                passing = seen >= SAMPLE_ROWS && kept > seen * KEPT_TO_GIVE_UP;
                return filtered;
            }
        });
    }

    /** The batch with only the rows whose key the table has selected. */
    static ColumnBatch keep(ColumnBatch batch, KeyTable table, List<VectorExpression> keys) {
        ColumnVector[] vectors = BoundExpressions.evaluate(keys, batch);
        int size = batch.size();
        int[] hashes = KeyHashing.hashAll(vectors, batch);
        int[] groups = new int[size];
        table.findAll(vectors, batch, hashes, groups, true);
        int[] selection = new int[size];
        int count = 0;
        for (int k = 0; k < size; k++) {
            if (groups[k] >= 0) {
                selection[count++] = batch.row(k);
            }
        }
        return count == size ? batch : batch.withSelection(selection, count);
    }

    @Override
    public String simpleString() {
        return "RuntimeFilter " + PlanText.list(keys) + " IN " + PlanText.list(sourceKeys) + " of "
                + keySource.simpleString();
    }
}
