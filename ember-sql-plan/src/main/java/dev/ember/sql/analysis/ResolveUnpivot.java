package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Generate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Unpivot;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites an {@link Unpivot} once its columns are resolved into {@code stack} over the listed columns, the other
 * columns kept, and (unless nulls are included) a filter on the value:
 *
 * <pre>
 *   Unpivot v FOR n IN (a, b)            Project [k, n, v]
 *   +- R(k, a, b)                 ==>    +- Filter (v IS NOT NULL)
 *                                           +- Generate stack(2, 'a', a, 'b', b), [n, v]
 *                                              +- R
 * </pre>
 *
 * The values meet in their wider type, as {@code stack} makes them.
 */
final class ResolveUnpivot implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Unpivot unpivot)
                    || !unpivot.child().resolved()
                    || !unpivot.columns().stream().allMatch(Expression::resolved)) {
                return node;
            }
            return rewrite(unpivot);
        });
    }

    private static LogicalPlan rewrite(Unpivot unpivot) {
        List<Expression> arguments = new ArrayList<>();
        int width = unpivot.valueColumns().size();
        arguments.add(Literal.of(unpivot.labels().size()));
        List<Attribute> unpivoted = new ArrayList<>();
        for (int i = 0; i < unpivot.columns().size(); i++) {
            Expression column = unpivot.columns().get(i);
            if (!(column instanceof Attribute attribute)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL, "UNPIVOT lists columns, and " + column.sql() + " is not one");
            }
            unpivoted.add(attribute);
            if (i % width == 0) {
                arguments.add(Literal.of(unpivot.labels().get(i / width)));
            }
            arguments.add(attribute);
        }
        List<String> generated = new ArrayList<>();
        generated.add(unpivot.nameColumn());
        generated.addAll(unpivot.valueColumns());
        Generate generate = new Generate(
                new UnresolvedFunction("stack", arguments, false, null), false, null, generated, unpivot.child());
        List<NamedExpression> kept = new ArrayList<>();
        for (Attribute attribute : unpivot.child().output()) {
            if (!unpivoted.contains(attribute)) {
                kept.add(attribute);
            }
        }
        kept.add(UnresolvedAttribute.of(unpivot.nameColumn()));
        List<Expression> values = new ArrayList<>();
        for (String value : unpivot.valueColumns()) {
            kept.add(UnresolvedAttribute.of(value));
            values.add(UnresolvedAttribute.of(value));
        }
        // A row is left out when all its values are null (the values need not share a type).
        List<Expression> present = new ArrayList<>();
        for (Expression value : values) {
            present.add(new IsNotNull(value));
        }
        Expression anyValue = present.get(0);
        for (int i = 1; i < present.size(); i++) {
            anyValue = new Or(anyValue, present.get(i));
        }
        LogicalPlan rows = unpivot.includeNulls() ? generate : new Filter(anyValue, generate);
        return new Project(kept, rows);
    }
}
