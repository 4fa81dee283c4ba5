package dev.ember.sql;

import dev.ember.sql.types.StringType;
import dev.ember.sql.types.StructField;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code Dataset.describe}: for each numeric or string column, its count, mean, stddev, min and max, as strings in
 * rows named by the statistic, as Spark gives them.
 */
final class Describe {
    private static final String[] STATISTICS = {"count", "mean", "stddev", "min", "max"};

    private Describe() {}

    static Dataset<Row> of(Dataset<?> dataset, String... names) {
        return of(dataset, List.of(STATISTICS), names);
    }

    /** Spark's default statistics of {@code summary()}. */
    static final List<String> SUMMARY = List.of("count", "mean", "stddev", "min", "25%", "50%", "75%", "max");

    /**
     * One row per statistic (count, mean, stddev, min, max, count_distinct, approx_count_distinct, or a percentile
     * such as {@code 25%}), one string column per numeric or string column of {@code dataset} (or per named column).
     */
    static Dataset<Row> of(Dataset<?> dataset, List<String> statistics, String... names) {
        List<StructField> columns = new ArrayList<>();
        for (StructField field : dataset.schema()) {
            boolean wanted = names.length == 0
                    ? field.dataType().isNumeric() || field.dataType() instanceof StringType
                    : List.of(names).contains(field.name());
            if (wanted) {
                columns.add(field);
            }
        }
        List<Column> aggregates = new ArrayList<>();
        for (StructField field : columns) {
            Column column = dataset.col(field.name());
            boolean numeric = field.dataType().isNumeric();
            for (String statistic : statistics) {
                aggregates.add(statistic(statistic, column, numeric).cast("string"));
            }
        }
        @SuppressWarnings("unchecked")
        Dataset<Row> rows = (Dataset<Row>) dataset;
        Row values = aggregates.isEmpty()
                ? Row.of()
                : rows.agg(
                                aggregates.get(0),
                                aggregates.subList(1, aggregates.size()).toArray(Column[]::new))
                        .first();
        List<Row> result = new ArrayList<>();
        int count = statistics.size();
        for (int s = 0; s < count; s++) {
            Object[] line = new Object[columns.size() + 1];
            line[0] = statistics.get(s);
            for (int c = 0; c < columns.size(); c++) {
                line[c + 1] = values.get(c * count + s);
            }
            result.add(Row.of(line));
        }
        dev.ember.sql.types.StructType schema = new dev.ember.sql.types.StructType().add("summary", stringType());
        for (StructField field : columns) {
            schema = schema.add(field.name(), stringType());
        }
        return dataset.session().createDataFrame(result, schema);
    }

    private static Column statistic(String statistic, Column column, boolean numeric) {
        String name = statistic.trim().toLowerCase(java.util.Locale.ROOT);
        Column none = functions.lit(null);
        switch (name) {
            case "count":
                return functions.count(column);
            case "mean":
                return numeric ? functions.avg(column) : none;
            case "stddev":
                return numeric ? functions.stddev(column) : none;
            case "min":
                return functions.min(column);
            case "max":
                return functions.max(column);
            case "count_distinct":
                return functions.countDistinct(column);
            case "approx_count_distinct":
                return functions.call_function("approx_count_distinct", column);
            default:
                if (name.endsWith("%")) {
                    double percent;
                    try {
                        percent = Double.parseDouble(name.substring(0, name.length() - 1));
                    } catch (NumberFormatException e) {
                        percent = -1;
                    }
                    if (percent >= 0 && percent <= 100) {
                        return numeric
                                ? functions.call_function("percentile_approx", column, functions.lit(percent / 100.0))
                                : none;
                    }
                }
                throw new dev.ember.EmberException(
                        dev.ember.ErrorClass.INVALID_ARGUMENT,
                        "Unknown statistic '" + statistic + "'; use count, mean, stddev, min, max, count_distinct,"
                                + " approx_count_distinct or a percentile such as 25%");
        }
    }

    private static dev.ember.sql.types.DataType stringType() {
        return dev.ember.sql.types.DataTypes.StringType;
    }
}
