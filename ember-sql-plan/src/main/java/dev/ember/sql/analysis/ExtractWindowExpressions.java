package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.Window;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Moves the window expressions of a select list into {@link Window} nodes, one per distinct partitioning and order,
 * stacked below a projection that reads their results:
 *
 * <pre>
 *   Project [a, rank() OVER (PARTITION BY a ORDER BY b) AS r]   ==>   Project [a, r]
 *   +- R                                                              +- Window [rank() OVER (...) AS r], [a], [b]
 *                                                                        +- R
 * </pre>
 *
 * In a grouped select list the windows are computed over the aggregation's result: the aggregates and grouping
 * expressions the window expressions read become columns of the aggregation first ({@code rank() OVER (ORDER BY
 * sum(x))} ranks the groups by their sums). Frames get Spark's defaults here, and windows are checked.
 */
final class ExtractWindowExpressions implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        // An aggregation under a HAVING or ORDER BY that still has to be resolved against it is left for that first.
        Set<LogicalPlan> waiting = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        Plans.collect(plan, LogicalPlan.class).forEach(node -> {
            boolean pending = (node instanceof Filter || node instanceof Sort)
                    && node.children().get(0) instanceof Aggregate
                    && node.expressions().stream()
                            .anyMatch(e ->
                                    !e.resolved() || Expressions.anyMatch(e, AggregateExpression.class::isInstance));
            if (pending) {
                waiting.add(node.children().get(0));
            }
        });
        return Plans.transformUp(plan, node -> {
            if (node instanceof Project project
                    && project.resolved()
                    && WindowExpressions.hasWindow(project.projectList())
                    && project.projectList().stream().noneMatch(WindowExpressions::hasAggregateOutsideWindows)) {
                return extract(project.projectList(), project.child());
            }
            if (node instanceof Aggregate aggregate
                    && aggregate.resolved()
                    && !waiting.contains(node)
                    && WindowExpressions.hasWindow(aggregate.aggregateExpressions())) {
                return splitAggregate(aggregate);
            }
            return node;
        });
    }

    private static LogicalPlan extract(List<NamedExpression> list, LogicalPlan child) {
        Map<WindowExpression, Alias> aliases = new LinkedHashMap<>();
        List<NamedExpression> projectList = new ArrayList<>();
        for (NamedExpression item : list) {
            if (item instanceof Alias alias && alias.child() instanceof WindowExpression window) {
                // The select item itself computes the window: the Window node keeps its name and id.
                Alias named =
                        new Alias(WindowExpressions.normalize(window), alias.name(), alias.exprId(), alias.qualifier());
                aliases.put((WindowExpression) named.child(), named);
                projectList.add(named.toAttribute());
                continue;
            }
            Expression replaced = Expressions.transformDown(item, node -> {
                if (node instanceof WindowExpression window) {
                    WindowExpression normalized = WindowExpressions.normalize(window);
                    return aliases.computeIfAbsent(normalized, w -> Alias.of(w, Expressions.autoName(window)))
                            .toAttribute();
                }
                return node;
            });
            projectList.add((NamedExpression) replaced);
        }
        // One Window node per partitioning and order, in the order first met.
        Map<List<Object>, List<NamedExpression>> groups = new LinkedHashMap<>();
        for (Map.Entry<WindowExpression, Alias> entry : aliases.entrySet()) {
            WindowSpec spec = (WindowSpec) entry.getKey().window();
            groups.computeIfAbsent(List.of(spec.partitionBy(), spec.orderBy()), key -> new ArrayList<>())
                    .add(entry.getValue());
        }
        LogicalPlan plan = child;
        for (Map.Entry<List<Object>, List<NamedExpression>> group : groups.entrySet()) {
            @SuppressWarnings("unchecked")
            List<Expression> partitionBy = (List<Expression>) group.getKey().get(0);
            @SuppressWarnings("unchecked")
            List<SortOrder> orderBy = (List<SortOrder>) group.getKey().get(1);
            plan = new Window(group.getValue(), partitionBy, orderBy, plan);
        }
        return new Project(projectList, plan);
    }

    /**
     * The aggregation without its window expressions, computing what they read as extra columns, below a projection
     * of the select list with the windows over those columns (which {@link #extract} then moves into Window nodes).
     */
    private static LogicalPlan splitAggregate(Aggregate aggregate) {
        List<NamedExpression> select = new ArrayList<>();
        List<NamedExpression> projectList = new ArrayList<>();
        List<NamedExpression> windowed = new ArrayList<>();
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            if (WindowExpressions.hasWindow(List.of(item))) {
                windowed.add(item);
            } else {
                select.add(item);
            }
        }
        Extractor extractor = new Extractor(aggregate.groupingExpressions(), select);
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            if (windowed.contains(item)) {
                projectList.add((NamedExpression) extractor.outside(item));
            } else {
                projectList.add(item.toAttribute());
            }
        }
        return new Project(
                projectList, new Aggregate(aggregate.groupingExpressions(), extractor.select, aggregate.child()));
    }

    /** Replaces what the aggregation must compute by columns of it. */
    private static final class Extractor {
        private final List<Expression> grouping;
        private final List<NamedExpression> select;

        Extractor(List<Expression> grouping, List<NamedExpression> select) {
            this.grouping = grouping;
            this.select = select;
        }

        /** An expression outside the function position of a window: aggregates and keys become columns. */
        Expression outside(Expression expression) {
            if (expression instanceof WindowExpression window) {
                Expression function = window.function();
                Expression newFunction;
                if (function instanceof AggregateExpression call) {
                    newFunction = Expressions.mapChildren(
                            call,
                            child -> child == call.function()
                                    ? Expressions.mapChildren(child, this::outside)
                                    : outside(child));
                } else {
                    newFunction = Expressions.mapChildren(function, this::outside);
                }
                Expression newWindow = Expressions.mapChildren(window.window(), this::outside);
                return window.withChildren(List.of(newFunction, newWindow));
            }
            if (expression instanceof AggregateExpression call) {
                return columnFor(call);
            }
            if (!(expression instanceof Literal) && !(expression instanceof Alias)) {
                for (Expression key : grouping) {
                    if (key.equals(expression)) {
                        return columnFor(expression);
                    }
                }
            }
            return Expressions.mapChildren(expression, this::outside);
        }

        private Attribute columnFor(Expression expression) {
            for (NamedExpression item : select) {
                if (item instanceof Alias alias && same(alias.child(), expression)) {
                    return alias.toAttribute();
                }
                if (item instanceof Attribute attribute && attribute.equals(expression)) {
                    return attribute;
                }
            }
            if (expression instanceof Attribute attribute) {
                select.add(attribute);
                return attribute;
            }
            Alias added = Alias.of(expression, Expressions.autoName(expression));
            select.add(added);
            return added.toAttribute();
        }

        private static boolean same(Expression a, Expression b) {
            if (a instanceof AggregateExpression x && b instanceof AggregateExpression y) {
                return x.function().equals(y.function())
                        && x.distinct() == y.distinct()
                        && Objects.equals(x.filter(), y.filter());
            }
            return a.equals(b);
        }
    }
}
