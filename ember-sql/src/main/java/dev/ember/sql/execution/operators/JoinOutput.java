package dev.ember.sql.execution.operators;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.JoinType;
import java.util.ArrayList;
import java.util.List;

/** The output columns of a join: left then right (only left for semi and anti), nullable on an outer join's far side. */
final class JoinOutput {
    private JoinOutput() {}

    static List<Attribute> of(JoinType type, List<Attribute> left, List<Attribute> right) {
        List<Attribute> output = new ArrayList<>();
        for (Attribute attribute : left) {
            output.add(type.leftNullable() ? attribute.withNullability(true) : attribute);
        }
        if (type.outputsRight()) {
            for (Attribute attribute : right) {
                output.add(type.rightNullable() ? attribute.withNullability(true) : attribute);
            }
        }
        return output;
    }
}
