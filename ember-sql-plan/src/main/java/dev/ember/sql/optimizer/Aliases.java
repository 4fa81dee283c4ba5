package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Substitution of a projection's columns by the expressions that compute them, for rules that look through one. */
final class Aliases {
    private Aliases() {}

    /** Each column of {@code projectList} by id, mapped to what computes it. */
    static Map<ExprId, Expression> of(List<NamedExpression> projectList) {
        Map<ExprId, Expression> map = new HashMap<>();
        for (NamedExpression expression : projectList) {
            if (expression instanceof Alias alias) {
                map.put(alias.exprId(), alias.child());
            } else if (expression instanceof Attribute attribute) {
                map.put(attribute.exprId(), attribute);
            }
        }
        return map;
    }

    /** {@code expression} with each column of {@code aliases} replaced by its definition. */
    static Expression substitute(Expression expression, Map<ExprId, Expression> aliases) {
        return Expressions.transformUp(expression, node -> {
            if (node instanceof Attribute attribute) {
                Expression definition = aliases.get(attribute.exprId());
                if (definition != null) {
                    return definition;
                }
            }
            return node;
        });
    }
}
