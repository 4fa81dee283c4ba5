package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.GroupedMapRows;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Calls a typed {@code groupByKey}'s function once per key: it needs its input clustered by the key columns and sorted
 * by them (an exchange and a spilling sort, as for a window), and then walks the rows, giving the function each run of
 * equal keys as one group. A group's rows stream: the function may read as many as it wants, the rest are skipped.
 */
public record GroupedMapExec(
        List<Attribute> keys,
        PhysicalPlan child,
        GroupedMapRows.GroupFunction function,
        List<Attribute> output,
        String description)
        implements UnaryExec {
    private static final long serialVersionUID = 1L;

    public GroupedMapExec {
        keys = List.copyOf(keys);
        requireNonNull(child, "child is null");
        requireNonNull(function, "function is null");
        output = List.copyOf(output);
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new GroupedMapExec(keys, children.get(0), function, output, description);
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        return List.of(new Distribution.Clustered(List.<Expression>copyOf(keys), 0, false));
    }

    @Override
    public List<List<SortOrder>> requiredChildOrdering() {
        List<SortOrder> ordering = new ArrayList<>();
        for (Attribute key : keys) {
            ordering.add(SortOrder.ascending(key));
        }
        return List.of(ordering);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<DataType> types = BoundExpressions.types(output);
        int keyCount = keys.size();
        GroupedMapRows.GroupFunction body = function;
        String what = description;
        return child.execute(context)
                .mapPartitions(batches ->
                        ObjectRows.batches(new Groups(ObjectRows.rows(batches), keyCount, body, what), types, what));
    }

    /** The output rows of every group of a partition, a group at a time. */
    private static final class Groups implements Iterator<Object[]> {
        private final Iterator<Object[]> input;
        private final int keyCount;
        private final GroupedMapRows.GroupFunction function;
        private final String what;
        private Object[] pending;
        private Iterator<Object[]> current = Collections.emptyIterator();
        private GroupValues group;

        Groups(Iterator<Object[]> input, int keyCount, GroupedMapRows.GroupFunction function, String what) {
            this.input = input;
            this.keyCount = keyCount;
            this.function = function;
            this.what = what;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                if (group != null) {
                    group.skipRest();
                }
                if (pending == null && !input.hasNext()) {
                    return false;
                }
                Object[] first = pending != null ? pending : input.next();
                pending = null;
                Object[] key = Arrays.copyOfRange(first, 0, keyCount);
                group = new GroupValues(key, first);
                GroupValues values = group;
                current = dev.ember.rdd.Functions.call(() -> function.apply(key, values));
            }
            return true;
        }

        @Override
        public Object[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        /** The value columns of the rows of one key, read from the shared input until the key changes. */
        private final class GroupValues implements Iterator<Object[]> {
            private final Object[] key;
            private Object[] next;
            private boolean done;

            GroupValues(Object[] key, Object[] first) {
                this.key = key;
                this.next = first;
            }

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    if (input.hasNext()) {
                        Object[] row = input.next();
                        if (sameKey(row)) {
                            next = row;
                        } else {
                            pending = row;
                            done = true;
                        }
                    } else {
                        done = true;
                    }
                }
                return next != null;
            }

            @Override
            public Object[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object[] row = next;
                next = null;
                return Arrays.copyOfRange(row, keyCount, row.length);
            }

            void skipRest() {
                while (hasNext()) {
                    next();
                }
            }

            private boolean sameKey(Object[] row) {
                for (int i = 0; i < keyCount; i++) {
                    if (!java.util.Objects.deepEquals(row[i], key[i])) {
                        return false;
                    }
                }
                return true;
            }
        }
    }

    @Override
    public String simpleString() {
        return "GroupedMap " + description + ", keys " + PlanText.list(keys) + " " + PlanText.list(output);
    }
}
