package dev.ember.sql.catalog;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.SubqueryAlias;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the names of a session's queries refer to: its temporary views, the application's global temporary views
 * (under {@code global_temp.}), and its functions. A name that finds nothing fails with the closest names there are.
 */
public final class SessionCatalog {
    /** The database that holds global temporary views. */
    public static final String GLOBAL_TEMP_DATABASE = "global_temp";

    private final TempViews tempViews = new TempViews();
    private final TempViews globalTempViews;
    private final FunctionRegistry functions;

    public SessionCatalog(TempViews globalTempViews, FunctionRegistry functions) {
        this.globalTempViews = requireNonNull(globalTempViews, "globalTempViews is null");
        this.functions = requireNonNull(functions, "functions is null");
    }

    public TempViews tempViews() {
        return tempViews;
    }

    public TempViews globalTempViews() {
        return globalTempViews;
    }

    public FunctionRegistry functions() {
        return functions;
    }

    /** The plan a relation name refers to, under a {@link SubqueryAlias} of its name; fails naming similar ones. */
    public LogicalPlan lookupRelation(List<String> nameParts) {
        return findRelation(nameParts)
                .orElseThrow(() -> new EmberException(
                        ErrorClass.TABLE_OR_VIEW_NOT_FOUND,
                        "The table or view " + quoted(nameParts) + " cannot be found"
                                + Suggestions.didYouMean(String.join(".", nameParts), relationNames())
                                + ". Register a DataFrame with createOrReplaceTempView, or create a view with CREATE"
                                + " TEMPORARY VIEW"));
    }

    public Optional<LogicalPlan> findRelation(List<String> nameParts) {
        Optional<TempViews.View> view = Optional.empty();
        if (nameParts.size() == 1) {
            view = tempViews.lookup(nameParts.get(0));
        } else if (nameParts.size() == 2
                && Identifiers.normalize(nameParts.get(0)).equals(GLOBAL_TEMP_DATABASE)) {
            view = globalTempViews.lookup(nameParts.get(1));
        }
        return view.map(found -> new SubqueryAlias(found.name(), found.plan()));
    }

    /** Every relation name a query can use: temporary views, then {@code global_temp.}-qualified global ones. */
    public List<String> relationNames() {
        List<String> names = new ArrayList<>(tempViews.names());
        for (String name : globalTempViews.names()) {
            names.add(GLOBAL_TEMP_DATABASE + "." + name);
        }
        return names;
    }

    private static String quoted(List<String> parts) {
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
            quoted.add(Identifiers.quote(part));
        }
        return String.join(".", quoted);
    }
}
