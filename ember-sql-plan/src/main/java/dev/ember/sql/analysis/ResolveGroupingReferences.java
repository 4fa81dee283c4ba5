package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.IntegerType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code GROUP BY 2} (the second item of the select list) and {@code GROUP BY alias} (a name the select list gives,
 * when no input column has it): both become the select item's expression. Runs when the child is resolved.
 */
final class ResolveGroupingReferences implements dev.ember.sql.rules.Rule {
    private final dev.ember.sql.catalog.FunctionRegistry functions;

    ResolveGroupingReferences(dev.ember.sql.catalog.FunctionRegistry functions) {
        this.functions = functions;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Aggregate aggregate) || !aggregate.child().resolved()) {
                return node;
            }
            List<Expression> grouping = new ArrayList<>();
            boolean changed = false;
            for (Expression expression : aggregate.groupingExpressions()) {
                Expression replaced = replace(expression, aggregate);
                changed |= replaced != expression;
                grouping.add(replaced);
            }
            return changed ? new Aggregate(grouping, aggregate.aggregateExpressions(), aggregate.child()) : node;
        });
    }

    private Expression replace(Expression expression, Aggregate aggregate) {
        List<NamedExpression> select = aggregate.aggregateExpressions();
        if (expression instanceof Literal literal && literal.dataType() instanceof IntegerType) {
            int ordinal = (Integer) literal.value();
            if (ordinal < 1 || ordinal > select.size()) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "GROUP BY position " + ordinal + " is not in the select list, which has " + select.size()
                                + " items");
            }
            Expression item = unwrap(select.get(ordinal - 1));
            if (Expressions.anyMatch(item, AggregateExpression.class::isInstance)
                    || Expressions.anyMatch(
                            item,
                            node -> node instanceof dev.ember.sql.expressions.UnresolvedFunction
                                    && isAggregateName(((dev.ember.sql.expressions.UnresolvedFunction) node).name()))) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "GROUP BY position " + ordinal + " refers to " + item.sql()
                                + ", which is an aggregate; GROUP BY takes grouping expressions only");
            }
            return item;
        }
        if (expression instanceof UnresolvedAttribute attribute
                && attribute.nameParts().size() == 1) {
            if (NameResolution.resolve(attribute.nameParts(), aggregate.child().output())
                    .isPresent()) {
                return expression;
            }
            Optional<Expression> aliased = select.stream()
                    .filter(item -> item instanceof Alias alias
                            && Identifiers.normalize(alias.name())
                                    .equals(Identifiers.normalize(
                                            attribute.nameParts().get(0))))
                    .map(item -> ((Alias) item).child())
                    .findFirst();
            return aliased.orElse(expression);
        }
        return expression;
    }

    /** Whether the registry knows {@code name} as an aggregate function (the call itself is not resolved yet). */
    private boolean isAggregateName(String name) {
        return functions
                .lookup(name)
                .map(info -> info.kind() == dev.ember.sql.catalog.FunctionInfo.Kind.AGGREGATE)
                .orElse(false);
    }

    private static Expression unwrap(NamedExpression item) {
        if (item instanceof Alias alias) {
            return alias.child();
        }
        if (item instanceof UnresolvedAlias unnamed) {
            return unnamed.child();
        }
        return item;
    }
}
