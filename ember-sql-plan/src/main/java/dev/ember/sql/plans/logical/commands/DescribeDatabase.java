package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/** {@code DESCRIBE DATABASE [EXTENDED] name}. Returns info_name and info_value. */
public record DescribeDatabase(List<String> nameParts, boolean extended) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = Command.stringColumns("info_name", "info_value");

    public DescribeDatabase {
        nameParts = List.copyOf(nameParts);
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
