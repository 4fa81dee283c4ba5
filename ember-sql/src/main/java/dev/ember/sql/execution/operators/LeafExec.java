package dev.ember.sql.execution.operators;

import dev.ember.sql.execution.PhysicalPlan;
import java.util.List;

/** A physical node without children: it makes rows of its own. */
public interface LeafExec extends PhysicalPlan {
    @Override
    default List<PhysicalPlan> children() {
        return List.of();
    }

    @Override
    default PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return this;
    }
}
