package dev.ember.sql.planner;

import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.operators.ExpandExec;
import dev.ember.sql.execution.operators.GenerateExec;
import dev.ember.sql.execution.operators.GroupedMapExec;
import dev.ember.sql.execution.operators.MapRowsExec;
import dev.ember.sql.execution.operators.WindowExec;
import dev.ember.sql.plans.logical.BoundGenerate;
import dev.ember.sql.plans.logical.Expand;
import dev.ember.sql.plans.logical.GroupedMapRows;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.MapRows;
import dev.ember.sql.plans.logical.Window;
import java.util.function.Function;

/**
 * The operators of window functions ({@link WindowExec}, whose input exchange and sort {@link EnsureRequirements}
 * adds), of grouping sets ({@link ExpandExec} below the aggregation), of generators ({@link GenerateExec}), and of
 * typed Datasets' functions ({@link MapRowsExec}, {@link GroupedMapExec}).
 */
final class AnalyticsPlanning {
    private AnalyticsPlanning() {}

    /** The operator of {@code plan}, or null when it is none of these nodes. */
    static PhysicalPlan plan(LogicalPlan plan, Function<LogicalPlan, PhysicalPlan> planner) {
        if (plan instanceof Window window) {
            return new WindowExec(
                    window.windowExpressions(),
                    window.partitionSpec(),
                    window.orderSpec(),
                    planner.apply(window.child()));
        }
        if (plan instanceof Expand expand) {
            return new ExpandExec(expand.projections(), expand.output(), planner.apply(expand.child()));
        }
        if (plan instanceof BoundGenerate generate) {
            return new GenerateExec(
                    generate.generator(),
                    generate.outer(),
                    generate.generatorOutput(),
                    planner.apply(generate.child()));
        }
        if (plan instanceof MapRows map) {
            return new MapRowsExec(planner.apply(map.child()), map.function(), map.output(), map.description());
        }
        if (plan instanceof GroupedMapRows grouped) {
            return new GroupedMapExec(
                    grouped.keys(),
                    planner.apply(grouped.child()),
                    grouped.function(),
                    grouped.output(),
                    grouped.description());
        }
        return null;
    }
}
