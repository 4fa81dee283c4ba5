package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code left JOIN right ON condition}. {@code condition} is null for a join without one (a cross join). Joins written
 * with {@code USING} or {@code NATURAL} carry their column names in {@code usingColumns} (with {@code natural} for the
 * latter) until the analyzer turns them into a condition and a projection.
 */
public record Join(
        LogicalPlan left,
        LogicalPlan right,
        JoinType joinType,
        Expression condition,
        List<String> usingColumns,
        boolean natural,
        JoinHint hint)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Join {
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
        requireNonNull(joinType, "joinType is null");
        usingColumns = List.copyOf(usingColumns);
        requireNonNull(hint, "hint is null");
    }

    public Join(LogicalPlan left, LogicalPlan right, JoinType joinType, Expression condition) {
        this(left, right, joinType, condition, List.of(), false, JoinHint.NONE);
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Join(children.get(0), children.get(1), joinType, condition, usingColumns, natural, hint);
    }

    public Join withCondition(Expression newCondition) {
        return new Join(left, right, joinType, newCondition, usingColumns, natural, hint);
    }

    @Override
    public boolean resolved() {
        return usingColumns.isEmpty() && !natural && LogicalPlan.super.resolved();
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>();
        for (Attribute attribute : left.output()) {
            output.add(joinType.leftNullable() ? attribute.withNullability(true) : attribute);
        }
        if (joinType.outputsRight()) {
            for (Attribute attribute : right.output()) {
                output.add(joinType.rightNullable() ? attribute.withNullability(true) : attribute);
            }
        }
        return output;
    }

    @Override
    public List<Expression> expressions() {
        return condition == null ? List.of() : List.of(condition);
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return condition == null ? this : withCondition(function.apply(condition));
    }

    @Override
    public String simpleString() {
        String using = usingColumns.isEmpty() ? "" : " USING " + usingColumns;
        return "Join " + joinType.displayName() + (natural ? " Natural" : "") + using
                + (condition == null ? "" : ", " + PlanText.expr(condition))
                + (hint == JoinHint.NONE ? "" : ", " + hint);
    }
}
