package dev.ember.sql.plans.logical.commands;

import dev.ember.sql.plans.logical.LogicalPlan;
import java.util.List;
import java.util.Map;

/** {@code CACHE [LAZY] TABLE name [OPTIONS (...)] [AS query]} ({@code query} null to cache an existing table). */
public record CacheTable(List<String> nameParts, boolean lazy, LogicalPlan query, Map<String, String> options)
        implements Command {
    private static final long serialVersionUID = 1L;

    public CacheTable {
        nameParts = List.copyOf(nameParts);
        options = Map.copyOf(options);
    }
}
