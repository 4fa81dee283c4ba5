package dev.ember.sql.plans.logical.commands;

import java.util.List;
import java.util.Map;

/** {@code ALTER (TABLE | VIEW) name SET TBLPROPERTIES (...)}. */
public record AlterTableSetProperties(List<String> nameParts, Map<String, String> properties, boolean isView)
        implements Command {
    private static final long serialVersionUID = 1L;

    public AlterTableSetProperties {
        nameParts = List.copyOf(nameParts);
        properties = Map.copyOf(properties);
    }
}
