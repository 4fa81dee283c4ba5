package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.InternalRow;
import java.util.List;

/** Rows held in the plan itself: {@code VALUES}, {@code createDataFrame} of a list, results folded at planning. */
public record LocalRelation(List<Attribute> output, List<InternalRow> rows) implements LeafNode {
    private static final long serialVersionUID = 1L;

    public LocalRelation {
        output = List.copyOf(output);
        rows = List.copyOf(rows);
    }

    @Override
    public String simpleString() {
        return "LocalRelation " + PlanText.list(output) + ", " + rows.size() + " rows";
    }
}
