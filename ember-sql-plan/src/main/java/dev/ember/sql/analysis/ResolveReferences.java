package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.GetField;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds the names of a node's expressions to the columns of its children's output, once the children are resolved,
 * and expands {@code *} and {@code t.*} in select lists (and in function arguments other than {@code count(*)}). A
 * name that finds nothing is left for later rules (an ORDER BY may name a column the projection dropped) and, if still
 * unresolved at the end, reported by {@link CheckAnalysis}.
 */
final class ResolveReferences implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node.children().isEmpty()
                    || !node.children().stream().allMatch(LogicalPlan::resolved)
                    || !DeduplicateRelations.duplicatesResolved(node)) {
                return node;
            }
            if (node.resolved()) {
                return node;
            }
            List<Attribute> input = node.inputSet();
            LogicalPlan expanded = expandStars(node, input);
            return Plans.transformExpressions(expanded, expression -> {
                if (expression instanceof UnresolvedAttribute attribute) {
                    return NameResolution.resolve(attribute.nameParts(), input)
                            .map(found -> (Expression) found)
                            .orElse(attribute);
                }
                return expression;
            });
        });
    }

    private static LogicalPlan expandStars(LogicalPlan node, List<Attribute> input) {
        if (node instanceof Project project && hasStar(project.projectList())) {
            return new Project(expand(project.projectList(), input), project.child());
        }
        if (node instanceof Aggregate aggregate && hasStar(aggregate.aggregateExpressions())) {
            return new Aggregate(
                    aggregate.groupingExpressions(),
                    expand(aggregate.aggregateExpressions(), input),
                    aggregate.child());
        }
        return Plans.transformExpressions(node, expression -> {
            if (expression instanceof UnresolvedFunction function
                    && function.arguments().stream().anyMatch(UnresolvedStar.class::isInstance)
                    && !isCountStar(function)) {
                List<Expression> arguments = new ArrayList<>();
                for (Expression argument : function.arguments()) {
                    if (argument instanceof UnresolvedStar star) {
                        arguments.addAll(starColumns(star, input));
                    } else {
                        arguments.add(argument);
                    }
                }
                return new UnresolvedFunction(function.name(), arguments, function.distinct(), function.filter());
            }
            return expression;
        });
    }

    static boolean isCountStar(UnresolvedFunction function) {
        return Identifiers.normalize(function.name()).equals("count")
                && function.arguments().size() == 1
                && function.arguments().get(0) instanceof UnresolvedStar star
                && star.qualifier().isEmpty();
    }

    private static boolean hasStar(List<NamedExpression> list) {
        return list.stream().anyMatch(UnresolvedStar.class::isInstance);
    }

    private static List<NamedExpression> expand(List<NamedExpression> list, List<Attribute> input) {
        List<NamedExpression> expanded = new ArrayList<>();
        for (NamedExpression expression : list) {
            if (expression instanceof UnresolvedStar star) {
                for (Expression column : starColumns(star, input)) {
                    expanded.add(
                            column instanceof NamedExpression named
                                    ? named
                                    : Alias.of(column, ((GetField) column).name()));
                }
            } else {
                expanded.add(expression);
            }
        }
        return expanded;
    }

    /** The columns of {@code *} (all), {@code t.*} (those of relation t) or {@code s.*} (the fields of struct s). */
    private static List<Expression> starColumns(UnresolvedStar star, List<Attribute> input) {
        if (star.qualifier().isEmpty()) {
            return new ArrayList<>(input);
        }
        List<Expression> columns = new ArrayList<>();
        for (Attribute attribute : input) {
            List<String> qualifier = attribute.qualifier();
            if (qualifier.size() >= star.qualifier().size()
                    && lowerCase(qualifier.subList(
                                    qualifier.size() - star.qualifier().size(), qualifier.size()))
                            .equals(lowerCase(star.qualifier()))) {
                columns.add(attribute);
            }
        }
        if (columns.isEmpty()) {
            // s.*: the fields of a struct column.
            Expression struct = NameResolution.resolve(star.qualifier(), input).orElse(null);
            if (struct != null && struct.dataType() instanceof StructType type) {
                for (int i = 0; i < type.size(); i++) {
                    columns.add(new GetField(struct, i, type.field(i).name()));
                }
            }
        }
        if (columns.isEmpty()) {
            throw new EmberException(
                    ErrorClass.UNRESOLVED_COLUMN,
                    "Cannot expand " + star.sql() + ": no relation or struct column is called "
                            + String.join(".", star.qualifier()) + "; the columns are "
                            + input.stream().map(NameResolution::qualifiedName).toList());
        }
        return columns;
    }

    private static List<String> lowerCase(List<String> parts) {
        return parts.stream().map(Identifiers::normalize).toList();
    }
}
