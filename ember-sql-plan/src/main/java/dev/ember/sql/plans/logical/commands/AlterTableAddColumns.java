package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code ALTER TABLE name ADD COLUMN(S) ...}. */
public record AlterTableAddColumns(List<String> nameParts, List<ColumnDefinition> columns) implements Command {
    private static final long serialVersionUID = 1L;

    public AlterTableAddColumns {
        nameParts = List.copyOf(nameParts);
        columns = List.copyOf(columns);
    }
}
