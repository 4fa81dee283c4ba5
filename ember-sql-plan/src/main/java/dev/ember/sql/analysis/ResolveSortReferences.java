package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.types.IntegerType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ORDER BY 2} sorts by the second column of the select list; {@code ORDER BY b} where the projection below
 * dropped {@code b} sorts by the input's {@code b}: the projection keeps it for the sort and a projection above drops
 * it again.
 *
 * <pre>
 *   Sort [b]                      Project [a]
 *   +- Project [a]         ==>    +- Sort [b]
 *      +- R [a, b]                   +- Project [a, b]
 *                                       +- R [a, b]
 * </pre>
 */
final class ResolveSortReferences implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Sort sort) || !sort.child().resolved()) {
                return node;
            }
            Sort withOrdinals = replaceOrdinals(sort);
            if (!(withOrdinals.child() instanceof Project project)
                    || withOrdinals.order().stream()
                            .noneMatch(key -> Expressions.anyMatch(key, UnresolvedAttribute.class::isInstance))) {
                return withOrdinals;
            }
            List<Attribute> below = project.child().output();
            List<NamedExpression> extended = new ArrayList<>(project.projectList());
            List<SortOrder> order = new ArrayList<>();
            for (SortOrder key : withOrdinals.order()) {
                order.add((SortOrder) Expressions.transformUp(key, expression -> {
                    if (expression instanceof UnresolvedAttribute attribute) {
                        return NameResolution.resolve(attribute.nameParts(), below)
                                .map(found -> {
                                    if (found instanceof Attribute column) {
                                        if (!extended.contains(column)) {
                                            extended.add(column);
                                        }
                                        return (Expression) column;
                                    }
                                    Alias added = Alias.of(found, Expressions.autoName(found));
                                    extended.add(added);
                                    return added.toAttribute();
                                })
                                .orElse(attribute);
                    }
                    return expression;
                }));
            }
            if (extended.size() == project.projectList().size()) {
                return new Sort(order, sort.global(), project);
            }
            return new Project(
                    new ArrayList<NamedExpression>(project.output()),
                    new Sort(order, sort.global(), new Project(extended, project.child())));
        });
    }

    private static Sort replaceOrdinals(Sort sort) {
        List<Attribute> output = sort.child().output();
        List<SortOrder> order = new ArrayList<>();
        boolean changed = false;
        for (SortOrder key : sort.order()) {
            if (key.child() instanceof Literal literal && literal.dataType() instanceof IntegerType) {
                int ordinal = (Integer) literal.value();
                if (ordinal < 1 || ordinal > output.size()) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "ORDER BY position " + ordinal + " is not in the select list, which has " + output.size()
                                    + " items");
                }
                order.add(new SortOrder(output.get(ordinal - 1), key.ascending(), key.nullsFirst()));
                changed = true;
            } else {
                order.add(key);
            }
        }
        return changed ? new Sort(order, sort.global(), sort.child()) : sort;
    }
}
