package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.KeyTable;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.AggregateFunction;
import dev.ember.sql.expressions.window.LagLead;
import dev.ember.sql.expressions.window.NTile;
import dev.ember.sql.expressions.window.NthValue;
import dev.ember.sql.expressions.window.RankingFunction;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.BatchBuilder;
import dev.ember.sql.vector.ColumnBatch;
import dev.ember.sql.vector.ColumnVector;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One task's window computation over input sorted by partition keys and order keys: rows are gathered one partition
 * group at a time (with the batches they are in), every window function is computed over the group, and the group's
 * rows are emitted with the results appended.
 *
 * <p>Frames: an aggregate over a frame starting at UNBOUNDED PRECEDING (the default frames, running totals, RANGE
 * frames ending at the current row's last peer) is computed incrementally, each row folding only the rows its frame
 * adds, and a frame that did not grow reuses the previous result. Other frames (sliding ROWS or RANGE frames, frames
 * ending at UNBOUNDED FOLLOWING) are folded afresh for each row whose frame differs from the previous row's, which
 * costs the frame's width per row. RANGE frames with offsets find their bounds by binary search over the ordered key.
 */
final class WindowGroups {
    /** A window expression, compiled on the driver: its function, inputs (arguments, then FILTER) and frame. */
    record Function(
            Expression function,
            List<VectorExpression> inputs,
            WindowFrame.Type frameType,
            WindowFrame.BoundKind lowerKind,
            Object lowerOffset,
            WindowFrame.BoundKind upperKind,
            Object upperOffset)
            implements Serializable {}

    /** What a task needs. */
    record Plan(
            List<VectorExpression> partitionKeys,
            List<VectorExpression> orderKeys,
            List<SortOrder> orderSpec,
            List<Function> functions,
            int inputColumns,
            List<DataType> outputTypes)
            implements Serializable {}

    /** A batch of the group with its evaluated keys and inputs. */
    private record Evaluated(ColumnBatch batch, ColumnVector[] orderKeys, ColumnVector[][] inputs) {}

    private final Plan plan;
    private final AggregateFunction[] aggregates;
    private final BatchBuilder builder;
    private final ArrayDeque<ColumnBatch> output = new ArrayDeque<>();

    private final List<Evaluated> held = new ArrayList<>();
    private int[] heldIndex = new int[64];
    private int[] rows = new int[64];
    private int count;
    /** The partition key of the group being gathered, as a table of at most one key. */
    private final KeyTable currentKey;

    WindowGroups(Plan plan) {
        this.plan = plan;
        this.aggregates = new AggregateFunction[plan.functions().size()];
        for (int i = 0; i < aggregates.length; i++) {
            if (plan.functions().get(i).function() instanceof AggregateExpression call) {
                AggregateFunction function = call.function();
                List<Expression> slots = new ArrayList<>();
                for (int j = 0; j < function.children().size(); j++) {
                    Expression argument = function.children().get(j);
                    slots.add(new BoundReference(j, argument.dataType(), argument.nullable()));
                }
                aggregates[i] = (AggregateFunction) function.withChildren(slots);
            }
        }
        this.builder = new BatchBuilder(plan.outputTypes());
        List<DataType> keyTypes = new ArrayList<>();
        for (VectorExpression key : plan.partitionKeys()) {
            keyTypes.add(key.dataType());
        }
        this.currentKey = new KeyTable(keyTypes, 1);
    }

    Iterator<ColumnBatch> run(Iterator<ColumnBatch> batches) {
        return new Iterator<>() {
            private boolean finished;

            @Override
            public boolean hasNext() {
                while (output.isEmpty() && !finished) {
                    if (batches.hasNext()) {
                        add(batches.next());
                    } else {
                        flushGroup();
                        if (!builder.isEmpty()) {
                            output.add(builder.build());
                        }
                        finished = true;
                    }
                }
                return !output.isEmpty();
            }

            @Override
            public ColumnBatch next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return output.poll();
            }
        };
    }

    private void add(ColumnBatch batch) {
        if (batch.size() == 0) {
            return;
        }
        ColumnVector[] partitionKeys = BoundExpressions.evaluate(plan.partitionKeys(), batch);
        ColumnVector[][] inputs = new ColumnVector[plan.functions().size()][];
        for (int f = 0; f < inputs.length; f++) {
            inputs[f] = BoundExpressions.evaluate(plan.functions().get(f).inputs(), batch);
        }
        Evaluated evaluated = new Evaluated(batch, BoundExpressions.evaluate(plan.orderKeys(), batch), inputs);
        int index = -1;
        for (int k = 0; k < batch.size(); k++) {
            int row = batch.row(k);
            if (currentKey.size() > 0 && currentKey.find(partitionKeys, row) < 0) {
                flushGroup();
                index = -1;
            }
            if (currentKey.size() == 0) {
                currentKey.add(partitionKeys, row);
            }
            if (index < 0) {
                index = held.size();
                held.add(evaluated);
            }
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, count * 2);
                heldIndex = Arrays.copyOf(heldIndex, count * 2);
            }
            heldIndex[count] = index;
            rows[count] = row;
            count++;
        }
    }

    /** Computes the window functions over the gathered group and emits its rows. */
    private void flushGroup() {
        int n = count;
        if (n == 0) {
            return;
        }
        Object[][] orderValues = new Object[n][];
        for (int i = 0; i < n; i++) {
            orderValues[i] = BoundExpressions.values(held.get(heldIndex[i]).orderKeys(), rows[i]);
        }
        int[] peerStart = new int[n];
        int[] peerEnd = new int[n];
        for (int i = 0; i < n; i++) {
            peerStart[i] = i > 0 && samePeers(orderValues[i - 1], orderValues[i]) ? peerStart[i - 1] : i;
        }
        for (int i = n - 1; i >= 0; i--) {
            peerEnd[i] = i < n - 1 && peerStart[i + 1] == peerStart[i] ? peerEnd[i + 1] : i + 1;
        }
        Object[][] results = new Object[plan.functions().size()][];
        for (int f = 0; f < results.length; f++) {
            Object[][] arguments = new Object[n][];
            for (int i = 0; i < n; i++) {
                arguments[i] = BoundExpressions.values(held.get(heldIndex[i]).inputs()[f], rows[i]);
            }
            results[f] = compute(f, n, arguments, orderValues, peerStart, peerEnd);
        }
        int inputColumns = plan.inputColumns();
        for (int i = 0; i < n; i++) {
            ColumnBatch batch = held.get(heldIndex[i]).batch();
            for (int c = 0; c < inputColumns; c++) {
                builder.copyFrom(c, batch.column(c), rows[i]);
            }
            for (int f = 0; f < results.length; f++) {
                builder.set(inputColumns + f, results[f][i]);
            }
            builder.endRow();
            if (builder.isFull()) {
                output.add(builder.build());
            }
        }
        held.clear();
        count = 0;
        currentKey.clear();
    }

    private boolean samePeers(Object[] a, Object[] b) {
        for (int k = 0; k < a.length; k++) {
            if (plan.orderSpec().get(k).compare(a[k], b[k]) != 0) {
                return false;
            }
        }
        return true;
    }

    private Object[] compute(
            int f, int n, Object[][] arguments, Object[][] orderValues, int[] peerStart, int[] peerEnd) {
        Function function = plan.functions().get(f);
        Expression expression = function.function();
        Object[] result = new Object[n];
        if (expression instanceof RankingFunction ranking) {
            int dense = 0;
            for (int i = 0; i < n; i++) {
                if (peerStart[i] == i) {
                    dense++;
                }
                int rank = peerStart[i] + 1;
                result[i] = switch (ranking.kind()) {
                    case ROW_NUMBER -> i + 1;
                    case RANK -> rank;
                    case DENSE_RANK -> dense;
                    case PERCENT_RANK -> n > 1 ? (rank - 1) / (double) (n - 1) : 0.0;
                    case CUME_DIST -> peerEnd[i] / (double) n;
                };
            }
            return result;
        }
        if (expression instanceof NTile ntile) {
            int buckets = ntile.buckets();
            int size = n / buckets;
            int remainder = n % buckets;
            int large = remainder * (size + 1);
            for (int i = 0; i < n; i++) {
                result[i] = i < large ? i / (size + 1) + 1 : remainder + (i - large) / size + 1;
            }
            return result;
        }
        if (expression instanceof LagLead lagLead) {
            long delta = lagLead.rowDelta();
            for (int i = 0; i < n; i++) {
                long target = i + delta;
                result[i] = target >= 0 && target < n ? arguments[(int) target][0] : arguments[i][1];
            }
            return result;
        }
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            starts[i] = bound(function, true, i, n, orderValues, peerStart, peerEnd);
            ends[i] = Math.max(starts[i], bound(function, false, i, n, orderValues, peerStart, peerEnd));
        }
        if (expression instanceof NthValue nth) {
            for (int i = 0; i < n; i++) {
                int seen = 0;
                for (int j = starts[i]; j < ends[i]; j++) {
                    Object value = arguments[j][0];
                    if (value == null && nth.ignoreNulls()) {
                        continue;
                    }
                    if (++seen == nth.n()) {
                        result[i] = value;
                        break;
                    }
                }
            }
            return result;
        }
        aggregate(f, n, arguments, starts, ends, result);
        return result;
    }

    private void aggregate(int f, int n, Object[][] arguments, int[] starts, int[] ends, Object[] result) {
        AggregateFunction function = aggregates[f];
        boolean filtered = ((AggregateExpression) plan.functions().get(f).function()).filter() != null;
        boolean running = plan.functions().get(f).lowerKind() == WindowFrame.BoundKind.UNBOUNDED_PRECEDING;
        Object[] buffer = function.newBuffer();
        int folded = 0;
        int previousStart = -1;
        int previousEnd = -1;
        Object previous = null;
        for (int i = 0; i < n; i++) {
            int start = starts[i];
            int end = ends[i];
            if (start == previousStart && end == previousEnd) {
                result[i] = previous;
                continue;
            }
            if (running && start == 0 && end >= folded) {
                // The frame only grows: fold the rows it adds.
                for (; folded < end; folded++) {
                    fold(function, buffer, arguments[folded], filtered);
                }
            } else {
                buffer = function.newBuffer();
                for (int j = start; j < end; j++) {
                    fold(function, buffer, arguments[j], filtered);
                }
                folded = running && start == 0 ? end : -1;
                if (folded < 0) {
                    running = false;
                }
            }
            previous = snapshot(function.result(buffer));
            previousStart = start;
            previousEnd = end;
            result[i] = previous;
        }
    }

    private static void fold(AggregateFunction function, Object[] buffer, Object[] arguments, boolean filtered) {
        if (filtered && !Boolean.TRUE.equals(arguments[arguments.length - 1])) {
            return;
        }
        function.update(buffer, InternalRow.of(arguments));
    }

    /** A result that later folds cannot change (an aggregate may return its buffer's own list). */
    private static Object snapshot(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Map<?, ?> map) {
            return new LinkedHashMap<>(map);
        }
        return value;
    }

    /** The first row of the frame of row {@code i} ({@code lower}), or the row after its last. */
    private int bound(
            Function function, boolean lower, int i, int n, Object[][] orderValues, int[] peerStart, int[] peerEnd) {
        WindowFrame.BoundKind kind = lower ? function.lowerKind() : function.upperKind();
        Object offset = lower ? function.lowerOffset() : function.upperOffset();
        boolean rowsFrame = function.frameType() == WindowFrame.Type.ROWS;
        switch (kind) {
            case UNBOUNDED_PRECEDING:
                return 0;
            case UNBOUNDED_FOLLOWING:
                return n;
            case CURRENT_ROW:
                if (rowsFrame) {
                    return lower ? i : i + 1;
                }
                return lower ? peerStart[i] : peerEnd[i];
            default:
                break;
        }
        boolean forward = kind == WindowFrame.BoundKind.FOLLOWING;
        if (rowsFrame) {
            long distance = ((Number) offset).longValue();
            long position = forward ? (long) i + distance : (long) i - distance;
            if (!lower) {
                position++;
            }
            return (int) Math.max(0, Math.min(n, position));
        }
        SortOrder key = plan.orderSpec().get(0);
        Object target = shift(orderValues[i][0], offset, forward == key.ascending(), lower == key.ascending());
        // The keys are sorted by the order: binary search for the first row at or after (lower) / after (upper).
        int low = 0;
        int high = n;
        while (low < high) {
            int middle = (low + high) >>> 1;
            int order = key.compare(orderValues[middle][0], target);
            boolean before = lower ? order < 0 : order <= 0;
            if (before) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /**
     * {@code value} plus ({@code add}) or minus {@code offset}, in the key's own type; for integral keys the exact bound
     * is rounded up ({@code ceiling}) or down so that the comparison with whole keys stays exact, and clamped to the
     * type's range.
     */
    static Object shift(Object value, Object offset, boolean add, boolean ceiling) {
        if (value == null) {
            return null;
        }
        if (value instanceof Double || value instanceof Float) {
            double distance = ((Number) offset).doubleValue();
            double shifted = ((Number) value).doubleValue() + (add ? distance : -distance);
            return value instanceof Float ? (Object) (float) shifted : (Object) shifted;
        }
        BigDecimal distance = offset instanceof BigDecimal decimal ? decimal : new BigDecimal(offset.toString());
        if (value instanceof BigDecimal decimal) {
            return add ? decimal.add(distance) : decimal.subtract(distance);
        }
        BigDecimal exact = new BigDecimal(value.toString());
        exact = add ? exact.add(distance) : exact.subtract(distance);
        BigDecimal whole = exact.setScale(0, ceiling ? RoundingMode.CEILING : RoundingMode.FLOOR);
        long min;
        long max;
        if (value instanceof Integer) {
            min = Integer.MIN_VALUE;
            max = Integer.MAX_VALUE;
        } else if (value instanceof Short) {
            min = Short.MIN_VALUE;
            max = Short.MAX_VALUE;
        } else if (value instanceof Byte) {
            min = Byte.MIN_VALUE;
            max = Byte.MAX_VALUE;
        } else {
            min = Long.MIN_VALUE;
            max = Long.MAX_VALUE;
        }
        long clamped =
                whole.max(BigDecimal.valueOf(min)).min(BigDecimal.valueOf(max)).longValue();
        if (value instanceof Integer) {
            return (int) clamped;
        }
        if (value instanceof Short) {
            return (short) clamped;
        }
        if (value instanceof Byte) {
            return (byte) clamped;
        }
        return clamped;
    }
}
