package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/** {@code SHOW CREATE TABLE name}. Returns createtab_stmt: a statement that creates the table as it is. */
public record ShowCreateTable(List<String> nameParts) implements Command {
    private static final long serialVersionUID = 1L;
    private static final List<Attribute> OUTPUT = Command.stringColumns("createtab_stmt");

    public ShowCreateTable {
        nameParts = List.copyOf(nameParts);
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
