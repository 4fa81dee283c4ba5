package dev.ember.sql.analysis;

import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.plans.logical.JoinStrategyHint;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
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
 * {@code MERGE} (also {@code SHUFFLE_MERGE} and {@code MERGEJOIN}) marks them for a sort-merge join. Hints Ember does
 * not act on ({@code SHUFFLE_HASH}, {@code COALESCE}, {@code REPARTITION}...) are dropped: a hint never changes a
 * result, so ignoring one is always correct.
 */
final class ResolveHints implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformDown(plan, node -> {
            if (!(node instanceof UnresolvedHint hint)) {
                return node;
            }
            String name = hint.name().toUpperCase(Locale.ROOT);
            boolean broadcast = name.equals("BROADCAST") || name.equals("BROADCASTJOIN") || name.equals("MAPJOIN");
            boolean merge = name.equals("MERGE") || name.equals("SHUFFLE_MERGE") || name.equals("MERGEJOIN");
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
