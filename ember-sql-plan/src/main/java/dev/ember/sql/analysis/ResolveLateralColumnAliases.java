package dev.ember.sql.analysis;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lateral column aliases, as in Spark 3.4+: in {@code SELECT id * 2 AS twice, twice + 1 AS next FROM t}, a name that
 * no input column has but an alias earlier in the same select list does refers to that alias. The aliases referred
 * to move into a projection below (next to the input's columns), and the select list reads them from there, so each
 * is computed once:
 *
 * <pre>
 *   Project [id, twice, (twice + 1) AS next]
 *   +- Project [id, ..., (id * 2) AS twice]
 *      +- t
 * </pre>
 *
 * An input column of the same name wins, as it is resolved before this rule looks. Only select lists of plain
 * projections take lateral aliases for now; an aggregation's do not.
 */
final class ResolveLateralColumnAliases implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Project project) || !project.child().resolved() || project.resolved()) {
                return node;
            }
            return rewrite(project);
        });
    }

    private static LogicalPlan rewrite(Project project) {
        List<NamedExpression> items = project.projectList();
        Map<String, Alias> earlier = new HashMap<>();
        Map<String, Alias> used = new LinkedHashMap<>();
        List<NamedExpression> rewritten = new ArrayList<>();
        for (NamedExpression item : items) {
            NamedExpression replaced = (NamedExpression) Expressions.transformUp(item, node -> {
                if (node instanceof UnresolvedAttribute attribute
                        && attribute.nameParts().size() == 1) {
                    Alias alias = earlier.get(
                            Identifiers.normalize(attribute.nameParts().get(0)));
                    if (alias != null) {
                        used.put(Identifiers.normalize(alias.name()), alias);
                        return alias.toAttribute();
                    }
                }
                return node;
            });
            rewritten.add(replaced);
            if (item instanceof Alias alias && alias.child().resolved()) {
                earlier.putIfAbsent(Identifiers.normalize(alias.name()), alias);
            }
        }
        if (used.isEmpty()) {
            return project;
        }
        List<NamedExpression> below = new ArrayList<>(project.child().output());
        below.addAll(used.values());
        List<NamedExpression> above = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            NamedExpression item = items.get(i);
            boolean movedBelow = used.values().stream().anyMatch(alias -> alias == item);
            above.add(movedBelow ? item.toAttribute() : rewritten.get(i));
        }
        return new Project(above, new Project(below, project.child()));
    }
}
