package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.LateralColumnReference;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lateral column aliases, as in Spark 3.4+: in {@code SELECT id * 2 AS twice, twice + 1 AS next FROM t}, a name that
 * no input column has but an alias earlier in the same select list does refers to that alias. The aliases referred
 * to move into a projection below (next to the input's columns), and the select list reads them from there, so each
 * is computed once:
 *
 * <pre>
 *   Project [id, twice, (twice + 1) AS next]
 *   +- Project [id, ..., (id * 2) AS twice]
 *      +- t
 * </pre>
 *
 * An input column of the same name wins, as it is resolved before this rule looks.
 *
 * <p>In an aggregation's select list ({@code SELECT dept, sum(salary) AS total, total / count(*) AS share ... GROUP
 * BY dept}) the name first becomes a {@link LateralColumnReference}, so that the rest of the list can be resolved
 * around it. Once the list is resolved, the items that read such a reference move into a projection above the
 * aggregation; their aggregate calls stay below, each as a column of its own:
 *
 * <pre>
 *   Project [dept, total, (total / _lateral_0) AS share]
 *   +- Aggregate [dept], [dept, sum(salary) AS total, count(1) AS _lateral_0]
 * </pre>
 *
 * An item that reads another moved item reads that item's value in its place.
 */
final class ResolveLateralColumnAliases implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Aggregate aggregate && aggregate.child().resolved()) {
                return aggregate.resolved() ? split(aggregate) : markReferences(aggregate);
            }
            if (!(node instanceof Project project) || !project.child().resolved() || project.resolved()) {
                return node;
            }
            return rewrite(project);
        });
    }

    /** Names in the select list that only an earlier alias of the list has become references to that alias. */
    private static LogicalPlan markReferences(Aggregate aggregate) {
        Map<String, Alias> earlier = new HashMap<>();
        List<NamedExpression> rewritten = new ArrayList<>();
        boolean changed = false;
        for (NamedExpression item : aggregate.aggregateExpressions()) {
            NamedExpression replaced = (NamedExpression) Expressions.transformUp(item, node -> {
                if (node instanceof UnresolvedAttribute attribute
                        && attribute.nameParts().size() == 1) {
                    Alias alias = earlier.get(
                            Identifiers.normalize(attribute.nameParts().get(0)));
                    if (alias != null) {
                        return new LateralColumnReference(alias.toAttribute());
                    }
                }
                return node;
            });
            changed |= replaced != item;
            rewritten.add(replaced);
            if (item instanceof Alias alias && alias.child().resolved()) {
                earlier.putIfAbsent(Identifiers.normalize(alias.name()), alias);
            }
        }
        return changed ? new Aggregate(aggregate.groupingExpressions(), rewritten, aggregate.child()) : aggregate;
    }

    /** A resolved aggregation whose list reads lateral references, as the aggregation and a projection above it. */
    private static LogicalPlan split(Aggregate aggregate) {
        List<NamedExpression> items = aggregate.aggregateExpressions();
        if (items.stream().noneMatch(ResolveLateralColumnAliases::readsLateral)) {
            return aggregate;
        }
        List<NamedExpression> below = new ArrayList<>();
        Set<ExprId> belowIds = new HashSet<>();
        for (NamedExpression item : items) {
            if (!readsLateral(item)) {
                below.add(item);
                belowIds.add(item.exprId());
            }
        }
        for (NamedExpression item : items) {
            for (AggregateExpression call : Expressions.collect(item, AggregateExpression.class)) {
                if (readsLateral(call)) {
                    throw new EmberException(
                            ErrorClass.UNSUPPORTED_FEATURE,
                            "A lateral column alias cannot be read inside an aggregate function, as in " + call.sql()
                                    + "; repeat the alias's expression there, or aggregate in a query around this one");
                }
            }
        }
        List<NamedExpression> above = new ArrayList<>();
        Map<ExprId, Expression> movedValues = new HashMap<>();
        int[] count = {0};
        for (NamedExpression item : items) {
            if (!readsLateral(item)) {
                above.add(item.toAttribute());
                continue;
            }
            Expression moved = Expressions.transformDown(item, node -> {
                if (node instanceof AggregateExpression call) {
                    Alias column = Alias.of(call, "_lateral_" + count[0]++);
                    below.add(column);
                    belowIds.add(column.exprId());
                    return column.toAttribute();
                }
                if (node instanceof LateralColumnReference reference) {
                    Attribute target = reference.target();
                    // A moved item is computed in the same projection: its value is used in its place.
                    return belowIds.contains(target.exprId()) ? target : movedValues.get(target.exprId());
                }
                if (node instanceof Attribute attribute && belowIds.add(attribute.exprId())) {
                    // A grouping column read above: the aggregation passes it up (and rejects it if it is not one).
                    below.add(attribute);
                }
                return node;
            });
            above.add((NamedExpression) moved);
            if (moved instanceof Alias alias) {
                movedValues.put(alias.exprId(), alias.child());
            }
        }
        return new Project(above, new Aggregate(aggregate.groupingExpressions(), below, aggregate.child()));
    }

    private static boolean readsLateral(Expression expression) {
        return Expressions.anyMatch(expression, LateralColumnReference.class::isInstance);
    }

    private static LogicalPlan rewrite(Project project) {
        List<NamedExpression> items = project.projectList();
        Map<String, Alias> earlier = new HashMap<>();
        Map<String, Alias> used = new LinkedHashMap<>();
        List<NamedExpression> rewritten = new ArrayList<>();
        for (NamedExpression item : items) {
            NamedExpression replaced = (NamedExpression) Expressions.transformUp(item, node -> {
                if (node instanceof UnresolvedAttribute attribute
                        && attribute.nameParts().size() == 1) {
                    Alias alias = earlier.get(
                            Identifiers.normalize(attribute.nameParts().get(0)));
                    if (alias != null) {
                        used.put(Identifiers.normalize(alias.name()), alias);
                        return alias.toAttribute();
                    }
                }
                return node;
            });
            rewritten.add(replaced);
            if (item instanceof Alias alias && alias.child().resolved()) {
                earlier.putIfAbsent(Identifiers.normalize(alias.name()), alias);
            }
        }
        if (used.isEmpty()) {
            return project;
        }
        List<NamedExpression> below = new ArrayList<>(project.child().output());
        below.addAll(used.values());
        List<NamedExpression> above = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NamedExpression item = items.get(i);
            boolean movedBelow = used.values().stream().anyMatch(alias -> alias == item);
            above.add(movedBelow ? item.toAttribute() : rewritten.get(i));
        }
        return new Project(above, new Project(below, project.child()));
    }
}
