package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** {@code SELECT list}: one output column per named expression, computed from each input row. */
public record Project(List<NamedExpression> projectList, LogicalPlan child) implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Project {
        projectList = List.copyOf(projectList);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Project(projectList, children.get(0));
    }

    @Override
    public List<Attribute> output() {
        List<Attribute> output = new ArrayList<>(projectList.size());
        for (NamedExpression expression : projectList) {
            output.add(expression.toAttribute());
        }
        return output;
    }

    @Override
    public List<Expression> expressions() {
        return List.copyOf(projectList);
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<NamedExpression> mapped = new ArrayList<>(projectList.size());
        for (NamedExpression expression : projectList) {
            mapped.add(named(function.apply(expression)));
        }
        return new Project(mapped, child);
    }

    /**
     * A select-list item after a rewrite: a resolved call that replaced an unresolved one is no longer named, and gets
     * named by the analyzer.
     */
    static NamedExpression named(Expression expression) {
        return expression instanceof NamedExpression named
                ? named
                : new dev.ember.sql.expressions.UnresolvedAlias(expression);
    }

    @Override
    public String simpleString() {
        return "Project " + PlanText.list(projectList);
    }
}
