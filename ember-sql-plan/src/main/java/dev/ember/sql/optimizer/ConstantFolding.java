package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;

/**
 * Computes expressions that read no column once, while planning: {@code 1 + 2} becomes {@code 3}. An expression that
 * would fail at run time (a division by zero under ANSI mode) is left as it is, so that it fails only if a row reaches
 * it, as without folding.
 *
 * <pre>
 *   Filter (a > (1 + 2))     ==>    Filter (a > 3)
 * </pre>
 */
public final class ConstantFolding implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformAllExpressions(plan, ConstantFolding::fold);
    }

    static Expression fold(Expression expression) {
        if (expression instanceof Literal
                || expression instanceof Alias
                || expression instanceof SortOrder
                || !expression.foldable()
                || !expression.deterministic()) {
            return expression;
        }
        try {
            return new Literal(expression.eval(InternalRow.EMPTY), expression.dataType());
        } catch (RuntimeException e) {
            return expression;
        }
    }
}
