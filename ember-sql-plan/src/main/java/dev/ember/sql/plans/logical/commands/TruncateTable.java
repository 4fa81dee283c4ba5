package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code TRUNCATE TABLE name [PARTITION (...)]} ({@code partition} empty for the whole table). */
public record TruncateTable(List<String> nameParts, List<PartitionValue> partition) implements Command {
    private static final long serialVersionUID = 1L;

    public TruncateTable {
        nameParts = List.copyOf(nameParts);
        partition = List.copyOf(partition);
    }
}
