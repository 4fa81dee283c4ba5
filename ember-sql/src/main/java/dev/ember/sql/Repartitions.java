package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Repartition;
import java.util.ArrayList;
import java.util.List;

/** The plans of {@link Dataset}'s {@code repartition}, {@code repartitionByRange} and {@code coalesce}. */
final class Repartitions {
    private Repartitions() {}

    static LogicalPlan roundRobin(int n, LogicalPlan child) {
        return new Repartition(List.of(), count(n, false), true, child);
    }

    static LogicalPlan hash(int n, Column[] columns, LogicalPlan child) {
        List<Expression> keys = new ArrayList<>();
        for (Column column : columns) {
            keys.add(column.expr());
        }
        if (keys.isEmpty()) {
            // Neither columns nor (with 0) a count: round robin over ember.sql.shuffle.partitions.
            return new Repartition(List.of(), count(n, true), true, child);
        }
        return new Repartition(keys, count(n, true), true, child);
    }

    static LogicalPlan range(int n, Column[] columns, LogicalPlan child) {
        if (columns.length == 0) {
            throw new EmberException(ErrorClass.INVALID_ARGUMENT, "repartitionByRange needs at least one column");
        }
        List<Expression> orders = new ArrayList<>();
        for (Column column : columns) {
            Expression expression = column.expr();
            orders.add(expression instanceof SortOrder order ? order : SortOrder.ascending(expression));
        }
        return new Repartition(orders, count(n, true), true, child);
    }

    static LogicalPlan coalesce(int n, LogicalPlan child) {
        return new Repartition(List.of(), count(n, false), false, child);
    }

    /** {@code n}, which must be at least 1, or 0 where the session's shuffle partitions may stand in. */
    private static int count(int n, boolean zeroAllowed) {
        if (n < (zeroAllowed ? 0 : 1)) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "A partition count must be at least " + (zeroAllowed ? 0 : 1) + ", not " + n);
        }
        return n;
    }
}
