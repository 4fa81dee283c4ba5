package dev.ember.sql;

import dev.ember.sql.catalog.SessionCatalog;
import java.util.List;

/** The session's catalog as the API shows it: its views, functions and cached tables. */
public final class Catalog {
    private final EmberSession session;

    Catalog(EmberSession session) {
        this.session = session;
    }

    /** The names of the temporary views, then the global ones as {@code global_temp.name}. */
    public List<String> listTables() {
        return session.sessionCatalog().relationNames();
    }

    public List<String> listFunctions() {
        return session.sessionCatalog().functions().names();
    }

    /** The columns of a view, as name and type. */
    public List<String[]> listColumns(String table) {
        return session.table(table).dtypes();
    }

    public boolean tableExists(String name) {
        return session.sessionCatalog()
                .findRelation(dev.ember.sql.parser.SqlParser.get().parseMultipartIdentifier(name))
                .isPresent();
    }

    public boolean functionExists(String name) {
        return session.sessionCatalog().functions().lookup(name).isPresent();
    }

    public boolean dropTempView(String name) {
        return session.sessionCatalog().tempViews().drop(name);
    }

    public boolean dropGlobalTempView(String name) {
        return session.sessionCatalog().globalTempViews().drop(name);
    }

    public void cacheTable(String name) {
        session.table(name).cache();
    }

    public void uncacheTable(String name) {
        session.table(name).unpersist();
    }

    public boolean isCached(String name) {
        return session.cacheManager().isCached(session.table(name).analyzedPlan());
    }

    public void clearCache() {
        session.cacheManager().clear();
    }

    /** The database global temporary views live in. */
    public String globalTempDatabase() {
        return SessionCatalog.GLOBAL_TEMP_DATABASE;
    }
}
