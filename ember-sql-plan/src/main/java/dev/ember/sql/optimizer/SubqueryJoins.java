package dev.ember.sql.optimizer;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Coalesce;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.aggregate.Count;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.FreshIds;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The joins that turn an {@code IN} or {@code EXISTS} subquery into columns of the outer query, for predicates a semi
 * or anti join cannot express (inside an {@code OR}, under a {@code NOT}, in a select list).
 *
 * <ul>
 *   <li>{@link #matched}: the subquery made distinct on its join keys (its column for {@code IN}, its side of the
 *       correlation equalities) with a {@code true} marker, left outer joined: the marker is non-null exactly for the
 *       rows with a match. Each outer row meets at most one row, so none is repeated.
 *   <li>{@link #inValue}: the three values of {@code x IN (subquery)}: true with a match; otherwise null when the
 *       subquery (for this row's correlation) has rows and {@code x} is null or one of them is; false otherwise. A
 *       second join brings, per correlation key, the subquery's row count and non-null count.
 * </ul>
 *
 * A correlation of equalities, each comparing a subquery column with an outer one, gives the join keys; any other
 * correlation is taken through the {@link CorrelationDomain} of the outer values it reads.
 */
final class SubqueryJoins {
    private SubqueryJoins() {}

    /** The outer plan joined with the subquery's matches, and the marker column that is non-null on a match. */
    record Joined(LogicalPlan plan, Attribute marker) {}

    /**
     * The subquery's correlation split into keys: inner (over the subquery's columns) and outer, pairwise equal; null
     * keys never match unless {@code nullSafe}, where the keys are the outer values of a {@link CorrelationDomain}.
     */
    private record Keys(LogicalPlan inner, List<Expression> innerKeys, List<Expression> outerKeys, boolean nullSafe) {
        /** The join condition matching the inner keys (made nullable by the outer join) with the outer ones. */
        void condition(List<? extends NamedExpression> inner, List<Expression> condition) {
            if (nullSafe) {
                List<Expression> columns = new ArrayList<>();
                for (NamedExpression named : inner) {
                    columns.add(nullable(named));
                }
                condition.add(new Comparison(
                        Comparison.Op.EQUAL,
                        CorrelationDomain.nullSafeKey(outerKeys),
                        CorrelationDomain.nullSafeKey(columns)));
                return;
            }
            for (int i = 0; i < inner.size(); i++) {
                condition.add(new Comparison(Comparison.Op.EQUAL, outerKeys.get(i), nullable(inner.get(i))));
            }
        }
    }

    private static Keys correlation(LogicalPlan left, SubqueryExpression subquery, String construct) {
        Subqueries.Pulled pulled = Subqueries.pull(subquery.plan(), construct);
        Subqueries.requireWithin(pulled.predicates(), left, subquery.plan(), construct);
        Set<ExprId> inner = Subqueries.definedIds(pulled.plan());
        List<Expression> innerKeys = new ArrayList<>();
        List<Expression> outerKeys = new ArrayList<>();
        for (Expression predicate : pulled.predicates()) {
            if (predicate instanceof Comparison comparison && comparison.op() == Comparison.Op.EQUAL) {
                if (Subqueries.within(comparison.left(), inner) && Subqueries.outside(comparison.right(), inner)) {
                    innerKeys.add(comparison.left());
                    outerKeys.add(comparison.right());
                    continue;
                }
                if (Subqueries.within(comparison.right(), inner) && Subqueries.outside(comparison.left(), inner)) {
                    innerKeys.add(comparison.right());
                    outerKeys.add(comparison.left());
                    continue;
                }
            }
            // Another predicate (u.k < t.x): the subquery is taken per distinct outer value instead.
            CorrelationDomain domain = CorrelationDomain.of(left, pulled.predicates(), inner, construct);
            return new Keys(
                    domain.joined(pulled.plan()),
                    new ArrayList<>(domain.columns()),
                    new ArrayList<>(domain.outer()),
                    true);
        }
        return new Keys(pulled.plan(), innerKeys, outerKeys, false);
    }

    static Joined matched(LogicalPlan left, SubqueryExpression subquery, String construct) {
        return matched(left, subquery, correlation(left, subquery, construct));
    }

    private static Joined matched(LogicalPlan left, SubqueryExpression subquery, Keys correlation) {
        List<Expression> innerKeys = new ArrayList<>();
        List<NamedExpression> list = new ArrayList<>();
        List<Expression> condition = new ArrayList<>();
        if (subquery instanceof InSubquery in) {
            List<Attribute> columns = subquery.plan().output();
            for (int i = 0; i < columns.size(); i++) {
                innerKeys.add(columns.get(i));
                list.add(columns.get(i));
                condition.add(new Comparison(Comparison.Op.EQUAL, in.values().get(i), nullable(columns.get(i))));
            }
        }
        List<NamedExpression> correlationColumns = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            Expression key = correlation.innerKeys().get(i);
            innerKeys.add(key);
            correlationColumns.add(named(key, "key_" + i));
        }
        list.addAll(correlationColumns);
        correlation.condition(correlationColumns, condition);
        Alias marker = Alias.of(Literal.TRUE, "subquery_matched");
        if (innerKeys.isEmpty()) {
            // EXISTS without correlation: one row when the subquery has any.
            LogicalPlan one = new Project(List.of(marker), new Limit(1, correlation.inner()));
            return new Joined(new Join(left, one, JoinType.LEFT_OUTER, null), nullable(marker));
        }
        list.add(marker);
        LogicalPlan distinct = new Aggregate(innerKeys, list, correlation.inner());
        return new Joined(new Join(left, distinct, JoinType.LEFT_OUTER, Expressions.and(condition)), nullable(marker));
    }

    /** The outer plan with what {@code x IN (subquery)} needs joined, and the expression that computes it. */
    record InValue(LogicalPlan plan, Expression value) {}

    static InValue inValue(LogicalPlan left, InSubquery in, String construct) {
        if (in.values().size() != 1) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "An IN subquery with several columns is supported as a condition of WHERE or HAVING (alone, with"
                            + " AND, or inside an OR), not inside another expression: " + in.sql());
        }
        Keys correlation = correlation(left, in, construct);
        Joined matched = matched(left, in, correlation);
        // The counts read the subquery a second time: a copy with columns of their own, so that the two joins do not
        // bring the same column ids into the plan.
        FreshIds.Copy copy = FreshIds.copy(correlation.inner());
        Expression column = copy.follow(in.plan().output().get(0));
        Alias rows = Alias.of(AggregateExpression.of(new Count(List.of())), "subquery_rows");
        Alias values = Alias.of(AggregateExpression.of(new Count(List.of(column))), "subquery_values");
        List<NamedExpression> list = new ArrayList<>();
        List<Expression> condition = new ArrayList<>();
        List<Expression> groups = new ArrayList<>();
        List<NamedExpression> keys = new ArrayList<>();
        for (int i = 0; i < correlation.innerKeys().size(); i++) {
            Expression key = copy.follow(correlation.innerKeys().get(i));
            groups.add(key);
            keys.add(named(key, "key_" + i));
        }
        list.addAll(keys);
        correlation.condition(keys, condition);
        list.add(rows);
        list.add(values);
        LogicalPlan counts = new Aggregate(groups, list, copy.plan());
        LogicalPlan plan = new Join(
                matched.plan(), counts, JoinType.LEFT_OUTER, condition.isEmpty() ? null : Expressions.and(condition));
        Expression rowCount = new Coalesce(List.of(nullable(rows), Literal.of(0L)));
        Expression someNull = new Or(
                new IsNull(in.values().get(0)), new Comparison(Comparison.Op.GREATER_THAN, rowCount, nullable(values)));
        Expression value = new CaseWhen(
                List.of(
                        new IsNotNull(matched.marker()),
                        new Comparison(Comparison.Op.EQUAL, rowCount, Literal.of(0L)),
                        someNull),
                List.of(Literal.TRUE, Literal.FALSE, Literal.nullOf(DataTypes.BooleanType)),
                Literal.FALSE);
        return new InValue(plan, value);
    }

    private static NamedExpression named(Expression key, String name) {
        return key instanceof Attribute attribute ? attribute : Alias.of(key, name);
    }

    private static Attribute nullable(NamedExpression named) {
        return named.toAttribute().withNullability(true);
    }
}
