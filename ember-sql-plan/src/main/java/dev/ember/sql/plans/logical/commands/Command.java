package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A statement that is run for its effect or to report on the session, not a query over relations. A command is a leaf:
 * a query it holds (the body of a view, the statement to explain) is a field, analyzed when the command runs, unless
 * the command says otherwise. {@link #output()} lists the columns of the rows it returns (none for most).
 */
public interface Command extends LogicalPlan {
    @Override
    default List<LogicalPlan> children() {
        return List.of();
    }

    @Override
    default LogicalPlan withChildren(List<LogicalPlan> children) {
        return this;
    }

    @Override
    default List<Attribute> output() {
        return List.of();
    }

    @Override
    default List<Expression> expressions() {
        return List.of();
    }

    @Override
    default LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return this;
    }

    @Override
    default String simpleString() {
        return toString();
    }

    /** Non-null string columns with these names, for a command's output. */
    static List<Attribute> stringColumns(String... names) {
        List<Attribute> columns = new ArrayList<>(names.length);
        for (String name : names) {
            columns.add(column(name, DataTypes.StringType, false));
        }
        return List.copyOf(columns);
    }

    static Attribute column(String name, DataType type, boolean nullable) {
        return AttributeReference.create(name, type, nullable);
    }
}
