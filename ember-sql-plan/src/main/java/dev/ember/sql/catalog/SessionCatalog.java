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
import java.util.function.Function;

/**
 * What the names of a session's queries refer to: its temporary views, the application's global temporary views
 * (under {@code global_temp.}), the tables of the persistent catalog (in the session's current database unless the
 * name gives one), and its functions. A name that finds nothing fails with the closest names there are. A temporary
 * view hides a table of the same name, as in Spark.
 */
public final class SessionCatalog {
    /** The database that holds global temporary views. */
    public static final String GLOBAL_TEMP_DATABASE = "global_temp";

    /** The catalog name a three-part name may start with ({@code spark_catalog.db.t}), as Spark's clients write it. */
    public static final String SESSION_CATALOG_NAME = "spark_catalog";

    private final TempViews tempViews = new TempViews();
    private final TempViews globalTempViews;
    private final FunctionRegistry functions;
    private final ExternalCatalog external;
    private final Function<CatalogTable, LogicalPlan> tableRelations;
    private volatile String currentDatabase = ExternalCatalog.DEFAULT_DATABASE;

    /** A catalog of views and functions only, with no persistent tables. */
    public SessionCatalog(TempViews globalTempViews, FunctionRegistry functions) {
        this(globalTempViews, functions, null, null);
    }

    /**
     * A catalog with the tables of {@code external}; {@code tableRelations} gives the plan that reads a table (the
     * executing half knows how).
     */
    public SessionCatalog(
            TempViews globalTempViews,
            FunctionRegistry functions,
            ExternalCatalog external,
            Function<CatalogTable, LogicalPlan> tableRelations) {
        this.globalTempViews = requireNonNull(globalTempViews, "globalTempViews is null");
        this.functions = requireNonNull(functions, "functions is null");
        this.external = external;
        this.tableRelations = tableRelations;
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

    /** The persistent catalog; fails if this session has none. */
    public ExternalCatalog external() {
        if (external == null) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE, "This session has no persistent catalog, only temporary views");
        }
        return external;
    }

    public String currentDatabase() {
        return currentDatabase;
    }

    /** Makes {@code database} the one unqualified table names refer to; fails if it does not exist. */
    public void setCurrentDatabase(String database) {
        String name = Identifiers.normalize(database);
        requireDatabase(name);
        currentDatabase = name;
    }

    /** The database's entry; fails naming the databases there are if it does not exist. */
    public CatalogDatabase requireDatabase(String database) {
        String name = Identifiers.normalize(database);
        return external()
                .database(name)
                .orElseThrow(() -> new EmberException(
                        ErrorClass.SCHEMA_NOT_FOUND,
                        "The database " + Identifiers.quote(name) + " cannot be found"
                                + Suggestions.didYouMean(name, external().databases())
                                + ". Create it with CREATE DATABASE"));
    }

    /**
     * The database and table a table name refers to: {@code t} in the current database, {@code db.t}, or
     * {@code spark_catalog.db.t}; lower case.
     */
    public TableName tableName(List<String> nameParts) {
        List<String> parts = nameParts;
        if (parts.size() == 3 && Identifiers.normalize(parts.get(0)).equals(SESSION_CATALOG_NAME)) {
            parts = parts.subList(1, 3);
        }
        if (parts.size() == 1) {
            return new TableName(currentDatabase, Identifiers.normalize(parts.get(0)));
        }
        if (parts.size() == 2) {
            return new TableName(Identifiers.normalize(parts.get(0)), Identifiers.normalize(parts.get(1)));
        }
        throw new EmberException(
                ErrorClass.INVALID_SQL,
                "The table name " + quoted(nameParts) + " has too many parts: give table, database.table or "
                        + SESSION_CATALOG_NAME + ".database.table");
    }

    /** A table's database and name, lower case. */
    public record TableName(String database, String table) {
        @Override
        public String toString() {
            return Identifiers.quoteIfNeeded(database) + "." + Identifiers.quoteIfNeeded(table);
        }
    }

    /** The table a name refers to, if the persistent catalog has it (temporary views are not looked at). */
    public Optional<CatalogTable> findTable(List<String> nameParts) {
        if (external == null) {
            return Optional.empty();
        }
        if (isGlobalTemp(nameParts)) {
            return Optional.empty();
        }
        TableName name = tableName(nameParts);
        return external.table(name.database(), name.table());
    }

    /** The table a name refers to; fails naming the similar tables there are. */
    public CatalogTable requireTable(List<String> nameParts) {
        return findTable(nameParts).orElseThrow(() -> notFound(nameParts));
    }

    /** The plan a relation name refers to, under a {@link SubqueryAlias} of its name; fails naming similar ones. */
    public LogicalPlan lookupRelation(List<String> nameParts) {
        return findRelation(nameParts).orElseThrow(() -> notFound(nameParts));
    }

    private EmberException notFound(List<String> nameParts) {
        return new EmberException(
                ErrorClass.TABLE_OR_VIEW_NOT_FOUND,
                "The table or view " + quoted(nameParts) + " cannot be found"
                        + Suggestions.didYouMean(String.join(".", nameParts), relationNames())
                        + ". Create a table with CREATE TABLE or saveAsTable, register a DataFrame with"
                        + " createOrReplaceTempView, or create a view with CREATE TEMPORARY VIEW");
    }

    public Optional<LogicalPlan> findRelation(List<String> nameParts) {
        Optional<TempViews.View> view = Optional.empty();
        if (nameParts.size() == 1) {
            view = tempViews.lookup(nameParts.get(0));
        } else if (isGlobalTemp(nameParts)) {
            view = globalTempViews.lookup(nameParts.get(1));
        }
        if (view.isPresent()) {
            return view.map(found -> new SubqueryAlias(found.name(), found.plan()));
        }
        return findTable(nameParts).map(table -> new SubqueryAlias(table.name(), tableRelations.apply(table)));
    }

    private static boolean isGlobalTemp(List<String> nameParts) {
        return nameParts.size() == 2 && Identifiers.normalize(nameParts.get(0)).equals(GLOBAL_TEMP_DATABASE);
    }

    /**
     * Every relation name a query can use: temporary views, then {@code global_temp.}-qualified global ones, then the
     * tables of the current database.
     */
    public List<String> relationNames() {
        List<String> names = new ArrayList<>(tempViews.names());
        for (String name : globalTempViews.names()) {
            names.add(GLOBAL_TEMP_DATABASE + "." + name);
        }
        if (external != null) {
            names.addAll(external.tables(currentDatabase));
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
