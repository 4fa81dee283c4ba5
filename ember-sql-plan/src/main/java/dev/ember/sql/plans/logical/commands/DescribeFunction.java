package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/** {@code DESCRIBE FUNCTION [EXTENDED] name}. Returns function_desc. */
public record DescribeFunction(String name, boolean extended) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = Command.stringColumns("function_desc");

    public DescribeFunction {
        requireNonNull(name, "name is null");
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
