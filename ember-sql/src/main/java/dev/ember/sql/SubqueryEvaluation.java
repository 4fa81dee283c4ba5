package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.ScalarSubquery;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subqueries an optimized plan still holds are the uncorrelated ones the optimizer leaves as expressions: scalar
 * subqueries and {@code EXISTS} outside a WHERE conjunct. They are run here, on the driver, before the query is
 * planned, each once per query execution (equal subqueries share the result), and replaced by a literal of their
 * value: the scalar subquery's single value (null for no row; more than one row is an error, as in Spark), whether the
 * {@code EXISTS} query has a row. A subquery's own subqueries are run when it is.
 */
final class SubqueryEvaluation {
    private final EmberSession session;
    private final Map<SubqueryExpression, Literal> results = new HashMap<>();

    SubqueryEvaluation(EmberSession session) {
        this.session = requireNonNull(session, "session is null");
    }

    /** {@code plan} with each subquery expression replaced by its value. */
    LogicalPlan substitute(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof SourceRelation relation
                    && relation.pushedFilters().stream().anyMatch(SubqueryEvaluation::holdsSubquery)) {
                List<Expression> filters = new ArrayList<>();
                for (Expression filter : relation.pushedFilters()) {
                    filters.add(Expressions.transformUp(filter, this::evaluate));
                }
                return new SourceRelation(relation.source(), relation.output(), filters);
            }
            if (node.expressions().stream().noneMatch(SubqueryEvaluation::holdsSubquery)) {
                return node;
            }
            return Plans.transformExpressions(node, this::evaluate);
        });
    }

    private static boolean holdsSubquery(Expression expression) {
        return Expressions.anyMatch(expression, SubqueryExpression.class::isInstance);
    }

    private Expression evaluate(Expression expression) {
        if (!(expression instanceof ScalarSubquery) && !(expression instanceof Exists)) {
            return expression;
        }
        SubqueryExpression subquery = (SubqueryExpression) expression;
        Literal known = results.get(subquery);
        if (known != null) {
            return known;
        }
        Literal value = subquery instanceof ScalarSubquery scalar ? scalar(scalar) : exists((Exists) subquery);
        results.put(subquery, value);
        return value;
    }

    private Literal scalar(ScalarSubquery subquery) {
        // Two rows are enough to tell that there are too many.
        List<Object[]> rows = run(new Limit(2, subquery.plan()));
        if (rows.size() > 1) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "More than one row returned by a subquery used as an expression:\n"
                            + PlanText.tree(subquery.plan()));
        }
        return new Literal(rows.isEmpty() ? null : rows.get(0)[0], subquery.dataType());
    }

    private Literal exists(Exists subquery) {
        return new Literal(!run(new Limit(1, subquery.plan())).isEmpty(), DataTypes.BooleanType);
    }

    private List<Object[]> run(LogicalPlan analyzed) {
        return QueryExecution.ofAnalyzed(session, analyzed).collectInternal();
    }
}
