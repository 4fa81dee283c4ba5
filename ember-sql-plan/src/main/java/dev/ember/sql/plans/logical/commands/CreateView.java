package dev.ember.sql.plans.logical.commands;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.plans.logical.LogicalPlan;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * {@code CREATE [OR REPLACE] [[GLOBAL] TEMPORARY] VIEW [IF NOT EXISTS] name [(columns)] [COMMENT c] [TBLPROPERTIES]
 * AS query}. {@code originalText} is the query exactly as written, which a permanent view stores; {@code comment} is
 * null when absent.
 */
public record CreateView(
        List<String> name,
        List<ViewColumn> userColumns,
        LogicalPlan query,
        boolean replace,
        boolean temporary,
        boolean global,
        boolean ifNotExists,
        String originalText,
        String comment,
        Map<String, String> properties)
        implements Command {
    private static final long serialVersionUID = 1L;

    /** A column name the view gives its query's output, with its comment (null for none). */
    public record ViewColumn(String name, String comment) implements Serializable {
        private static final long serialVersionUID = 1L;

        public ViewColumn {
            requireNonNull(name, "name is null");
        }
    }

    public CreateView {
        name = List.copyOf(name);
        userColumns = List.copyOf(userColumns);
        requireNonNull(query, "query is null");
        requireNonNull(originalText, "originalText is null");
        properties = Map.copyOf(properties);
    }
}
