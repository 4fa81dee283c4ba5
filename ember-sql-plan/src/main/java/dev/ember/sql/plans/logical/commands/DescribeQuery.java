package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;

/** {@code DESCRIBE [QUERY] query}: the query's result columns. Returns col_name, data_type and comment. */
public record DescribeQuery(LogicalPlan query) implements Command {
    private static final long serialVersionUID = 1L;

    public DescribeQuery {
        requireNonNull(query, "query is null");
    }

    @Override
    public List<Attribute> output() {
        return DescribeTable.OUTPUT;
    }
}
