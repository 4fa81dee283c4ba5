package dev.ember.sql.catalog;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A table of the persistent catalog: where its files are, in which format, with which columns. The schema lists the
 * data columns, then the partition columns (the {@code k=v} directories), as Spark orders them.
 *
 * @param database the database's name, lower case
 * @param name the table's name, lower case
 * @param type managed (the catalog owns the files) or external (the files belong to the user)
 * @param provider the file format: {@code parquet}, {@code csv}, {@code json}
 * @param location the absolute path of the table's directory
 * @param options the format's options ({@code header}, {@code delimiter}...)
 * @param properties free-form properties ({@code TBLPROPERTIES})
 * @param comment the table's comment, or null
 * @param createdMillis when it was created
 * @param statistics what {@code ANALYZE TABLE} measured, or null
 */
public record CatalogTable(
        String database,
        String name,
        TableType type,
        String provider,
        StructType schema,
        List<String> partitionColumns,
        String location,
        Map<String, String> options,
        Map<String, String> properties,
        String comment,
        long createdMillis,
        TableStatistics statistics)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Who owns a table's files. */
    public enum TableType {
        /** Files in the warehouse, deleted with the table. */
        MANAGED,
        /** Files at a location the user gave, kept when the table is dropped. */
        EXTERNAL
    }

    public CatalogTable {
        requireNonNull(database, "database is null");
        requireNonNull(name, "name is null");
        requireNonNull(type, "type is null");
        requireNonNull(provider, "provider is null");
        requireNonNull(schema, "schema is null");
        partitionColumns = List.copyOf(partitionColumns);
        requireNonNull(location, "location is null");
        options = new TreeMap<>(options);
        properties = new TreeMap<>(properties);
    }

    /** {@code db.t}, each part quoted if it must be. */
    public String qualifiedName() {
        return Identifiers.quoteIfNeeded(database) + "." + Identifiers.quoteIfNeeded(name);
    }

    /** The columns stored in the files. */
    public StructType dataSchema() {
        List<StructField> fields = new ArrayList<>();
        for (StructField field : schema) {
            if (!isPartitionColumn(field.name())) {
                fields.add(field);
            }
        }
        return new StructType(fields);
    }

    /** The partition columns, in the order of their directories. */
    public StructType partitionSchema() {
        List<StructField> fields = new ArrayList<>();
        for (String column : partitionColumns) {
            fields.add(schema.apply(column));
        }
        return new StructType(fields);
    }

    public boolean isPartitionColumn(String column) {
        for (String partition : partitionColumns) {
            if (partition.equalsIgnoreCase(column)) {
                return true;
            }
        }
        return false;
    }

    public CatalogTable withName(String newDatabase, String newName, String newLocation) {
        return new CatalogTable(
                newDatabase,
                newName,
                type,
                provider,
                schema,
                partitionColumns,
                newLocation,
                options,
                properties,
                comment,
                createdMillis,
                statistics);
    }

    public CatalogTable withSchema(StructType newSchema) {
        return new CatalogTable(
                database,
                name,
                type,
                provider,
                newSchema,
                partitionColumns,
                location,
                options,
                properties,
                comment,
                createdMillis,
                statistics);
    }

    public CatalogTable withOptions(Map<String, String> newOptions, Map<String, String> newProperties) {
        return new CatalogTable(
                database,
                name,
                type,
                provider,
                schema,
                partitionColumns,
                location,
                newOptions,
                newProperties,
                comment,
                createdMillis,
                statistics);
    }

    /** The table with these statistics; null drops them (after a write made them stale). */
    public CatalogTable withStatistics(TableStatistics newStatistics) {
        return new CatalogTable(
                database,
                name,
                type,
                provider,
                schema,
                partitionColumns,
                location,
                options,
                properties,
                comment,
                createdMillis,
                newStatistics);
    }
}
