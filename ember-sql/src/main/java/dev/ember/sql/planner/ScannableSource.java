package dev.ember.sql.planner;

import dev.ember.sql.catalog.RelationSource;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.plans.logical.SourceRelation;

/** A relation source that knows how to scan itself: the physical plan reading {@code relation}'s columns. */
public interface ScannableSource extends RelationSource {
    PhysicalPlan scan(SourceRelation relation);
}
