package dev.ember.sql.plans.logical;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code VALUES (1, 'a'), (2, 'b') [AS t(x, y)]} before analysis: rows of constant expressions, with column names
 * ({@code col1, col2...} when none are given). The analyzer evaluates them into a {@link LocalRelation}.
 */
public record InlineTable(List<String> columnNames, List<List<Expression>> rows) implements LeafNode {
    private static final long serialVersionUID = 1L;

    public InlineTable {
        columnNames = List.copyOf(columnNames);
        List<List<Expression>> copied = new ArrayList<>();
        for (List<Expression> row : rows) {
            copied.add(List.copyOf(row));
        }
        rows = List.copyOf(copied);
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "An inline table is not resolved");
    }

    @Override
    public List<Expression> expressions() {
        List<Expression> all = new ArrayList<>();
        rows.forEach(all::addAll);
        return all;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<List<Expression>> mapped = new ArrayList<>();
        for (List<Expression> row : rows) {
            List<Expression> values = new ArrayList<>();
            for (Expression value : row) {
                values.add(function.apply(value));
            }
            mapped.add(values);
        }
        return new InlineTable(columnNames, mapped);
    }

    @Override
    public String simpleString() {
        return "InlineTable " + columnNames + ", " + rows.size() + " rows";
    }
}
