package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Copies of a plan whose columns have new identities, for a plan that must appear twice in one query (a relation
 * joined with itself, a subquery joined twice): every column its relations define gets a new id, so do its aliases
 * (all, or those among given ids), and every reference inside the copy follows. {@link Copy#renamed} maps each old id
 * to its new one, for expressions above the copy that must follow too.
 */
public final class FreshIds {
    private FreshIds() {}

    /** A copy and the ids it renamed. */
    public record Copy(LogicalPlan plan, Map<ExprId, ExprId> renamed) {
        /** {@code expression} with its references to renamed columns following the copy. */
        public Expression follow(Expression expression) {
            return Expressions.transformUp(expression, e -> {
                if (e instanceof Attribute attribute) {
                    ExprId id = renamed.get(attribute.exprId());
                    return id == null ? attribute : attribute.withExprId(id);
                }
                return e;
            });
        }
    }

    /** {@code plan} with a new id for every column it defines: its relations' columns and all its aliases. */
    public static Copy copy(LogicalPlan plan) {
        return copy(plan, null);
    }

    /**
     * {@code plan} with a new id for every column of its relations, and for each of its aliases whose id is among
     * {@code taken} (every alias when {@code taken} is null); other aliases keep theirs, so references to them from
     * above stay valid.
     */
    public static Copy copy(LogicalPlan plan, Set<ExprId> taken) {
        Map<ExprId, ExprId> renamed = new HashMap<>();
        LogicalPlan copied = Plans.transformUp(plan, node -> {
            LogicalPlan leaf = newLeaf(node, renamed);
            if (leaf != null) {
                return leaf;
            }
            LogicalPlan mapped = node.mapExpressions(
                    expression -> Expressions.transformUp(expression, e -> rename(e, renamed, taken)));
            // Nodes that define columns of their own besides aliases.
            if (mapped instanceof BoundGenerate generate) {
                return new BoundGenerate(
                        generate.generator(),
                        generate.outer(),
                        fresh(generate.generatorOutput(), renamed),
                        generate.child());
            }
            if (mapped instanceof Expand expand) {
                return new Expand(expand.projections(), fresh(expand.output(), renamed), expand.child());
            }
            if (mapped instanceof MapRows map && !map.passThrough()) {
                return map.withDeclaredOutput(fresh(map.declaredOutput(), renamed));
            }
            if (mapped instanceof GroupedMapRows grouped) {
                return grouped.renamed(fresh(grouped.output(), renamed), key -> {
                    ExprId id = renamed.get(key.exprId());
                    return id == null ? key : key.withExprId(id);
                });
            }
            return mapped;
        });
        return new Copy(copied, renamed);
    }

    private static LogicalPlan newLeaf(LogicalPlan node, Map<ExprId, ExprId> renamed) {
        if (node instanceof LocalRelation local) {
            return new LocalRelation(fresh(local.output(), renamed), local.rows());
        }
        if (node instanceof Range range) {
            return new Range(
                    range.start(),
                    range.end(),
                    range.step(),
                    range.numPartitions(),
                    fresh(List.of(range.id()), renamed).get(0));
        }
        if (node instanceof SourceRelation source) {
            List<Attribute> output = fresh(source.output(), renamed);
            List<Expression> filters = new ArrayList<>();
            for (Expression filter : source.pushedFilters()) {
                filters.add(Expressions.transformUp(filter, e -> rename(e, renamed, Set.of())));
            }
            return new SourceRelation(source.source(), output, filters);
        }
        return null;
    }

    private static List<Attribute> fresh(List<Attribute> attributes, Map<ExprId, ExprId> renamed) {
        List<Attribute> result = new ArrayList<>();
        for (Attribute attribute : attributes) {
            ExprId id = renamed.computeIfAbsent(attribute.exprId(), ignored -> ExprId.next());
            result.add(attribute.withExprId(id));
        }
        return result;
    }

    private static Expression rename(Expression expression, Map<ExprId, ExprId> renamed, Set<ExprId> taken) {
        if (expression instanceof Attribute attribute) {
            ExprId id = renamed.get(attribute.exprId());
            return id == null ? attribute : attribute.withExprId(id);
        }
        if (expression instanceof Alias alias && (taken == null || taken.contains(alias.exprId()))) {
            ExprId id = renamed.computeIfAbsent(alias.exprId(), ignored -> ExprId.next());
            return new Alias(alias.child(), alias.name(), id, alias.qualifier());
        }
        return expression;
    }
}
