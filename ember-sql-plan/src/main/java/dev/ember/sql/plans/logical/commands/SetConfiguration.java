package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/**
 * {@code SET}, {@code SET key} or {@code SET key = value}, key and value as raw trimmed text ({@code key} null lists
 * every setting; {@code value} null shows the key's; {@code SET -v} has key {@code -v}). Returns key and value.
 */
public record SetConfiguration(String key, String value) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = Command.stringColumns("key", "value");

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
