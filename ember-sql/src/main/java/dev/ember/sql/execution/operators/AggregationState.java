package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.KeyHashing;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import dev.ember.sql.vector.IntVector;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * One task's hash aggregation: a buffer per group and aggregate, folded from the task's batches, then turned into
 * output batches. The groups are numbered by a {@link KeyTable} over the key columns, which holds the keys without an
 * object per row, and the buffers are found by group number; the aggregate functions update them through their
 * reference implementations. The groups are held under the task's execution memory, and what does not fit is
 * emitted early (partial) or spilled (final). A DISTINCT aggregate keeps a second table over (group, arguments).
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
    private KeyTable groups;
    /** Per group, the buffers of the aggregates without a fast path (kept only when there is such an aggregate). */
    private final List<Object[][]> buffers = new ArrayList<>();

    /** Per aggregate, its fast path, or null to use the reference implementation. */
    private final FastAggregate[] fast;

    private final boolean referenceAggregates;

    /** Per DISTINCT aggregate, the (group, arguments) already seen; null for the others. */
    private final KeyTable[] distinctSeen;

    /** How many times the rows of this state's groups were split into spilled parts before (0: the task's input). */
    private final int level;

    /** Rows of groups not held in memory, once memory was refused (FINAL and COMPLETE); null before that. */
    private SpillPartitions overflow;

    AggregationState(Plan plan) {
        this(plan, 0);
    }

    private AggregationState(Plan plan, int level) {
        this.plan = plan;
        this.level = level;
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
        this.distinctSeen = new KeyTable[count];
        this.groups = new KeyTable(plan.keyTypes());
        this.fast = new FastAggregate[count];
        resetAggregates();
        boolean reference = false;
        for (FastAggregate aggregate : fast) {
            reference |= aggregate == null;
        }
        this.referenceAggregates = reference;
    }

    /** The bytes of the (group, arguments) tables of the DISTINCT aggregates. */
    private long distinctBytes() {
        long bytes = 0;
        for (KeyTable seen : distinctSeen) {
            if (seen != null) {
                bytes += seen.estimatedBytes();
            }
        }
        return bytes;
    }

    /** Fresh state for every aggregate: fast paths, and the (group, arguments) DISTINCT aggregates saw. */
    private void resetAggregates() {
        for (int i = 0; i < functions.length; i++) {
            AggregateExpression aggregate = plan.aggregates().get(i);
            fast[i] = FastAggregate.of(aggregate, plan.mode());
            if (aggregate.distinct() && plan.mode() != HashAggregateExec.Mode.FINAL) {
                List<DataType> types = new ArrayList<>();
                types.add(DataTypes.IntegerType);
                for (int j = 0; j < argumentCounts[i]; j++) {
                    types.add(plan.inputs().get(i).get(j).dataType());
                }
                distinctSeen[i] = new KeyTable(types);
            }
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
     * The aggregated batches of {@code batches}, with the groups held under the task's execution memory. When it is
     * refused more memory:
     *
     * <ul>
     *   <li>a partial aggregation emits what it has and starts again (partial results of one group may then appear
     *       twice, which the final aggregation merges);
     *   <li>a final or complete aggregation keeps folding the rows of the groups it holds, and writes the rows of
     *       every other group, evaluated (keys, then each aggregate's inputs), by a hash of their keys into parts on
     *       local disk ({@link SpillPartitions}). After its own groups it aggregates each part in turn, again under
     *       memory, so a group is always aggregated whole, DISTINCT included.
     * </ul>
     */
    Iterator<ColumnBatch> run(Iterator<ColumnBatch> batches) {
        GroupMemory memory = GroupMemory.forCurrentTask();
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
                        if (memory != null && overflow == null && !memory.reserve(groups.size(), distinctBytes())) {
                            if (plan.mode() == HashAggregateExec.Mode.PARTIAL) {
                                pending = output();
                                memory.release();
                            } else if (level < SpillPartitions.MAX_LEVEL
                                    && !plan.keys().isEmpty()) {
                                overflow = new SpillPartitions(spilledTypes(), level, memory.task());
                            }
                        }
                        continue;
                    }
                    finished = true;
                    if (groups.size() == 0 && plan.keys().isEmpty() && plan.mode() != HashAggregateExec.Mode.PARTIAL) {
                        groups.add(new ColumnVector[0], 0);
                        addGroup();
                    }
                    pending = output();
                    if (memory != null) {
                        memory.release();
                    }
                    if (overflow != null) {
                        overflow.finishWriting();
                        pending = concat(pending, spilledGroups(overflow));
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
        Object[][] held = new Object[functions.length][];
        for (int i = 0; i < functions.length; i++) {
            held[i] = fast[i] == null ? functions[i].newBuffer() : null;
        }
        return held;
    }

    /** Adds a group's reference buffers when some aggregate has no fast path. */
    private void addGroup() {
        if (referenceAggregates) {
            buffers.add(newBuffers());
        }
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
        int[] groupOfRow = new int[size];
        int[] hashes = new int[size];
        KeyHashing.hashAll(keys, batch, hashes);
        if (overflow == null) {
            int known = groups.size();
            groups.addAll(keys, batch, hashes, groupOfRow, false);
            for (int added = groups.size() - known; added > 0; added--) {
                addGroup();
            }
        } else {
            groups.findAll(keys, batch, hashes, groupOfRow, false);
            for (int k = 0; k < size; k++) {
                if (groupOfRow[k] < 0) {
                    overflow.add(spilledRow(keys, inputs, batch.row(k)), hashes[k]);
                }
            }
        }
        boolean merge = plan.mode() == HashAggregateExec.Mode.FINAL;
        for (int i = 0; i < functions.length; i++) {
            ColumnVector[] columns = inputs[i];
            boolean filtered = !merge && plan.aggregates().get(i).filter() != null;
            ColumnVector filter = filtered ? columns[columns.length - 1] : null;
            if (fast[i] != null) {
                fast[i].grow(groups.size());
                fast[i].fold(
                        batch, groupOfRow, filtered ? Arrays.copyOf(columns, columns.length - 1) : columns, filter);
            } else {
                foldReference(i, batch, groupOfRow, columns, filter, merge);
            }
        }
    }

    /** Folds the batch into aggregate {@code i}'s reference buffers, a row at a time. */
    private void foldReference(
            int i, ColumnBatch batch, int[] groupOfRow, ColumnVector[] columns, ColumnVector filter, boolean merge) {
        ColumnVector[] distinctKeys = null;
        IntVector groupVector = null;
        if (distinctSeen[i] != null) {
            groupVector = new IntVector(DataTypes.IntegerType, batch.numRows());
            distinctKeys = new ColumnVector[argumentCounts[i] + 1];
            distinctKeys[0] = groupVector;
            System.arraycopy(columns, 0, distinctKeys, 1, argumentCounts[i]);
        }
        for (int k = 0; k < groupOfRow.length; k++) {
            int group = groupOfRow[k];
            int row = batch.row(k);
            if (group < 0) {
                continue;
            }
            Object[] held = buffers.get(group)[i];
            if (merge) {
                functions[i].merge(held, BoundExpressions.values(columns, row));
                continue;
            }
            if (filter != null && (filter.isNull(row) || !filter.getBoolean(row))) {
                continue;
            }
            if (distinctKeys != null) {
                groupVector.set(row, group);
                int before = distinctSeen[i].size();
                if (distinctSeen[i].add(distinctKeys, row) < before) {
                    continue;
                }
            }
            Object[] arguments = new Object[argumentCounts[i]];
            for (int j = 0; j < arguments.length; j++) {
                arguments[j] = columns[j].isNull(row) ? null : columns[j].getObject(row);
            }
            functions[i].update(held, InternalRow.of(arguments));
        }
    }

    /** The columns of a spilled row: the keys, then each aggregate's inputs in order. */
    private List<DataType> spilledTypes() {
        List<DataType> types = new ArrayList<>(plan.keyTypes());
        for (List<VectorExpression> inputs : plan.inputs()) {
            for (VectorExpression input : inputs) {
                types.add(input.dataType());
            }
        }
        return types;
    }

    private static Object[] spilledRow(ColumnVector[] keys, ColumnVector[][] inputs, int row) {
        int width = keys.length;
        for (ColumnVector[] columns : inputs) {
            width += columns.length;
        }
        Object[] values = new Object[width];
        int column = 0;
        for (ColumnVector key : keys) {
            values[column++] = key.isNull(row) ? null : key.getObject(row);
        }
        for (ColumnVector[] columns : inputs) {
            for (ColumnVector vector : columns) {
                values[column++] = vector.isNull(row) ? null : vector.getObject(row);
            }
        }
        return values;
    }

    /**
     * The groups of the spilled parts, aggregated a part at a time by a state of the next level, whose keys and inputs
     * are the spilled columns themselves.
     */
    private Iterator<ColumnBatch> spilledGroups(SpillPartitions parts) {
        List<DataType> types = spilledTypes();
        List<VectorExpression> keys = new ArrayList<>();
        int column = 0;
        for (int i = 0; i < plan.keyTypes().size(); i++) {
            keys.add(columnReference(column++, types));
        }
        List<List<VectorExpression>> inputs = new ArrayList<>();
        for (List<VectorExpression> aggregateInputs : plan.inputs()) {
            List<VectorExpression> references = new ArrayList<>();
            for (int i = 0; i < aggregateInputs.size(); i++) {
                references.add(columnReference(column++, types));
            }
            inputs.add(references);
        }
        Plan replay = new Plan(
                plan.mode(), keys, inputs, plan.aggregates(), plan.keyTypes(), plan.valueTypes(), plan.results());
        return new Iterator<>() {
            private int part = -1;
            private Iterator<ColumnBatch> current = java.util.Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (++part >= SpillPartitions.PARTS) {
                        return false;
                    }
                    current = new AggregationState(replay, level + 1).run(parts.read(part));
                }
                return true;
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private static VectorExpression columnReference(int column, List<DataType> types) {
        return BoundExpressions.compile(new BoundReference(column, types.get(column), true), List.of());
    }

    private static Iterator<ColumnBatch> concat(Iterator<ColumnBatch> first, Iterator<ColumnBatch> second) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return first.hasNext() || second.hasNext();
            }

            @Override
            public ColumnBatch next() {
                return first.hasNext() ? first.next() : second.next();
            }
        };
    }

    private Iterator<ColumnBatch> output() {
        List<DataType> types = new ArrayList<>(plan.keyTypes());
        types.addAll(plan.valueTypes());
        List<ColumnBatch> batches = new ArrayList<>();
        BatchBuilder builder = new BatchBuilder(types);
        int keyCount = plan.keyTypes().size();
        for (FastAggregate aggregate : fast) {
            if (aggregate != null) {
                aggregate.grow(groups.size());
            }
        }
        for (int group = 0; group < groups.size(); group++) {
            Object[] row = new Object[types.size()];
            for (int i = 0; i < keyCount; i++) {
                ColumnVector key = groups.keyColumn(i);
                row[i] = key.isNull(group) ? null : key.getObject(group);
            }
            int column = keyCount;
            Object[][] held = referenceAggregates ? buffers.get(group) : null;
            for (int i = 0; i < functions.length; i++) {
                Object[] buffer = fast[i] != null ? fast[i].buffer(group) : held[i];
                if (plan.mode() == HashAggregateExec.Mode.PARTIAL) {
                    for (Object value : buffer) {
                        row[column++] = value;
                    }
                } else {
                    row[column++] = functions[i].result(buffer);
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
        groups = new KeyTable(plan.keyTypes());
        buffers.clear();
        resetAggregates();
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
