package dev.ember.sql;

import dev.ember.AccumulatorV2;
import dev.ember.EmberContext;
import dev.ember.internal.ContextInternals;
import dev.ember.sql.execution.MeasuredExec;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.SqlEvents;
import dev.ember.sql.execution.adaptive.AdaptivePlanExec;
import dev.ember.util.CallSite;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Runs a query's action as one SQL execution the UI can show: posts its start (description, plan and the graph of its
 * measured nodes), marks the jobs it runs with its id, and posts its end with what its nodes measured meanwhile. An
 * action inside another one's execution (a broadcast's collect) belongs to the outer one.
 */
final class SqlExecutions {
    private static final AtomicLong NEXT_ID = new AtomicLong();

    private SqlExecutions() {}

    static <T> T run(QueryExecution query, EmberContext context, Supplier<T> action) {
        if (context.getLocalProperty(SqlEvents.EXECUTION_ID) != null) {
            return action.get();
        }
        MeasuredExec.Measured measured = query.measured();
        Map<Long, Long> before = values(measured.plan());
        CallSite site = CallSite.capture();
        long id = NEXT_ID.getAndIncrement();
        String description = query.description() != null ? query.description() : site.shortForm();
        ContextInternals.listenerBus(context)
                .post(new SqlEvents.ExecutionStart(
                        id,
                        description,
                        site.longForm(),
                        query.explain(false),
                        measured.graph(),
                        System.currentTimeMillis()));
        context.setLocalProperty(SqlEvents.EXECUTION_ID, Long.toString(id));
        AdaptivePlanExec.Execution adaptive =
                measured.plan() instanceof AdaptivePlanExec root ? root.beginExecution(id) : null;
        String error = null;
        try {
            return action.get();
        } catch (RuntimeException | Error e) {
            error = e.toString();
            throw e;
        } finally {
            AdaptivePlanExec.endExecution();
            context.setLocalProperty(SqlEvents.EXECUTION_ID, null);
            // An adaptive plan's nodes are the ones this execution made, whatever another thread ran meanwhile.
            PhysicalPlan ran =
                    adaptive != null && adaptive.finalPlan() != null ? adaptive.finalPlan() : measured.plan();
            Map<Long, Long> after = values(ran);
            after.replaceAll((accumulator, value) -> value - before.getOrDefault(accumulator, 0L));
            ContextInternals.listenerBus(context)
                    .post(new SqlEvents.ExecutionEnd(id, System.currentTimeMillis(), error, after));
        }
    }

    /** The plan's accumulators' values now, by id; a maximum is reported as it is, not as a difference. */
    private static Map<Long, Long> values(PhysicalPlan plan) {
        Map<Long, Long> values = new HashMap<>();
        for (AccumulatorV2<?, ?> accumulator : MeasuredExec.accumulators(plan)) {
            values.put(
                    accumulator.id(),
                    accumulator instanceof MeasuredExec.MaxAccumulator ? 0L : (Long) accumulator.value());
        }
        return values;
    }
}
