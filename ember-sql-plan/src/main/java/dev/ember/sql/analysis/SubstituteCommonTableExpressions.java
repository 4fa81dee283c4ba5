package dev.ember.sql.analysis;

import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.plans.logical.UnresolvedRelation;
import dev.ember.sql.plans.logical.With;
import dev.ember.sql.types.Identifiers;
import java.util.HashMap;
import java.util.Map;

/**
 * Replaces the names of a {@code WITH} clause's subqueries by the subqueries themselves, each under an alias of its
 * name, and drops the {@code With}. A definition sees the ones before it; an inner {@code WITH} hides outer names.
 *
 * <pre>
 *   With [x = Q]                    Project ...
 *   +- Project ...          ==>     +- SubqueryAlias x
 *      +- UnresolvedRelation x         +- Q
 * </pre>
 */
final class SubstituteCommonTableExpressions implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return substitute(plan, Map.of());
    }

    private static LogicalPlan substitute(LogicalPlan plan, Map<String, LogicalPlan> scope) {
        if (plan instanceof With with) {
            Map<String, LogicalPlan> inner = new HashMap<>(scope);
            for (With.Definition definition : with.definitions()) {
                LogicalPlan query = substitute(definition.query(), inner);
                if (!definition.columnNames().isEmpty()) {
                    query = renameColumns(definition, query);
                }
                inner.put(Identifiers.normalize(definition.name()), new SubqueryAlias(definition.name(), query));
            }
            return substitute(with.child(), inner);
        }
        if (plan instanceof UnresolvedRelation relation && relation.nameParts().size() == 1) {
            LogicalPlan found =
                    scope.get(Identifiers.normalize(relation.nameParts().get(0)));
            if (found != null) {
                return found;
            }
        }
        if (scope.isEmpty() && !Plans.anyMatch(plan, node -> node instanceof With)) {
            return plan;
        }
        LogicalPlan mapped = Plans.mapChildren(plan, child -> substitute(child, scope));
        // Subqueries see the names too: WITH c AS (...) SELECT ... WHERE x IN (SELECT y FROM c).
        return Plans.transformExpressions(mapped, expression -> {
            if (expression instanceof SubqueryExpression subquery && !scope.isEmpty()) {
                LogicalPlan inner = substitute(subquery.plan(), scope);
                return inner == subquery.plan() ? subquery : subquery.withPlan(inner);
            }
            return expression;
        });
    }

    /**
     * {@code WITH x (a, b) AS (q)}: the query's columns renamed. The query is not resolved yet, so the names are given
     * by position through a marker projection that {@link ResolveReferences} completes.
     */
    private static LogicalPlan renameColumns(With.Definition definition, LogicalPlan query) {
        return new ColumnAliases(definition.name(), definition.columnNames(), query);
    }
}
