package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code DROP (DATABASE | SCHEMA | NAMESPACE) [IF EXISTS] name [RESTRICT | CASCADE]}. */
public record DropDatabase(List<String> nameParts, boolean ifExists, boolean cascade) implements Command {
    private static final long serialVersionUID = 1L;

    public DropDatabase {
        nameParts = List.copyOf(nameParts);
    }
}
