package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The plans of {@link Dataset}'s column edits ({@code withColumn}, {@code drop}...) and its join type names. */
final class ColumnEdits {
    private ColumnEdits() {}

    /** Adds a column, or replaces the one of that name (in place). */
    static LogicalPlan withColumn(LogicalPlan plan, String name, Column column) {
        List<NamedExpression> list = new ArrayList<>();
        boolean replaced = false;
        for (Attribute attribute : plan.output()) {
            if (Identifiers.normalize(attribute.name()).equals(Identifiers.normalize(name))) {
                list.add(column.as(name).named());
                replaced = true;
            } else {
                list.add(attribute);
            }
        }
        if (!replaced) {
            list.add(column.as(name).named());
        }
        return new Project(list, plan);
    }

    /** Renames a column; a name that is not there leaves the Dataset as it is, as in Spark. */
    static LogicalPlan withColumnRenamed(LogicalPlan plan, String existing, String renamed) {
        List<NamedExpression> list = new ArrayList<>();
        boolean found = false;
        for (Attribute attribute : plan.output()) {
            if (Identifiers.normalize(attribute.name()).equals(Identifiers.normalize(existing))) {
                list.add(dev.ember.sql.expressions.Alias.of(attribute, renamed));
                found = true;
            } else {
                list.add(attribute);
            }
        }
        return found ? new Project(list, plan) : plan;
    }

    /** Drops the named columns; names that are not there are ignored, as in Spark. */
    static LogicalPlan drop(LogicalPlan plan, String... names) {
        List<String> dropped = new ArrayList<>();
        for (String name : names) {
            dropped.add(Identifiers.normalize(name));
        }
        List<NamedExpression> list = new ArrayList<>();
        for (Attribute attribute : plan.output()) {
            if (!dropped.contains(Identifiers.normalize(attribute.name()))) {
                list.add(attribute);
            }
        }
        return new Project(list, plan);
    }

    static LogicalPlan drop(LogicalPlan plan, Column column) {
        Expression expression = column.expr();
        List<NamedExpression> list = new ArrayList<>();
        for (Attribute attribute : plan.output()) {
            if (!(expression instanceof Attribute dropped && dropped.exprId().equals(attribute.exprId()))
                    && !(expression instanceof dev.ember.sql.expressions.UnresolvedAttribute unresolved
                            && Identifiers.normalize(unresolved.name())
                                    .equals(Identifiers.normalize(attribute.name())))) {
                list.add(attribute);
            }
        }
        return new Project(list, plan);
    }

    static JoinType joinType(String name) {
        return switch (name.toLowerCase(Locale.ROOT).replace("_", "")) {
            case "inner" -> JoinType.INNER;
            case "cross" -> JoinType.CROSS;
            case "left", "leftouter" -> JoinType.LEFT_OUTER;
            case "right", "rightouter" -> JoinType.RIGHT_OUTER;
            case "full", "outer", "fullouter" -> JoinType.FULL_OUTER;
            case "leftsemi", "semi" -> JoinType.LEFT_SEMI;
            case "leftanti", "anti" -> JoinType.LEFT_ANTI;
            default ->
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "Unknown join type '" + name + "'; use one of inner, cross, left, right, full, left_semi,"
                                + " left_anti");
        };
    }
}
