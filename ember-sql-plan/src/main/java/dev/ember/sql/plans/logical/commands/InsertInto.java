package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;

/**
 * {@code INSERT (INTO | OVERWRITE) [TABLE] name [PARTITION (...)] [(columns)] query}. Unlike other commands its query
 * is its child, so the analyzer resolves it with the statement.
 */
public record InsertInto(
        List<String> table, List<PartitionValue> partition, List<String> columns, LogicalPlan query, boolean overwrite)
        implements Command {
    private static final long serialVersionUID = 1L;

    public InsertInto {
        table = List.copyOf(table);
        partition = List.copyOf(partition);
        columns = List.copyOf(columns);
        requireNonNull(query, "query is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(query);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new InsertInto(table, partition, columns, children.get(0), overwrite);
    }

    @Override
    public String simpleString() {
        return "InsertInto " + String.join(".", table) + (overwrite ? ", overwrite" : "")
                + (partition.isEmpty() ? "" : ", " + partition) + (columns.isEmpty() ? "" : ", " + columns);
    }
}
