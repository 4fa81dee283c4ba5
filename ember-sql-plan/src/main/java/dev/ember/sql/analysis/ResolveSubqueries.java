package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.OuterReference;
import dev.ember.sql.expressions.ScalarSubquery;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Range;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the queries inside {@link ScalarSubquery}, {@link Exists} and {@link InSubquery} once the node holding the
 * expression has resolved children. The subquery is analyzed on its own, by an analyzer that knows the enclosing
 * scopes: a name that its own input does not have is looked up in the input of the node holding the expression, then
 * in the enclosing levels outwards, and becomes an {@link OuterReference} (the subquery is then correlated).
 *
 * <pre>
 *   Filter exists[Filter ('u.k = 't.k)]          Filter exists[Filter (k#7 = outer(k#1))]
 *   +- Relation t [k#1, x#2]             ==>     +- Relation t [k#1, x#2]
 * </pre>
 *
 * <p>A resolved subquery gets new ids for every column it defines, so that a table read both inside and outside (TPC-H
 * Q21's {@code lineitem l1} and {@code l2}) has distinct columns when the optimizer joins the two. Then the shapes are
 * checked (a scalar subquery gives one column; {@code IN} compares as many values as the subquery has columns) and the
 * values of {@code IN} and the subquery's columns are brought to their wider types.
 */
final class ResolveSubqueries implements dev.ember.sql.rules.Rule {
    private static final int MAX_PASSES = 20;

    private final AnalysisContext context;
    private final List<List<Attribute>> outerScopes;

    /** @param outerScopes the inputs of the enclosing levels, outermost first */
    ResolveSubqueries(AnalysisContext context, List<List<Attribute>> outerScopes) {
        this.context = requireNonNull(context, "context is null");
        this.outerScopes = List.copyOf(outerScopes);
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!node.children().stream().allMatch(LogicalPlan::resolved)) {
                return node;
            }
            if (node.expressions().stream()
                    .noneMatch(e -> Expressions.anyMatch(e, SubqueryExpression.class::isInstance))) {
                return node;
            }
            List<Attribute> input = node.children().isEmpty() ? List.of() : node.inputSet();
            return Plans.transformExpressions(node, expression -> {
                if (expression instanceof SubqueryExpression subquery) {
                    return resolve(subquery, input);
                }
                return expression;
            });
        });
    }

    private Expression resolve(SubqueryExpression subquery, List<Attribute> input) {
        SubqueryExpression result = subquery;
        if (!subquery.plan().resolved()) {
            List<List<Attribute>> scopes = new ArrayList<>(outerScopes);
            scopes.add(input);
            LogicalPlan resolved = resolvePlan(subquery.plan(), scopes);
            if (!resolved.resolved()) {
                // CheckAnalysis reports what is left, inside the subquery.
                return resolved.equals(subquery.plan()) ? subquery : subquery.withPlan(resolved);
            }
            result = subquery.withPlan(reinstance(resolved));
            if (result instanceof ScalarSubquery scalar
                    && scalar.plan().output().size() != 1) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "A scalar subquery must return exactly one column, but this one returns "
                                + scalar.plan().output().size() + ": "
                                + scalar.plan().output().stream()
                                        .map(Attribute::name)
                                        .toList());
            }
        }
        if (result instanceof InSubquery in && in.values().stream().allMatch(Expression::resolved)) {
            return coerce(in);
        }
        return result;
    }

    /**
     * The subquery analyzed with the enclosing scopes: the analyzer runs, the names it could not bind are bound to the
     * enclosing levels, and it runs again, until nothing more binds.
     */
    private LogicalPlan resolvePlan(LogicalPlan plan, List<List<Attribute>> scopes) {
        Analyzer analyzer = new Analyzer(context, scopes);
        LogicalPlan current = plan;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            LogicalPlan analyzed = analyzer.execute(current);
            if (analyzed.resolved()) {
                return analyzed;
            }
            LogicalPlan bound = bindOuterReferences(analyzed, scopes);
            if (bound.equals(analyzed)) {
                return analyzed;
            }
            current = bound;
        }
        return current;
    }

    /** Names that the node's own input lacks, bound to the nearest enclosing scope that has them. */
    private static LogicalPlan bindOuterReferences(LogicalPlan plan, List<List<Attribute>> scopes) {
        return Plans.transformUp(plan, node -> {
            if (!node.children().stream().allMatch(LogicalPlan::resolved)) {
                return node;
            }
            List<Attribute> input = node.children().isEmpty() ? List.of() : node.inputSet();
            return Plans.transformExpressions(node, expression -> {
                if (!(expression instanceof UnresolvedAttribute attribute)
                        || NameResolution.resolve(attribute.nameParts(), input).isPresent()) {
                    return expression;
                }
                for (int level = scopes.size() - 1; level >= 0; level--) {
                    Optional<Expression> found = NameResolution.resolve(attribute.nameParts(), scopes.get(level));
                    if (found.isPresent()) {
                        return Expressions.transformUp(
                                found.get(), e -> e instanceof Attribute a ? new OuterReference(a) : e);
                    }
                }
                return expression;
            });
        });
    }

    /** {@code (a, b) IN (SELECT x, y ...)}: the same number on both sides, each pair in its wider type. */
    private InSubquery coerce(InSubquery in) {
        List<Attribute> columns = in.plan().output();
        if (columns.size() != in.values().size()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "The IN subquery compares " + in.values().size() + " value(s) with a subquery that returns "
                            + columns.size() + " column(s): " + in.sql());
        }
        List<Expression> values = new ArrayList<>();
        List<NamedExpression> projected = new ArrayList<>();
        boolean changed = false;
        for (int i = 0; i < columns.size(); i++) {
            Expression value = in.values().get(i);
            Attribute column = columns.get(i);
            if (value.dataType().equals(column.dataType())) {
                values.add(value);
                projected.add(column);
                continue;
            }
            DataType wider = ImplicitCasts.widerType(value.dataType(), column.dataType())
                    .orElseThrow(() -> new EmberException(
                            ErrorClass.DATATYPE_MISMATCH,
                            "Cannot compare " + value.sql() + " ("
                                    + value.dataType().sql() + ") with the subquery"
                                    + " column " + column.name() + " ("
                                    + column.dataType().sql() + ") in "
                                    + in.sql()));
            values.add(ImplicitCasts.castIfNeeded(value, wider, context.timeZone()));
            Expression cast = ImplicitCasts.castIfNeeded(column, wider, context.timeZone());
            projected.add(cast == column ? column : Alias.of(cast, column.name()));
            changed |= cast != column || values.get(i) != value;
        }
        if (!changed) {
            return in;
        }
        boolean castColumns = !projected.equals(new ArrayList<NamedExpression>(columns));
        return new InSubquery(values, castColumns ? new Project(projected, in.plan()) : in.plan());
    }

    /**
     * {@code plan} with a new id for every column it defines (relations' columns, aliases); references follow, including
     * the outer references of subqueries nested in it.
     */
    static LogicalPlan reinstance(LogicalPlan plan) {
        Map<ExprId, ExprId> renamed = new HashMap<>();
        collectDefined(plan, renamed);
        return rename(plan, renamed, false);
    }

    private static void collectDefined(LogicalPlan plan, Map<ExprId, ExprId> renamed) {
        if (plan instanceof LocalRelation
                || plan instanceof Range
                || plan instanceof SourceRelation
                || plan instanceof dev.ember.sql.plans.logical.GroupedMapRows
                || (plan instanceof dev.ember.sql.plans.logical.MapRows map && !map.passThrough())) {
            for (Attribute attribute : plan.output()) {
                renamed.put(attribute.exprId(), ExprId.next());
            }
        }
        for (Expression expression : plan.expressions()) {
            for (Alias alias : Expressions.collect(expression, Alias.class)) {
                renamed.put(alias.exprId(), ExprId.next());
            }
        }
        for (LogicalPlan child : plan.children()) {
            collectDefined(child, renamed);
        }
    }

    /**
     * {@code plan} with the columns of {@code renamed} renamed. Outer references of the plan itself point outside it
     * and keep their ids; those of subqueries nested in it may point into it ({@code nested}), and follow.
     */
    private static LogicalPlan rename(LogicalPlan plan, Map<ExprId, ExprId> renamed, boolean nested) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof LocalRelation local) {
                return new LocalRelation(renameAll(local.output(), renamed), local.rows());
            }
            if (node instanceof Range range) {
                return new Range(
                        range.start(),
                        range.end(),
                        range.step(),
                        range.numPartitions(),
                        renameAll(List.of(range.id()), renamed).get(0));
            }
            if (node instanceof SourceRelation source) {
                List<Expression> filters = new ArrayList<>();
                for (Expression filter : source.pushedFilters()) {
                    filters.add(Expressions.transformUp(filter, e -> renameNode(e, renamed, nested)));
                }
                return new SourceRelation(source.source(), renameAll(source.output(), renamed), filters);
            }
            if (node instanceof dev.ember.sql.plans.logical.MapRows map && !map.passThrough()) {
                return map.withDeclaredOutput(renameAll(map.declaredOutput(), renamed));
            }
            if (node instanceof dev.ember.sql.plans.logical.GroupedMapRows grouped) {
                return grouped.renamed(renameAll(grouped.output(), renamed), key -> renameAll(List.of(key), renamed)
                        .get(0));
            }
            return Plans.transformExpressions(node, e -> renameNode(e, renamed, nested));
        });
    }

    private static Expression renameNode(Expression expression, Map<ExprId, ExprId> renamed, boolean nested) {
        if (expression instanceof Attribute attribute) {
            ExprId id = renamed.get(attribute.exprId());
            return id == null ? attribute : attribute.withExprId(id);
        }
        if (expression instanceof Alias alias) {
            ExprId id = renamed.get(alias.exprId());
            return id == null ? alias : new Alias(alias.child(), alias.name(), id, alias.qualifier());
        }
        if (expression instanceof OuterReference outer && nested) {
            ExprId id = renamed.get(outer.attribute().exprId());
            return id == null ? outer : new OuterReference(outer.attribute().withExprId(id));
        }
        if (expression instanceof SubqueryExpression subquery) {
            LogicalPlan plan = rename(subquery.plan(), renamed, true);
            return plan == subquery.plan() ? subquery : subquery.withPlan(plan);
        }
        return expression;
    }

    private static List<Attribute> renameAll(List<Attribute> attributes, Map<ExprId, ExprId> renamed) {
        List<Attribute> result = new ArrayList<>();
        for (Attribute attribute : attributes) {
            ExprId id = renamed.get(attribute.exprId());
            result.add(id == null ? attribute : attribute.withExprId(id));
        }
        return result;
    }
}
