package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the deterministic conjuncts of a filter directly above a scan to the scan, which may use them to skip data
 * (Parquet's row-group statistics). The filter stays: a scan is not required to drop every non-matching row.
 *
 * <pre>
 *   Filter (a > 1)            ==>   Filter (a > 1)
 *   +- Relation [a, b]              +- Relation [a, b], pushed [(a > 1)]
 * </pre>
 */
public final class PushFiltersIntoScan implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Filter filter) || !(filter.child() instanceof SourceRelation relation)) {
                return node;
            }
            List<Expression> pushed = new ArrayList<>();
            for (Expression conjunct : Expressions.splitConjuncts(filter.condition())) {
                if (conjunct.deterministic() && !relation.pushedFilters().contains(conjunct)) {
                    pushed.add(conjunct);
                }
            }
            if (pushed.isEmpty()) {
                return node;
            }
            List<Expression> all = new ArrayList<>(relation.pushedFilters());
            all.addAll(pushed);
            return new Filter(filter.condition(), new SourceRelation(relation.source(), relation.output(), all));
        });
    }
}
