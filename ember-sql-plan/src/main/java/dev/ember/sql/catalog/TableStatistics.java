package dev.ember.sql.catalog;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code ANALYZE TABLE} measured: the bytes of the files, the rows if the table was scanned, and statistics of
 * the columns it was asked for (by lower-case column name). The optimizer uses them to estimate how many rows a
 * plan's parts produce.
 *
 * @param sizeInBytes the total length of the table's files
 * @param rowCount the number of rows, or -1 when only the files were measured ({@code NOSCAN})
 * @param columns statistics per column, by lower-case name
 */
public record TableStatistics(long sizeInBytes, long rowCount, Map<String, ColumnStatistics> columns)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    public TableStatistics {
        columns = new TreeMap<>(columns);
    }

    /**
     * One column's statistics. {@code min} and {@code max} are the values as SQL literals would print them ({@code 3},
     * {@code 2024-01-31}, {@code abc}), null for types without an order or a column of only nulls.
     */
    public record ColumnStatistics(long distinctCount, long nullCount, String min, String max, long maxLength)
            implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
