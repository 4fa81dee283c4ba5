package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code REFRESH [TABLE] name}: forgets what is cached about a table's files. */
public record RefreshTable(List<String> nameParts) implements Command {
    private static final long serialVersionUID = 1L;

    public RefreshTable {
        nameParts = List.copyOf(nameParts);
    }
}
