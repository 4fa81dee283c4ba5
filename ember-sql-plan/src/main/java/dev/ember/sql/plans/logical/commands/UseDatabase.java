package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code USE [DATABASE] name}: the session's current database. */
public record UseDatabase(List<String> nameParts) implements Command {
    private static final long serialVersionUID = 1L;

    public UseDatabase {
        nameParts = List.copyOf(nameParts);
    }
}
