package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.catalog.SessionCatalog;

/** What the analyzer resolves names against: the session's catalog, and the settings functions depend on. */
public record AnalysisContext(SessionCatalog catalog, FunctionContext functionContext, int defaultParallelism) {
    public AnalysisContext {
        requireNonNull(catalog, "catalog is null");
        requireNonNull(functionContext, "functionContext is null");
    }

    public String timeZone() {
        return functionContext.timeZone();
    }
}
