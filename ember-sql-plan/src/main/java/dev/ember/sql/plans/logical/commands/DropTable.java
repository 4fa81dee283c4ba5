package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code DROP TABLE [IF EXISTS] name [PURGE]}. */
public record DropTable(List<String> nameParts, boolean ifExists, boolean purge) implements Command {
    private static final long serialVersionUID = 1L;

    public DropTable {
        nameParts = List.copyOf(nameParts);
    }
}
