package dev.ember.sql.plans.logical.commands;

/** {@code RESET [key]}: one setting, or every one ({@code key} null), back to its default. */
public record ResetConfiguration(String key) implements Command {
    private static final long serialVersionUID = 1L;
}
