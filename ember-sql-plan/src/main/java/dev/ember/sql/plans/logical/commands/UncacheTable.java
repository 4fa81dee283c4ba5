package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code UNCACHE TABLE [IF EXISTS] name}. */
public record UncacheTable(List<String> nameParts, boolean ifExists) implements Command {
    private static final long serialVersionUID = 1L;

    public UncacheTable {
        nameParts = List.copyOf(nameParts);
    }
}
