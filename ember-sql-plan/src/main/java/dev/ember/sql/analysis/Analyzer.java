package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.rules.Batch;
import dev.ember.sql.rules.Rule;
import dev.ember.sql.rules.RuleExecutor;
import java.util.List;

/**
 * Turns a parsed plan into a resolved one: names bound to catalog relations, columns and functions, implicit casts
 * inserted, and the SQL shapes that need it rewritten (global aggregates, HAVING, ORDER BY of dropped columns, USING
 * joins). Then {@link CheckAnalysis} reports what could not be resolved, as the user wrote it.
 *
 * <p>The rule order, and why:
 *
 * <ol>
 *   <li>Substitution, once: {@code WITH} names must be replaced before relations are looked up, or a CTE would be
 *       looked for in the catalog.
 *   <li>Resolution, to a fixed point: relations, then references (which need resolved children), then functions
 *       (which need resolved arguments), aliases (which need resolved children to be named), and the rewrites that
 *       need some of those. Subqueries are resolved (by a nested analyzer that sees the enclosing columns) once the
 *       node holding them has resolved children. Coercion runs inside the same batch because rewrites such as {@code date + 1} produce
 *       function calls whose arguments are then resolved.
 * </ol>
 */
public final class Analyzer extends RuleExecutor {
    private final List<Batch> batches;

    public Analyzer(AnalysisContext context) {
        this(context, List.of());
    }

    /** An analyzer for a subquery: names its own input lacks may be columns of the enclosing {@code outerScopes}. */
    Analyzer(AnalysisContext context, List<List<Attribute>> outerScopes) {
        requireNonNull(context, "context is null");
        ResolveFunctions functions = new ResolveFunctions(context);
        this.batches = List.of(
                Batch.once("Substitution", new SubstituteCommonTableExpressions(), new ResolveHints()),
                new Batch(
                        "Resolution",
                        100,
                        List.<Rule>of(
                                new ResolveRelations(context.catalog()),
                                new ResolveTableFunctions(),
                                new DeduplicateRelations(),
                                new DeduplicateOuterRelations(outerScopes),
                                new ResolveReferences(),
                                new ResolveLateralColumnAliases(),
                                new ResolveSubqueries(context, outerScopes),
                                new ResolveColumnAliases(),
                                new ResolveJoinUsing(),
                                functions,
                                new ResolveFieldAccess(),
                                new ResolveGenerators(),
                                new ResolveInlineTables(context.timeZone()),
                                new ResolveGroupingReferences(context.catalog().functions()),
                                new ResolveGroupingAnalytics(),
                                new ResolvePivot(context.timeZone()),
                                new ResolveUnpivot(),
                                new ResolveGlobalAggregates(),
                                new ResolveAggregateReferences(functions),
                                new ResolveSortReferences(),
                                new ResolveAliases(),
                                new ExtractWindowExpressions(),
                                new CoerceTypes(context),
                                new WidenSetOperationTypes(context.timeZone()),
                                new RefreshAttributeTypes())));
    }

    @Override
    protected List<Batch> batches() {
        return batches;
    }

    /** The resolved plan of {@code plan}; fails with the first thing that cannot be resolved. */
    public LogicalPlan analyze(LogicalPlan plan) {
        LogicalPlan analyzed = execute(plan);
        CheckAnalysis.check(analyzed);
        return analyzed;
    }

    @Override
    protected void checkInvariants(Rule rule, LogicalPlan before, LogicalPlan after) {
        if (before.resolved() && !after.resolved()) {
            throw new EmberException(
                    ErrorClass.INTERNAL_ERROR,
                    "The analyzer rule " + rule.name() + " unresolved a resolved plan:\n" + PlanText.tree(after));
        }
    }
}
