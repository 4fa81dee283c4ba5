package dev.ember.sql;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.CatalogTable;
import dev.ember.sql.catalog.TableStatistics;
import dev.ember.sql.plans.logical.commands.AnalyzeTable;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code ANALYZE TABLE t COMPUTE STATISTICS [NOSCAN | FOR COLUMNS a, b | FOR ALL COLUMNS]}: measures the table and
 * keeps the numbers in its catalog entry, where the optimizer reads them. The size is the files' total length; a scan
 * counts the rows; column statistics come from one aggregation over the table: distinct values (approximate, within a
 * few percent, as Spark's), nulls, minimum and maximum (for ordered types) and the longest value (for strings).
 */
final class TableStatisticsCommand {
    private TableStatisticsCommand() {}

    static void analyze(EmberSession session, CatalogTable table, AnalyzeTable analyze) {
        if (!analyze.partition().isEmpty()) {
            throw new EmberException(
                    ErrorClass.UNSUPPORTED_FEATURE,
                    "ANALYZE TABLE ... PARTITION is not supported; analyze the whole table");
        }
        long size = sizeOf(Path.of(table.location()));
        TableStatistics old = table.statistics();
        if (analyze.noScan()) {
            // Row and column counts stay only while the files are the ones they were measured on.
            boolean same = old != null && old.sizeInBytes() == size;
            TableStatistics statistics =
                    new TableStatistics(size, same ? old.rowCount() : -1, same ? old.columns() : Map.of());
            save(session, table, statistics);
            return;
        }
        List<StructField> columns = new ArrayList<>();
        if (analyze.allColumns()) {
            columns.addAll(table.schema().fields());
        } else {
            for (String name : analyze.columns()) {
                if (table.schema().indexOf(name).isEmpty()) {
                    throw new EmberException(
                            ErrorClass.UNRESOLVED_COLUMN,
                            "The table " + table.qualifiedName() + " has no column " + Identifiers.quote(name)
                                    + "; its columns are "
                                    + List.of(table.schema().fieldNames()));
                }
                columns.add(table.schema().apply(name));
            }
        }
        List<String> aggregates = new ArrayList<>();
        aggregates.add("count(1)");
        for (StructField column : columns) {
            String name = Identifiers.quote(column.name());
            aggregates.add("approx_count_distinct(" + name + ")");
            aggregates.add("count(" + name + ")");
            boolean ordered = ordered(column.dataType());
            aggregates.add(ordered ? "CAST(min(" + name + ") AS STRING)" : "CAST(NULL AS STRING)");
            aggregates.add(ordered ? "CAST(max(" + name + ") AS STRING)" : "CAST(NULL AS STRING)");
            aggregates.add(
                    column.dataType() instanceof StringType || column.dataType() instanceof BinaryType
                            ? "CAST(max(length(" + name + ")) AS BIGINT)"
                            : "CAST(NULL AS BIGINT)");
        }
        Dataset<Row> scan = Dataset.ofRows(session, Tables.relation(session, table));
        Row row = scan.selectExpr(aggregates.toArray(String[]::new)).first();
        long rows = row.getLong(0);
        Map<String, TableStatistics.ColumnStatistics> stats = new LinkedHashMap<>();
        if (old != null) {
            stats.putAll(old.columns());
        }
        for (int i = 0; i < columns.size(); i++) {
            int at = 1 + 5 * i;
            long nonNull = row.getLong(at + 1);
            stats.put(
                    Identifiers.normalize(columns.get(i).name()),
                    new TableStatistics.ColumnStatistics(
                            Math.min(row.getLong(at), nonNull),
                            rows - nonNull,
                            (String) row.get(at + 2),
                            (String) row.get(at + 3),
                            row.isNullAt(at + 4) ? -1 : row.getLong(at + 4)));
        }
        save(session, table, new TableStatistics(size, rows, stats));
    }

    private static boolean ordered(DataType type) {
        return !(type instanceof ArrayType
                || type instanceof MapType
                || type instanceof StructType
                || type instanceof BinaryType
                || type instanceof BooleanType);
    }

    private static void save(EmberSession session, CatalogTable table, TableStatistics statistics) {
        session.sessionCatalog()
                .external()
                .alterTable(table.database(), table.name(), current -> current.withStatistics(statistics));
    }

    /** The total length of the data files under {@code location} (hidden ones left out). */
    private static long sizeOf(Path location) {
        if (!Files.isDirectory(location)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(location)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        for (Path part : location.relativize(file)) {
                            String name = part.toString();
                            if (dev.ember.sql.sources.PartitionPaths.isHidden(name)) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .mapToLong(file -> {
                        try {
                            return Files.size(file);
                        } catch (IOException e) {
                            return 0;
                        }
                    })
                    .sum();
        } catch (IOException e) {
            throw new EmberException(ErrorClass.INPUT_READ_FAILED, "Cannot list " + location + ": " + e, e);
        }
    }
}
