package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code DESCRIBE [TABLE] [EXTENDED|FORMATTED] name}. Returns col_name, data_type and comment. */
public record DescribeTable(List<String> nameParts, boolean extended) implements Command {
    private static final long serialVersionUID = 1L;

    static final List<Attribute> OUTPUT = List.of(
            Command.column("col_name", DataTypes.StringType, false),
            Command.column("data_type", DataTypes.StringType, false),
            Command.column("comment", DataTypes.StringType, true));

    public DescribeTable {
        nameParts = List.copyOf(nameParts);
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
