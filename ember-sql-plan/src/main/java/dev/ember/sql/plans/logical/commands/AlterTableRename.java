package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code ALTER (TABLE | VIEW) name RENAME TO newName}. */
public record AlterTableRename(List<String> nameParts, List<String> newNameParts, boolean isView) implements Command {
    private static final long serialVersionUID = 1L;

    public AlterTableRename {
        nameParts = List.copyOf(nameParts);
        newNameParts = List.copyOf(newNameParts);
    }
}
