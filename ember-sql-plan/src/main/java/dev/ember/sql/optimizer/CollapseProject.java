package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two projections in a row are one, the upper's expressions written over the lower's input. Not when that would
 * compute a non-deterministic expression more than once, or repeat an expensive one the upper uses several times
 * (anything but a plain column read more than once).
 *
 * <pre>
 *   Project [x * 2 AS y]            ==>   Project [(a + 1) * 2 AS y]
 *   +- Project [a + 1 AS x]
 * </pre>
 */
public final class CollapseProject implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Project upper) || !(upper.child() instanceof Project lower)) {
                return node;
            }
            Map<ExprId, Expression> definitions = Aliases.of(lower.projectList());
            if (!safe(upper, lower)) {
                return node;
            }
            List<NamedExpression> merged = new ArrayList<>();
            for (NamedExpression expression : upper.projectList()) {
                if (expression instanceof Attribute attribute) {
                    Expression definition = definitions.get(attribute.exprId());
                    merged.add(
                            definition == null
                                            || (definition instanceof Attribute same
                                                    && same.exprId().equals(attribute.exprId()))
                                    ? attribute
                                    : new Alias(
                                            definition, attribute.name(), attribute.exprId(), attribute.qualifier()));
                    continue;
                }
                Alias alias = (Alias) expression;
                merged.add(new Alias(
                        Aliases.substitute(alias.child(), definitions),
                        alias.name(),
                        alias.exprId(),
                        alias.qualifier()));
            }
            return new Project(merged, lower.child());
        });
    }

    private static boolean safe(Project upper, Project lower) {
        for (NamedExpression expression : lower.projectList()) {
            if (!expression.deterministic()) {
                return false;
            }
        }
        for (NamedExpression expression : lower.projectList()) {
            if (expression instanceof Alias alias && !(alias.child() instanceof Attribute)) {
                int uses = 0;
                for (NamedExpression item : upper.projectList()) {
                    for (Attribute reference : Expressions.collect(item, Attribute.class)) {
                        if (reference.exprId().equals(alias.exprId())) {
                            uses++;
                        }
                    }
                }
                if (uses > 1) {
                    return false;
                }
            }
        }
        return upper.projectList().stream().allMatch(e -> e instanceof Attribute || e instanceof Alias);
    }
}
