package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code DROP VIEW [IF EXISTS] name}. */
public record DropView(List<String> nameParts, boolean ifExists) implements Command {
    private static final long serialVersionUID = 1L;

    public DropView {
        nameParts = List.copyOf(nameParts);
    }
}
