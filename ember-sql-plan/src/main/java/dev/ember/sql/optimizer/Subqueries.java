package dev.ember.sql.optimizer;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.OuterReference;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.plans.logical.Distinct;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.SubqueryAlias;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the subquery rewrites share: telling whether a subquery is correlated, and pulling its correlated predicates
 * (the conjuncts of its filters that read {@link OuterReference}s) up and out of it, so that they can become the
 * condition of a join between the enclosing query and the subquery.
 *
 * <pre>
 *   Project [u.x]                                   Project [u.x, u.k]
 *   +- Filter (u.k = outer(t.k) AND u.y > 1)  ==>   +- Filter (u.y > 1)          predicates: [u.k = t.k]
 *      +- Relation u                                   +- Relation u
 * </pre>
 *
 * A predicate is pulled through projections (which then keep the columns it reads), aliases, sorts, DISTINCT (for
 * semi and anti joins, where duplicates do not matter) and the sides of joins that do not pad with nulls. An outer
 * reference anywhere else (a select list, a join condition, below an aggregation or a limit) cannot be pulled and fails
 * as unsupported.
 */
final class Subqueries {
    private Subqueries() {}

    /** A subquery plan without its correlated predicates, and those predicates with outer references unwrapped. */
    record Pulled(LogicalPlan plan, List<Expression> predicates) {}

    /** Whether the subquery reads a column that it does not define: a column of an enclosing query. */
    static boolean correlated(LogicalPlan plan) {
        return !outerIds(plan).isEmpty();
    }

    /** The ids of the enclosing queries' columns that the plan (or a subquery nested in it) reads. */
    static Set<ExprId> outerIds(LogicalPlan plan) {
        Set<ExprId> outer = new HashSet<>();
        collectOuter(plan, outer);
        outer.removeAll(definedIds(plan));
        return outer;
    }

    /** Whether the expression holds a subquery correlated to a level outside {@code scope} (the ids visible there). */
    static boolean correlatedBeyond(Expression expression, Set<ExprId> scope) {
        for (SubqueryExpression subquery : Expressions.collect(expression, SubqueryExpression.class)) {
            for (ExprId id : outerIds(subquery.plan())) {
                if (!scope.contains(id)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void collectOuter(LogicalPlan plan, Set<ExprId> outer) {
        for (Expression expression : plan.expressions()) {
            collectOuter(expression, outer);
        }
        for (LogicalPlan child : plan.children()) {
            collectOuter(child, outer);
        }
    }

    private static void collectOuter(Expression expression, Set<ExprId> outer) {
        for (OuterReference reference : Expressions.collect(expression, OuterReference.class)) {
            outer.add(reference.attribute().exprId());
        }
        for (SubqueryExpression subquery : Expressions.collect(expression, SubqueryExpression.class)) {
            collectOuter(subquery.plan(), outer);
        }
    }

    /** Every column id the plan or a subquery in it produces. */
    static Set<ExprId> definedIds(LogicalPlan plan) {
        Set<ExprId> ids = new HashSet<>();
        collectDefined(plan, ids);
        return ids;
    }

    private static void collectDefined(LogicalPlan plan, Set<ExprId> ids) {
        for (Attribute attribute : plan.output()) {
            ids.add(attribute.exprId());
        }
        for (Expression expression : plan.expressions()) {
            for (Alias alias : Expressions.collect(expression, Alias.class)) {
                ids.add(alias.exprId());
            }
            for (SubqueryExpression subquery : Expressions.collect(expression, SubqueryExpression.class)) {
                collectDefined(subquery.plan(), ids);
            }
        }
        for (LogicalPlan child : plan.children()) {
            collectDefined(child, ids);
        }
    }

    /** Whether the expression reads an outer column directly (not inside a nested subquery). */
    static boolean hasOuterReference(Expression expression) {
        return Expressions.anyMatch(expression, OuterReference.class::isInstance);
    }

    /** {@code expression} with each outer reference replaced by the enclosing query's column. */
    static Expression unwrap(Expression expression) {
        return Expressions.transformUp(expression, e -> e instanceof OuterReference outer ? outer.attribute() : e);
    }

    /**
     * The correlated predicates of {@code plan} pulled out of it; {@code construct} names the subquery kind for
     * errors. Predicates come back unwrapped: they read the subquery's columns and the enclosing query's.
     */
    static Pulled pull(LogicalPlan plan, String construct) {
        Set<ExprId> scope = definedIds(plan);
        Pulled pulled = pullFrom(plan, construct, scope);
        List<Expression> unwrapped = new ArrayList<>();
        for (Expression predicate : pulled.predicates()) {
            unwrapped.add(unwrap(predicate));
        }
        return new Pulled(pulled.plan(), unwrapped);
    }

    private static Pulled pullFrom(LogicalPlan node, String construct, Set<ExprId> scope) {
        if (node instanceof Filter filter) {
            Pulled below = pullFrom(filter.child(), construct, scope);
            List<Expression> local = new ArrayList<>();
            List<Expression> correlated = new ArrayList<>(below.predicates());
            for (Expression conjunct : Expressions.splitConjuncts(filter.condition())) {
                if (correlatedBeyond(conjunct, scope)) {
                    throw unsupported(construct, "a subquery nested in it reads a column two or more levels out");
                }
                if (hasOuterReference(conjunct)) {
                    if (!Expressions.collect(conjunct, SubqueryExpression.class).isEmpty()) {
                        throw unsupported(construct, "a correlated predicate holds another subquery");
                    }
                    correlated.add(conjunct);
                } else {
                    local.add(conjunct);
                }
            }
            LogicalPlan child = local.isEmpty() ? below.plan() : new Filter(Expressions.and(local), below.plan());
            return new Pulled(child, correlated);
        }
        forbidOuterReferences(node, construct, scope);
        if (node instanceof Project project) {
            Pulled below = pullFrom(project.child(), construct, scope);
            if (below.predicates().isEmpty()) {
                return new Pulled(project.withChildren(List.of(below.plan())), List.of());
            }
            List<NamedExpression> list = new ArrayList<>(project.projectList());
            Set<ExprId> present = new HashSet<>();
            for (Attribute attribute : project.output()) {
                present.add(attribute.exprId());
            }
            for (Attribute needed : Expressions.references(below.predicates())) {
                if (present.add(needed.exprId())) {
                    list.add(needed);
                }
            }
            return new Pulled(new Project(list, below.plan()), below.predicates());
        }
        if (node instanceof SubqueryAlias || node instanceof Sort || node instanceof Distinct) {
            Pulled below = pullFrom(node.children().get(0), construct, scope);
            return new Pulled(node.withChildren(List.of(below.plan())), below.predicates());
        }
        if (node instanceof Join join) {
            JoinType type = join.joinType();
            boolean both = type == JoinType.INNER || type == JoinType.CROSS;
            boolean leftOnly = type == JoinType.LEFT_OUTER || type == JoinType.LEFT_SEMI || type == JoinType.LEFT_ANTI;
            if (both || leftOnly) {
                Pulled left = pullFrom(join.left(), construct, scope);
                Pulled right = both ? pullFrom(join.right(), construct, scope) : new Pulled(join.right(), List.of());
                if (!both) {
                    forbidInSubtree(join.right(), construct, scope);
                }
                List<Expression> predicates = new ArrayList<>(left.predicates());
                predicates.addAll(right.predicates());
                return new Pulled(join.withChildren(List.of(left.plan(), right.plan())), predicates);
            }
        }
        forbidInSubtree(node, construct, scope);
        return new Pulled(node, List.of());
    }

    static void forbidOuterReferences(LogicalPlan node, String construct, Set<ExprId> scope) {
        for (Expression expression : node.expressions()) {
            if (hasOuterReference(expression) || correlatedBeyond(expression, scope)) {
                throw unsupported(
                        construct,
                        "it reads an outer column in " + expression.sql() + " of a "
                                + node.getClass().getSimpleName()
                                + " it cannot be pulled out of (below an aggregation, a limit, a window or an outer"
                                + " join, or in a select list)");
            }
        }
    }

    private static void forbidInSubtree(LogicalPlan plan, String construct, Set<ExprId> scope) {
        forbidOuterReferences(plan, construct, scope);
        for (LogicalPlan child : plan.children()) {
            forbidInSubtree(child, construct, scope);
        }
    }

    /**
     * Fails unless every column the predicates read comes from {@code left} (the enclosing query's input) or from the
     * subquery: a subquery nested deeper may read a level further out, which a join with {@code left} cannot serve.
     */
    static void requireWithin(List<Expression> predicates, LogicalPlan left, LogicalPlan subquery, String construct) {
        Set<ExprId> available = definedIds(subquery);
        for (Attribute attribute : left.output()) {
            available.add(attribute.exprId());
        }
        for (Attribute attribute : Expressions.references(predicates)) {
            if (!available.contains(attribute.exprId())) {
                throw unsupported(construct, "it reads " + attribute.sql() + ", a column two or more levels out");
            }
        }
    }

    static EmberException unsupported(String construct, String why) {
        return new EmberException(
                ErrorClass.UNSUPPORTED_FEATURE, "This correlated " + construct + " is not supported: " + why);
    }

    /** Whether {@code expression} reads columns and all of them are among {@code ids}. */
    static boolean within(Expression expression, Set<ExprId> ids) {
        Set<Attribute> references = Expressions.references(expression);
        if (references.isEmpty()) {
            return false;
        }
        for (Attribute attribute : references) {
            if (!ids.contains(attribute.exprId())) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code expression} reads columns and none of them is among {@code ids}. */
    static boolean outside(Expression expression, Set<ExprId> ids) {
        Set<Attribute> references = Expressions.references(expression);
        if (references.isEmpty()) {
            return false;
        }
        for (Attribute attribute : references) {
            if (ids.contains(attribute.exprId())) {
                return false;
            }
        }
        return true;
    }
}
