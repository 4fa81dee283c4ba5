package dev.ember.sql.execution.scan;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.planner.ScannableSource;
import dev.ember.sql.plans.logical.SourceRelation;
import dev.ember.sql.sources.jdbc.JdbcDialect;
import dev.ember.sql.sources.jdbc.JdbcOptions;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A table or query of a database read over JDBC. The schema comes from the database when the relation is made (a query
 * that returns no rows); a scan reads the columns a query needs, one task per partition: the ranges of {@code
 * partitionColumn} between the bounds, the given predicates, or the whole table in one task.
 *
 * @param zoned per column, whether the database's type carries a time zone
 * @param partitions per task, the condition it adds to the query; a single null for one task reading everything
 */
public record JdbcRelation(
        JdbcOptions options, StructType schema, List<Boolean> zoned, List<String> partitions, String timeZone)
        implements ScannableSource {
    private static final long serialVersionUID = 1L;

    public JdbcRelation {
        requireNonNull(options, "options is null");
        requireNonNull(schema, "schema is null");
        zoned = List.copyOf(zoned);
        partitions = java.util.Collections.unmodifiableList(new ArrayList<>(partitions));
        requireNonNull(timeZone, "timeZone is null");
    }

    /**
     * The relation of the options, asking the database for its columns; {@code predicates} (may be null) make one task
     * each.
     */
    public static JdbcRelation resolve(JdbcOptions options, String timeZone, List<String> predicates) {
        JdbcDialect dialect = options.dialect();
        List<StructField> fields = new ArrayList<>();
        List<Boolean> zoned = new ArrayList<>();
        try (Connection connection = options.connect();
                Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(options.queryTimeoutSeconds());
            try (ResultSet rows = statement.executeQuery("SELECT * FROM " + options.from() + " WHERE 1=0")) {
                ResultSetMetaData meta = rows.getMetaData();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnLabel(i);
                    String typeName = meta.getColumnTypeName(i);
                    DataType type = dialect.emberType(
                            meta.getColumnType(i), typeName, meta.getPrecision(i), meta.getScale(i), name);
                    fields.add(new StructField(name, type, meta.isNullable(i) != ResultSetMetaData.columnNoNulls));
                    String lower = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
                    zoned.add(lower.contains("tz")
                            || lower.contains("time zone")
                            || meta.getColumnType(i) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
                }
            }
        } catch (SQLException e) {
            throw new EmberException(
                    ErrorClass.INPUT_READ_FAILED,
                    "Cannot read the columns of " + options.from() + " from " + options.redactedUrl() + ": "
                            + options.scrub(e.getMessage()),
                    options.scrubbed(e));
        }
        StructType schema = new StructType(fields);
        List<String> partitions = new ArrayList<>();
        if (predicates != null && !predicates.isEmpty()) {
            partitions.addAll(predicates);
        } else if (options.partitionColumn() != null) {
            partitions.addAll(ranges(options, schema, dialect));
        } else {
            partitions.add(null);
        }
        return new JdbcRelation(options, schema, zoned, partitions, timeZone);
    }

    /**
     * Spark's ranges: {@code numPartitions} strides between the bounds, the first also taking nulls and everything
     * below, the last everything above. The bounds only decide the strides; no row is left out.
     */
    static List<String> ranges(JdbcOptions options, StructType schema, JdbcDialect dialect) {
        StructField field = null;
        for (StructField candidate : schema) {
            if (candidate.name().equalsIgnoreCase(options.partitionColumn())) {
                field = candidate;
            }
        }
        if (field == null || !field.dataType().isNumeric()) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The JDBC option partitionColumn names " + options.partitionColumn() + ", which is not a numeric"
                            + " column of " + options.from() + " " + List.of(schema.fieldNames()));
        }
        String column = dialect.quote(field.name());
        long lower = options.lowerBound();
        long upper = options.upperBound();
        long width;
        try {
            width = Math.subtractExact(upper, lower);
        } catch (ArithmeticException e) {
            width = Long.MAX_VALUE;
        }
        long count = Math.max(1, Math.min(options.numPartitions(), width));
        if (count == 1) {
            return java.util.Collections.singletonList(null);
        }
        // The stride as Spark computes it, without overflow for bounds far apart.
        long stride = upper / count - lower / count;
        List<String> ranges = new ArrayList<>();
        long bound = lower;
        for (int i = 0; i < count; i++) {
            String low = i == 0 ? null : column + " >= " + bound;
            bound += stride;
            String high = i == count - 1 ? null : column + " < " + bound;
            if (low == null) {
                ranges.add(high + " OR " + column + " IS NULL");
            } else if (high == null) {
                ranges.add(low);
            } else {
                ranges.add(low + " AND " + high);
            }
        }
        return ranges;
    }

    @Override
    public String description() {
        return "JDBC " + options.redactedUrl() + " " + options.from()
                + (partitions.size() > 1 ? " (" + partitions.size() + " partitions)" : "");
    }

    @Override
    public PhysicalPlan scan(SourceRelation relation) {
        JdbcDialect dialect = options.dialect();
        List<Expression> pushed = new ArrayList<>();
        List<String> compiled = new ArrayList<>();
        if (options.pushDownPredicate()) {
            for (Expression filter : relation.pushedFilters()) {
                String sql = dialect.compile(filter);
                if (sql != null) {
                    pushed.add(filter);
                    compiled.add(sql);
                }
            }
        }
        return new JdbcScanExec(this, relation.output(), pushed, compiled);
    }
}
