package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;

/** {@code EXPLAIN [mode] statement}: the plans of a statement, not run. Returns plan. */
public record Explain(LogicalPlan statement, Mode mode) implements Command {
    private static final long serialVersionUID = 1L;

    private static final List<Attribute> OUTPUT = Command.stringColumns("plan");

    /** How much to show. */
    public enum Mode {
        SIMPLE,
        EXTENDED,
        FORMATTED,
        CODEGEN,
        COST
    }

    public Explain {
        requireNonNull(statement, "statement is null");
        requireNonNull(mode, "mode is null");
    }

    @Override
    public List<Attribute> output() {
        return OUTPUT;
    }
}
