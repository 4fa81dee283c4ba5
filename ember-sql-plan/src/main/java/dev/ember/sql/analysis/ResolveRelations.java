package dev.ember.sql.analysis;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.UnresolvedRelation;

/** Looks relation names up in the catalog: a view becomes its plan under an alias of its name. */
final class ResolveRelations implements dev.ember.sql.rules.Rule {
    private final SessionCatalog catalog;

    ResolveRelations(SessionCatalog catalog) {
        this.catalog = requireNonNull(catalog, "catalog is null");
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(
                plan,
                node -> node instanceof UnresolvedRelation relation
                        ? catalog.lookupRelation(relation.nameParts())
                        : node);
    }
}
