package dev.ember.sql.plans.logical.commands;

import java.util.List;

/**
 * {@code ANALYZE TABLE name [PARTITION (...)] COMPUTE STATISTICS [NOSCAN | FOR COLUMNS a, b | FOR ALL COLUMNS]}.
 */
public record AnalyzeTable(
        List<String> nameParts,
        List<PartitionValue> partition,
        boolean noScan,
        List<String> columns,
        boolean allColumns)
        implements Command {
    private static final long serialVersionUID = 1L;

    public AnalyzeTable {
        nameParts = List.copyOf(nameParts);
        partition = List.copyOf(partition);
        columns = List.copyOf(columns);
    }
}
