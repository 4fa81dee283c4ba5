package dev.ember.sql.optimizer;

import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.rules.Rule;

/**
 * A projection that outputs exactly its child's columns, in order and by the same names, does nothing.
 *
 * <pre>
 *   Project [a, b]      ==>   R [a, b]
 *   +- R [a, b]
 * </pre>
 */
public final class RemoveRedundantProject implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (node instanceof Project project && sameColumns(project)) {
                return project.child();
            }
            return node;
        });
    }

    private static boolean sameColumns(Project project) {
        var output = project.child().output();
        var list = project.projectList();
        if (output.size() != list.size()) {
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof dev.ember.sql.expressions.Attribute attribute)
                    || !attribute.exprId().equals(output.get(i).exprId())
                    || !attribute.name().equals(output.get(i).name())) {
                return false;
            }
        }
        return true;
    }
}
