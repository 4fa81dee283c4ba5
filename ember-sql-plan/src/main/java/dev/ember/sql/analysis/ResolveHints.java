package dev.ember.sql.analysis;

import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.plans.logical.BroadcastHint;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.plans.logical.UnresolvedHint;
import dev.ember.sql.plans.logical.UnresolvedRelation;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Query hints: {@code /*+ BROADCAST(t) *}{@code /} (also {@code BROADCASTJOIN} and {@code MAPJOIN}) marks the relations
 * named {@code t} below it (by alias or table name; with no name, the whole query) for broadcasting when joined.
 * Hints Ember does not act on ({@code MERGE}, {@code SHUFFLE_HASH}, {@code COALESCE}, {@code REPARTITION}...) are
 * dropped: a hint never changes a result, so ignoring one is always correct.
 */
final class ResolveHints implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformDown(plan, node -> {
            if (!(node instanceof UnresolvedHint hint)) {
                return node;
            }
            String name = hint.name().toUpperCase(Locale.ROOT);
            if (!name.equals("BROADCAST") && !name.equals("BROADCASTJOIN") && !name.equals("MAPJOIN")) {
                return hint.child();
            }
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
                return new BroadcastHint(hint.child());
            }
            return mark(hint.child(), targets);
        });
    }

    private static LogicalPlan mark(LogicalPlan plan, List<String> targets) {
        if (plan instanceof SubqueryAlias alias && targets.contains(Identifiers.normalize(alias.alias()))) {
            return new BroadcastHint(plan);
        }
        if (plan instanceof UnresolvedRelation relation
                && targets.contains(Identifiers.normalize(
                        relation.nameParts().get(relation.nameParts().size() - 1)))) {
            return new BroadcastHint(plan);
        }
        if (plan instanceof BroadcastHint) {
            return plan;
        }
        return Plans.mapChildren(plan, child -> mark(child, targets));
    }
}
