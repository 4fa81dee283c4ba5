package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/** {@code SHOW FUNCTIONS [[LIKE] 'pattern']} ({@code pattern} null when absent). Returns function. */
public record ShowFunctions(String pattern) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = Command.stringColumns("function");

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
