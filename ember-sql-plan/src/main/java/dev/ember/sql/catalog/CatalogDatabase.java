package dev.ember.sql.catalog;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A database of the persistent catalog: a namespace of tables, with the directory its managed tables go to.
 *
 * @param name lower case
 * @param location the absolute path of its directory
 * @param comment or null
 * @param properties {@code WITH DBPROPERTIES}
 */
public record CatalogDatabase(String name, String location, String comment, Map<String, String> properties)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public CatalogDatabase {
        requireNonNull(name, "name is null");
        requireNonNull(location, "location is null");
        properties = new TreeMap<>(properties);
    }
}
