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
            aggregates.add(functions.count(column).cast("string"));
            aggregates.add(
                    numeric
                            ? functions.avg(column).cast("string")
                            : functions.lit(null).cast("string"));
            aggregates.add(
                    numeric
                            ? functions.stddev(column).cast("string")
                            : functions.lit(null).cast("string"));
            aggregates.add(functions.min(column).cast("string"));
            aggregates.add(functions.max(column).cast("string"));
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
        for (int s = 0; s < STATISTICS.length; s++) {
            Object[] line = new Object[columns.size() + 1];
            line[0] = STATISTICS[s];
            for (int c = 0; c < columns.size(); c++) {
                line[c + 1] = values.get(c * STATISTICS.length + s);
            }
            result.add(Row.of(line));
        }
        dev.ember.sql.types.StructType schema = new dev.ember.sql.types.StructType().add("summary", stringType());
        for (StructField field : columns) {
            schema = schema.add(field.name(), stringType());
        }
        return dataset.session().createDataFrame(result, schema);
    }

    private static dev.ember.sql.types.DataType stringType() {
        return dev.ember.sql.types.DataTypes.StringType;
    }
}
