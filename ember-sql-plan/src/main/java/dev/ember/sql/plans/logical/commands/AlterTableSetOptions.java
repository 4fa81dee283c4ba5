package dev.ember.sql.plans.logical.commands;

import java.util.List;
import java.util.Map;

/** {@code ALTER TABLE name SET SERDEPROPERTIES (...)}: changes the options the table's format reads and writes with. */
public record AlterTableSetOptions(List<String> nameParts, Map<String, String> options) implements Command {
    private static final long serialVersionUID = 1L;

    public AlterTableSetOptions {
        nameParts = List.copyOf(nameParts);
        options = Map.copyOf(options);
    }
}
