package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.RowKey;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One task's hash aggregation: a buffer per group and aggregate, folded from the task's batches, then turned into
 * output batches. This is the general path, on the aggregate functions' reference implementations; it holds every
 * group in memory.
 */
final class AggregationState {
    /**
     * What a task needs, compiled on the driver.
     *
     * @param keys the grouping keys over the input
     * @param inputs per aggregate: its arguments (and its FILTER last, if any) over the input (PARTIAL and COMPLETE),
     *     or its buffer columns (FINAL)
     * @param keyTypes the types of the keys
     * @param valueTypes the types of the buffer columns (PARTIAL) or of the results (FINAL and COMPLETE)
     * @param results the result expressions over keys and results (FINAL and COMPLETE)
     */
    record Plan(
            HashAggregateExec.Mode mode,
            List<VectorExpression> keys,
            List<List<VectorExpression>> inputs,
            List<AggregateExpression> aggregates,
            List<DataType> keyTypes,
            List<DataType> valueTypes,
            List<VectorExpression> results)
            implements Serializable {}

    private final Plan plan;
    private final AggregateFunction[] functions;
    private final int[] argumentCounts;
    private final Map<RowKey, Object[][]> groups = new LinkedHashMap<>();
    private final Map<RowKey, List<Set<RowKey>>> distinctSeen = new java.util.HashMap<>();

    AggregationState(Plan plan) {
        this.plan = plan;
        int count = plan.aggregates().size();
        this.functions = new AggregateFunction[count];
        this.argumentCounts = new int[count];
        for (int i = 0; i < count; i++) {
            AggregateFunction function = plan.aggregates().get(i).function();
            List<Expression> slots = new ArrayList<>();
            for (int j = 0; j < function.children().size(); j++) {
                Expression argument = function.children().get(j);
                slots.add(new BoundReference(j, argument.dataType(), argument.nullable()));
            }
            functions[i] = (AggregateFunction) function.withChildren(slots);
            argumentCounts[i] = slots.size();
        }
    }

    /** The inputs each aggregate reads: its arguments and filter (raw input), or its buffer columns (FINAL). */
    static List<List<VectorExpression>> functionInputs(
            HashAggregateExec.Mode mode, List<AggregateExpression> aggregates, List<Attribute> input, int keyCount) {
        List<List<VectorExpression>> inputs = new ArrayList<>();
        int column = keyCount;
        for (AggregateExpression aggregate : aggregates) {
            List<VectorExpression> compiled = new ArrayList<>();
            if (mode == HashAggregateExec.Mode.FINAL) {
                for (DataType type : aggregate.function().bufferTypes()) {
                    compiled.add(BoundExpressions.compile(new BoundReference(column++, type, true), List.of()));
                }
            } else {
                compiled.addAll(BoundExpressions.compile(aggregate.function().children(), input));
                if (aggregate.filter() != null) {
                    compiled.add(BoundExpressions.compile(aggregate.filter(), input));
                }
            }
            inputs.add(compiled);
        }
        return inputs;
    }

    /**
     * The aggregated batches of {@code batches}. A partial aggregation holds its groups under the task's execution
     * memory; when it is refused more, it emits what it has and starts again (partial results of one group may then
     * appear twice, which the final aggregation merges), so it never holds more than it was granted.
     */
    Iterator<ColumnBatch> run(Iterator<ColumnBatch> batches) {
        GroupMemory memory = plan.mode() == HashAggregateExec.Mode.PARTIAL ? GroupMemory.forCurrentTask() : null;
        return new Iterator<>() {
            private Iterator<ColumnBatch> pending = java.util.Collections.emptyIterator();
            private boolean finished;

            @Override
            public boolean hasNext() {
                while (!pending.hasNext()) {
                    if (finished) {
                        return false;
                    }
                    if (batches.hasNext()) {
                        fold(batches.next());
                        if (memory != null && !memory.reserve(groups.size())) {
                            pending = output();
                            memory.release();
                        }
                        continue;
                    }
                    finished = true;
                    if (groups.isEmpty() && plan.keys().isEmpty() && plan.mode() != HashAggregateExec.Mode.PARTIAL) {
                        groups.put(RowKey.of(new Object[0]), newBuffers());
                    }
                    pending = output();
                    if (memory != null) {
                        memory.release();
                    }
                }
                return true;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pending.next();
            }
        };
    }

    private Object[][] newBuffers() {
        Object[][] buffers = new Object[functions.length][];
        for (int i = 0; i < functions.length; i++) {
            buffers[i] = functions[i].newBuffer();
        }
        return buffers;
    }

    private void fold(ColumnBatch batch) {
        int size = batch.size();
        if (size == 0) {
            return;
        }
        ColumnVector[] keys = BoundExpressions.evaluate(plan.keys(), batch);
        ColumnVector[][] inputs = new ColumnVector[functions.length][];
        for (int i = 0; i < functions.length; i++) {
            inputs[i] = BoundExpressions.evaluate(plan.inputs().get(i), batch);
        }
        boolean merge = plan.mode() == HashAggregateExec.Mode.FINAL;
        for (int k = 0; k < size; k++) {
            int row = batch.row(k);
            RowKey key = RowKey.of(BoundExpressions.values(keys, row));
            Object[][] buffers = groups.computeIfAbsent(key, ignored -> newBuffers());
            for (int i = 0; i < functions.length; i++) {
                ColumnVector[] columns = inputs[i];
                if (merge) {
                    functions[i].merge(buffers[i], BoundExpressions.values(columns, row));
                    continue;
                }
                AggregateExpression aggregate = plan.aggregates().get(i);
                if (aggregate.filter() != null) {
                    ColumnVector filter = columns[columns.length - 1];
                    if (filter.isNull(row) || !filter.getBoolean(row)) {
                        continue;
                    }
                }
                Object[] arguments = new Object[argumentCounts[i]];
                for (int j = 0; j < arguments.length; j++) {
                    arguments[j] = columns[j].isNull(row) ? null : columns[j].getObject(row);
                }
                if (aggregate.distinct() && !firstTime(key, i, arguments)) {
                    continue;
                }
                functions[i].update(buffers[i], InternalRow.of(arguments));
            }
        }
    }

    /** For a DISTINCT aggregate: whether the group has not seen these argument values yet (nulls count as values). */
    private boolean firstTime(RowKey group, int aggregate, Object[] arguments) {
        List<Set<RowKey>> seen = distinctSeen.computeIfAbsent(group, ignored -> {
            List<Set<RowKey>> sets = new ArrayList<>();
            for (int i = 0; i < functions.length; i++) {
                sets.add(new HashSet<>());
            }
            return sets;
        });
        return seen.get(aggregate).add(RowKey.of(arguments.clone()));
    }

    private Iterator<ColumnBatch> output() {
        List<DataType> types = new ArrayList<>(plan.keyTypes());
        types.addAll(plan.valueTypes());
        List<ColumnBatch> batches = new ArrayList<>();
        BatchBuilder builder = new BatchBuilder(types);
        int keyCount = plan.keyTypes().size();
        for (Map.Entry<RowKey, Object[][]> group : groups.entrySet()) {
            Object[] row = new Object[types.size()];
            for (int i = 0; i < keyCount; i++) {
                row[i] = group.getKey().get(i);
            }
            int column = keyCount;
            Object[][] buffers = group.getValue();
            for (int i = 0; i < functions.length; i++) {
                if (plan.mode() == HashAggregateExec.Mode.PARTIAL) {
                    for (Object value : buffers[i]) {
                        row[column++] = value;
                    }
                } else {
                    row[column++] = functions[i].result(buffers[i]);
                }
            }
            builder.append(row);
            if (builder.isFull()) {
                batches.add(finish(builder.build()));
            }
        }
        if (!builder.isEmpty()) {
            batches.add(finish(builder.build()));
        }
        groups.clear();
        distinctSeen.clear();
        return batches.iterator();
    }

    private ColumnBatch finish(ColumnBatch aggregated) {
        if (plan.mode() == HashAggregateExec.Mode.PARTIAL) {
            return aggregated;
        }
        ColumnVector[] results = BoundExpressions.evaluate(plan.results(), aggregated);
        return ColumnBatch.of(aggregated.numRows(), results);
    }
}
