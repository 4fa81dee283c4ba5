package dev.ember.sql;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StringType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Missing values ({@code null}, and {@code NaN} for floating columns): {@code df.na().fill(0)}, {@code drop()}. */
public final class DataFrameNaFunctions {
    private final Dataset<Row> dataset;

    @SuppressWarnings("unchecked")
    DataFrameNaFunctions(Dataset<?> dataset) {
        this.dataset = (Dataset<Row>) dataset;
    }

    /** Drops rows with any null (or NaN) value. */
    public Dataset<Row> drop() {
        return drop("any");
    }

    /** {@code "any"}: drops rows with any null; {@code "all"}: drops rows whose values are all null. */
    public Dataset<Row> drop(String how) {
        return drop(how, dataset.columns());
    }

    public Dataset<Row> drop(String how, String... columns) {
        boolean all =
                switch (how.toLowerCase(java.util.Locale.ROOT)) {
                    case "any" -> false;
                    case "all" -> true;
                    default ->
                        throw new dev.ember.EmberException(
                                dev.ember.ErrorClass.INVALID_ARGUMENT,
                                "na().drop takes \"any\" or \"all\", not \"" + how + "\"");
                };
        return all ? drop(1, columns) : drop(columns.length, columns);
    }

    /** Keeps rows with at least {@code minNonNulls} values that are neither null nor NaN among {@code columns}. */
    public Dataset<Row> drop(int minNonNulls, String... columns) {
        Column count = functions.lit(0);
        for (String name : columns) {
            Column column = dataset.col(name);
            Column present = column.isNotNull();
            if (isFloating(name)) {
                present = present.and(functions.isnan(column).not());
            }
            count = count.plus(functions.when(present, 1).otherwise(0));
        }
        return dataset.filter(count.geq(minNonNulls));
    }

    /** Replaces nulls (and NaN) of numeric columns with {@code value}. */
    public Dataset<Row> fill(double value) {
        return fillWhere(value, type -> type.isNumeric(), dataset.columns());
    }

    public Dataset<Row> fill(long value) {
        return fillWhere(value, type -> type.isNumeric(), dataset.columns());
    }

    /** Replaces nulls of string columns with {@code value}. */
    public Dataset<Row> fill(String value) {
        return fillWhere(value, type -> type instanceof StringType, dataset.columns());
    }

    public Dataset<Row> fill(boolean value) {
        return fillWhere(value, type -> type instanceof BooleanType, dataset.columns());
    }

    public Dataset<Row> fill(double value, String... columns) {
        return fillWhere(value, type -> type.isNumeric(), columns);
    }

    public Dataset<Row> fill(String value, String... columns) {
        return fillWhere(value, type -> type instanceof StringType, columns);
    }

    /** A replacement value per column. */
    public Dataset<Row> fill(Map<String, Object> values) {
        Dataset<Row> result = dataset;
        for (Map.Entry<String, Object> entry : values.entrySet()) {
            result = new DataFrameNaFunctions(result)
                    .fillWhere(entry.getValue(), type -> true, new String[] {entry.getKey()});
        }
        return result;
    }

    private Dataset<Row> fillWhere(Object value, java.util.function.Predicate<DataType> applies, String[] columns) {
        List<String> wanted = new ArrayList<>();
        for (String column : columns) {
            wanted.add(Identifiers.normalize(column));
        }
        List<Column> projection = new ArrayList<>();
        for (Attribute attribute : dataset.analyzedPlan().output()) {
            Column column = new Column(attribute);
            if (wanted.contains(Identifiers.normalize(attribute.name())) && applies.test(attribute.dataType())) {
                Expression replacement =
                        functions.lit(value).cast(attribute.dataType()).expr();
                Column filled = functions.coalesce(column, new Column(replacement));
                if (isFloating(attribute.name())) {
                    filled = functions
                            .when(functions.isnan(column), new Column(replacement))
                            .otherwise(filled);
                }
                projection.add(filled.as(attribute.name()));
            } else {
                projection.add(column);
            }
        }
        return dataset.select(projection.toArray(Column[]::new));
    }

    private boolean isFloating(String name) {
        for (Attribute attribute : dataset.analyzedPlan().output()) {
            if (Identifiers.normalize(attribute.name()).equals(Identifiers.normalize(name))) {
                return attribute.dataType() instanceof dev.ember.sql.types.DoubleType
                        || attribute.dataType() instanceof dev.ember.sql.types.FloatType;
            }
        }
        return false;
    }
}
