package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/** {@code SHOW COLUMNS IN table [IN database]}, the database already joined to the table's name. Returns col_name. */
public record ShowColumns(List<String> table) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = Command.stringColumns("col_name");

    public ShowColumns {
        table = List.copyOf(table);
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
