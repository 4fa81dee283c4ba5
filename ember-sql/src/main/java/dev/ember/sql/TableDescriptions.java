package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.catalog.TableStatistics;
import dev.ember.sql.plans.logical.commands.PartitionValue;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructField;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code DESCRIBE TABLE}, {@code SHOW CREATE TABLE} and {@code SHOW PARTITIONS} report of a table. */
final class TableDescriptions {
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern(
                    "EEE MMM dd HH:mm:ss 'UTC' yyyy", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private TableDescriptions() {}

    /** The columns; then the partition columns; with {@code extended}, where and how the table is kept. */
    static List<Object[]> describe(CatalogTable table, boolean extended) {
        List<Object[]> rows = new ArrayList<>();
        for (StructField field : table.schema()) {
            rows.add(new Object[] {field.name(), field.dataType().simpleString(), field.comment()});
        }
        if (!table.partitionColumns().isEmpty()) {
            rows.add(new Object[] {"# Partition Information", "", ""});
            rows.add(new Object[] {"# col_name", "data_type", "comment"});
            for (StructField field : table.partitionSchema()) {
                rows.add(new Object[] {field.name(), field.dataType().simpleString(), field.comment()});
            }
        }
        if (extended) {
            rows.add(new Object[] {"", "", ""});
            rows.add(new Object[] {"# Detailed Table Information", "", ""});
            rows.add(new Object[] {"Catalog", SessionCatalog.SESSION_CATALOG_NAME, ""});
            rows.add(new Object[] {"Database", table.database(), ""});
            rows.add(new Object[] {"Table", table.name(), ""});
            rows.add(new Object[] {"Created Time", CREATED.format(Instant.ofEpochMilli(table.createdMillis())), ""});
            rows.add(new Object[] {"Type", table.type().name(), ""});
            rows.add(new Object[] {"Provider", table.provider(), ""});
            if (table.comment() != null) {
                rows.add(new Object[] {"Comment", table.comment(), ""});
            }
            if (table.statistics() != null) {
                rows.add(new Object[] {"Statistics", statistics(table.statistics()), ""});
            }
            rows.add(new Object[] {"Location", "file:" + table.location(), ""});
            if (!table.options().isEmpty()) {
                rows.add(new Object[] {"Storage Properties", TableCommands.properties(table.options()), ""});
            }
            if (!table.properties().isEmpty()) {
                rows.add(new Object[] {"Table Properties", TableCommands.properties(table.properties()), ""});
            }
            if (table.statistics() != null) {
                for (var column : table.statistics().columns().entrySet()) {
                    TableStatistics.ColumnStatistics c = column.getValue();
                    rows.add(new Object[] {
                        "Column Statistics " + column.getKey(),
                        "distinct " + c.distinctCount() + ", nulls " + c.nullCount() + ", min " + c.min() + ", max "
                                + c.max() + ", max length " + c.maxLength(),
                        ""
                    });
                }
            }
        }
        return rows;
    }

    private static String statistics(TableStatistics statistics) {
        return statistics.sizeInBytes() + " bytes"
                + (statistics.rowCount() >= 0 ? ", " + statistics.rowCount() + " rows" : "");
    }

    /** A {@code CREATE TABLE} statement that makes the same table (in the warehouse, unless it is external). */
    static String createStatement(CatalogTable table) {
        StringBuilder sql = new StringBuilder("CREATE TABLE ")
                .append(SessionCatalog.SESSION_CATALOG_NAME)
                .append('.')
                .append(table.qualifiedName())
                .append(" (\n");
        List<StructField> fields = table.schema().fields();
        for (int i = 0; i < fields.size(); i++) {
            sql.append("  ").append(fields.get(i).toDDL()).append(i + 1 < fields.size() ? ",\n" : ")\n");
        }
        sql.append("USING ").append(table.provider()).append('\n');
        if (!table.options().isEmpty()) {
            sql.append("OPTIONS (\n").append(propertyList(table.options())).append(")\n");
        }
        if (!table.partitionColumns().isEmpty()) {
            List<String> quoted = new ArrayList<>();
            for (String column : table.partitionColumns()) {
                quoted.add(Identifiers.quoteIfNeeded(column));
            }
            sql.append("PARTITIONED BY (").append(String.join(", ", quoted)).append(")\n");
        }
        if (table.comment() != null) {
            sql.append("COMMENT ").append(literal(table.comment())).append('\n');
        }
        if (table.type() == CatalogTable.TableType.EXTERNAL) {
            sql.append("LOCATION ").append(literal(table.location())).append('\n');
        }
        if (!table.properties().isEmpty()) {
            sql.append("TBLPROPERTIES (\n")
                    .append(propertyList(table.properties()))
                    .append(")\n");
        }
        return sql.toString();
    }

    private static String propertyList(Map<String, String> properties) {
        List<String> lines = new ArrayList<>();
        properties.forEach((key, value) -> lines.add("  " + literal(key) + " = " + literal(value)));
        return String.join(",\n", lines) + "\n";
    }

    private static String literal(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The partitions of the table ({@code p=1/q=a}) that match {@code filter}, sorted. */
    static List<Object[]> partitions(EmberSession session, CatalogTable table, List<PartitionValue> filter) {
        if (table.partitionColumns().isEmpty()) {
            throw new EmberException(
                    ErrorClass.INVALID_SQL,
                    "SHOW PARTITIONS needs a partitioned table; " + table.qualifiedName() + " is not partitioned");
        }
        Map<String, Object> values = Tables.partitionValues(session, table, filter, "SHOW PARTITIONS");
        List<Object[]> rows = new ArrayList<>();
        for (String partition : Tables.matchingPartitions(session, table, values)) {
            rows.add(new Object[] {partition});
        }
        return rows;
    }
}
