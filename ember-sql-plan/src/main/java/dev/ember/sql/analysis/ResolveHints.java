package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.plans.logical.JoinStrategyHint;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Repartition;
import dev.ember.sql.plans.logical.Sort;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.plans.logical.UnresolvedHint;
import dev.ember.sql.plans.logical.UnresolvedRelation;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Query hints: {@code /*+ BROADCAST(t) *}{@code /} (also {@code BROADCASTJOIN} and {@code MAPJOIN}) marks the relations
 * named {@code t} below it (by alias or table name; with no name, the whole query) for broadcasting when joined;
 * {@code MERGE} (also {@code SHUFFLE_MERGE} and {@code MERGEJOIN}) marks them for a sort-merge join;
 * {@code REPARTITION}, {@code REPARTITION_BY_RANGE} and {@code COALESCE} partition the query's rows as the Dataset
 * methods of those names do. Hints Ember does not act on ({@code SHUFFLE_HASH}...) are dropped: such a hint never
 * changes a result, so ignoring one is always correct.
 */
final class ResolveHints implements dev.ember.sql.rules.Rule {
    private static final java.util.Set<String> REPARTITIONS =
            java.util.Set.of("REPARTITION", "COALESCE", "REPARTITION_BY_RANGE");

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformDown(plan, node -> {
            if (node instanceof Sort sort
                    && sort.global()
                    && sort.child() instanceof UnresolvedHint hint
                    && REPARTITIONS.contains(hint.name().toUpperCase(Locale.ROOT))) {
                // ORDER BY over a partitioning hint: the global sort spreads the rows by ranges of its own, so the
                // hint changes nothing (as in Spark) and is dropped, which keeps ORDER BY of unselected columns.
                return new Sort(sort.order(), true, hint.child());
            }
            if (!(node instanceof UnresolvedHint hint)) {
                return node;
            }
            String name = hint.name().toUpperCase(Locale.ROOT);
            boolean broadcast = name.equals("BROADCAST") || name.equals("BROADCASTJOIN") || name.equals("MAPJOIN");
            boolean merge = name.equals("MERGE") || name.equals("SHUFFLE_MERGE") || name.equals("MERGEJOIN");
            if (REPARTITIONS.contains(name)) {
                return repartition(name, hint);
            }
            if (!broadcast && !merge) {
                return hint.child();
            }
            JoinStrategyHint.Strategy strategy =
                    broadcast ? JoinStrategyHint.Strategy.BROADCAST : JoinStrategyHint.Strategy.MERGE;
            UnaryOperator<LogicalPlan> marker = child -> new JoinStrategyHint(strategy, child);
            List<String> targets = new ArrayList<>();
            for (Object parameter : hint.parameters()) {
                if (parameter instanceof UnresolvedAttribute attribute) {
                    targets.add(Identifiers.normalize(
                            attribute.nameParts().get(attribute.nameParts().size() - 1)));
                } else if (parameter instanceof String text) {
                    targets.add(Identifiers.normalize(text));
                }
            }
            if (targets.isEmpty()) {
                return marker.apply(hint.child());
            }
            return mark(hint.child(), targets, marker);
        });
    }

    /**
     * {@code REPARTITION([n][, cols])}, {@code REPARTITION_BY_RANGE([n][, cols])} and {@code COALESCE(n)}: the
     * partitioning of {@code Dataset.repartition}, {@code repartitionByRange} and {@code coalesce}.
     */
    private static LogicalPlan repartition(String name, UnresolvedHint hint) {
        List<Object> parameters = hint.parameters();
        int count = 0;
        int first = 0;
        if (!parameters.isEmpty()
                && parameters.get(0) instanceof Literal literal
                && literal.value() instanceof Number number) {
            count = number.intValue();
            first = 1;
        }
        List<Expression> keys = new ArrayList<>();
        for (Object parameter : parameters.subList(first, parameters.size())) {
            if (!(parameter instanceof Expression expression)) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL, "The " + name + " hint takes a partition count and columns");
            }
            keys.add(
                    name.equals("REPARTITION_BY_RANGE") && !(expression instanceof SortOrder)
                            ? SortOrder.ascending(expression)
                            : expression);
        }
        if (name.equals("COALESCE")) {
            if (first == 0 || !keys.isEmpty()) {
                throw new EmberException(ErrorClass.INVALID_SQL, "The COALESCE hint takes one partition count");
            }
            return new Repartition(List.of(), count, false, hint.child());
        }
        if (keys.isEmpty() && name.equals("REPARTITION_BY_RANGE")) {
            throw new EmberException(ErrorClass.INVALID_SQL, "The REPARTITION_BY_RANGE hint needs columns");
        }
        // Without a count: ember.sql.shuffle.partitions (round robin when no columns are named either).
        return new Repartition(keys, count, true, hint.child());
    }

    private static LogicalPlan mark(LogicalPlan plan, List<String> targets, UnaryOperator<LogicalPlan> marker) {
        if (plan instanceof SubqueryAlias alias && targets.contains(Identifiers.normalize(alias.alias()))) {
            return marker.apply(plan);
        }
        if (plan instanceof UnresolvedRelation relation
                && targets.contains(Identifiers.normalize(
                        relation.nameParts().get(relation.nameParts().size() - 1)))) {
            return marker.apply(plan);
        }
        return Plans.mapChildren(plan, child -> mark(child, targets, marker));
    }
}
