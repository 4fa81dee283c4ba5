package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/**
 * {@code SHOW PARTITIONS name [PARTITION (...)]}: the table's partitions ({@code p=1/q=a}), only those matching the
 * given values when there are some. Returns partition.
 */
public record ShowPartitions(List<String> nameParts, List<PartitionValue> partition) implements Command {
    private static final long serialVersionUID = 1L;
    private static final List<Attribute> OUTPUT = Command.stringColumns("partition");

    public ShowPartitions {
        nameParts = List.copyOf(nameParts);
        partition = List.copyOf(partition);
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
