package dev.ember.sql.catalog;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The persistent catalog: databases and tables that outlive a session and are shared by every session on the same
 * warehouse. Names are given lower case. Each method is atomic: two sessions (in one process or in two) changing the
 * catalog at once each see a consistent catalog, and one of two conflicting changes fails with an error naming the
 * conflict.
 */
public interface ExternalCatalog {
    /** The database every session starts in; it always exists. */
    String DEFAULT_DATABASE = "default";

    void createDatabase(CatalogDatabase database, boolean ignoreIfExists);

    /** Drops a database; with {@code cascade} its tables too, otherwise it must have none. */
    void dropDatabase(String name, boolean ignoreIfMissing, boolean cascade);

    Optional<CatalogDatabase> database(String name);

    /** Every database's name, sorted. */
    List<String> databases();

    /** Where a managed table of that name in that database keeps its files. */
    String defaultTableLocation(String database, String table);

    void createTable(CatalogTable table, boolean ignoreIfExists);

    Optional<CatalogTable> table(String database, String name);

    /** The tables of a database, sorted by name. */
    List<String> tables(String database);

    /** Replaces a table's entry with {@code change} applied to the current one; fails if there is none. */
    CatalogTable alterTable(String database, String name, UnaryOperator<CatalogTable> change);

    /** Renames a table (a managed table's directory moves with it); fails if the new name is taken. */
    void renameTable(String database, String name, String newDatabase, String newName);

    /** Drops a table's entry; a managed table's files are deleted with it. False if there was no such table. */
    boolean dropTable(String database, String name);
}
