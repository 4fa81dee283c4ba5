package dev.ember.sql.plans.logical.commands;

import java.util.List;

/** {@code ALTER (TABLE | VIEW) name UNSET TBLPROPERTIES [IF EXISTS] (keys)}. */
public record AlterTableUnsetProperties(List<String> nameParts, List<String> keys, boolean ifExists, boolean isView)
        implements Command {
    private static final long serialVersionUID = 1L;

    public AlterTableUnsetProperties {
        nameParts = List.copyOf(nameParts);
        keys = List.copyOf(keys);
    }
}
