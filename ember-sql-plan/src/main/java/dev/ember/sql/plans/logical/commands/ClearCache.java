package dev.ember.sql.plans.logical.commands;

/** {@code CLEAR CACHE}: drops every cached table and query. */
public record ClearCache() implements Command {
    private static final long serialVersionUID = 1L;
}
