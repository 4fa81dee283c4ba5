package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;
import java.util.Map;

/**
 * {@code CREATE [OR REPLACE] TABLE [IF NOT EXISTS] name [(columns)] [USING provider] clauses [AS query]}.
 * {@code provider}, {@code location}, {@code comment} and {@code query} are null when absent.
 */
public record CreateTable(
        List<String> name,
        List<ColumnDefinition> columns,
        String provider,
        List<String> partitionColumns,
        String location,
        Map<String, String> options,
        String comment,
        Map<String, String> properties,
        LogicalPlan query,
        boolean replace,
        boolean ifNotExists)
        implements Command {
    private static final long serialVersionUID = 1L;

    public CreateTable {
        name = List.copyOf(name);
        columns = List.copyOf(columns);
        partitionColumns = List.copyOf(partitionColumns);
        options = Map.copyOf(options);
        properties = Map.copyOf(properties);
    }
}
