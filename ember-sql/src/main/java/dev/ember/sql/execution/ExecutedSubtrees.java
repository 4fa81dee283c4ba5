package dev.ember.sql.execution;

import java.util.List;

/**
 * A node with subtrees that run but that planning does not see as children: a query stage's input, already
 * computed, and an adaptive plan's current plan. {@code EXPLAIN}, the UI's graph and the measured metrics walk them
 * as if they were children.
 */
public interface ExecutedSubtrees {
    List<PhysicalPlan> executedSubtrees();

    /** The children of {@code plan} as shown: its own, then the subtrees it hides from planning. */
    static List<PhysicalPlan> shownChildren(PhysicalPlan plan) {
        PhysicalPlan node = plan instanceof MeasuredExec measured ? measured.node() : plan;
        if (node instanceof ExecutedSubtrees hidden) {
            List<PhysicalPlan> all = new java.util.ArrayList<>(plan.children());
            all.addAll(hidden.executedSubtrees());
            return all;
        }
        return plan.children();
    }
}
