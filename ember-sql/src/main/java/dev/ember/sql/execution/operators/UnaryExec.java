package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.PhysicalPlan;
import java.util.List;

/** A physical node with one child. */
public interface UnaryExec extends PhysicalPlan {
    PhysicalPlan child();

    @Override
    default List<PhysicalPlan> children() {
        return List.of(child());
    }
}
