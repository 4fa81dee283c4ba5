package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;

/**
 * Plans and expressions as Datasets and Columns, for Ember's own interfaces that receive plans rather than build them
 * with the Dataset API (the Connect server translates a client's unresolved plan into a logical plan). User code
 * never needs it: the Dataset API builds the same plans.
 */
public final class PlanAccess {
    private PlanAccess() {}

    /** A DataFrame over {@code plan}, analyzed now: what cannot be resolved fails here, as the user wrote it. */
    public static Dataset<Row> dataFrame(EmberSession session, LogicalPlan plan) {
        return Dataset.ofRows(requireNonNull(session, "session is null"), requireNonNull(plan, "plan is null"));
    }

    /** The analyzed plan of {@code dataset}. */
    public static LogicalPlan plan(Dataset<?> dataset) {
        return dataset.queryExecution().analyzed();
    }

    public static Column column(Expression expression) {
        return new Column(expression);
    }

    /** Names the query in the UI's SQL tab (its SQL text, or what ran it), instead of the calling code's site. */
    public static void describe(Dataset<?> dataset, String description) {
        dataset.queryExecution().describeAs(description);
    }

    /** The session's time zone: its setting, or the JVM's zone when none is set. */
    public static String timeZone(EmberSession session) {
        return session.timeZone();
    }

    /** The text {@code show} prints, across or (with {@code vertical}) one block per row. */
    public static String showString(Dataset<?> dataset, int numRows, int truncate, boolean vertical) {
        if (!vertical) {
            return dataset.showString(numRows, truncate);
        }
        Dataset<Row> limited = dataFrame(dataset.sparkSession(), new Limit(numRows + 1, plan(dataset)));
        List<Row> rows = limited.collectAsList();
        return ShowTable.renderVertical(
                dataset.schema(),
                rows,
                numRows,
                truncate,
                dataset.sparkSession().timeZone());
    }
}
