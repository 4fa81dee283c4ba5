package dev.ember.sql;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Dataset grouped by keys ({@link Dataset#groupBy}), waiting for its aggregates: {@code agg(sum("a"), max("b"))} or
 * the shortcuts {@code count()}, {@code sum("a")}... The result has the grouping columns first, then the aggregates.
 */
public final class RelationalGroupedDataset {
    private final EmberSession session;
    private final LogicalPlan child;
    private final List<Expression> grouping;
    private final List<List<Expression>> sets;
    /** After {@link #pivot}: the column whose values become columns, and those values; else null. */
    private final Expression pivotColumn;

    private final List<Expression> pivotValues;

    RelationalGroupedDataset(EmberSession session, LogicalPlan child, List<Expression> grouping) {
        this(session, child, grouping, null);
    }

    private RelationalGroupedDataset(
            RelationalGroupedDataset grouped, Expression pivotColumn, List<Expression> pivotValues) {
        this.session = grouped.session;
        this.child = grouped.child;
        this.grouping = grouped.grouping;
        this.sets = grouped.sets;
        this.pivotColumn = pivotColumn;
        this.pivotValues = List.copyOf(pivotValues);
    }

    /** Grouped by each of {@code sets} (subsets of {@code grouping}), as ROLLUP, CUBE and GROUPING SETS are. */
    RelationalGroupedDataset(
            EmberSession session, LogicalPlan child, List<Expression> grouping, List<List<Expression>> sets) {
        this.session = session;
        this.child = child;
        this.grouping = List.copyOf(grouping);
        this.sets = sets == null ? null : List.copyOf(sets);
        this.pivotColumn = null;
        this.pivotValues = null;
    }

    /**
     * Pivots on {@code column}: the aggregation that follows makes a column per value (and aggregate), as SQL's {@code
     * PIVOT} does. A combination of group and value without rows gives null.
     */
    public RelationalGroupedDataset pivot(String column, List<?> values) {
        return pivot(new Column(column), values);
    }

    public RelationalGroupedDataset pivot(Column column, List<?> values) {
        if (sets != null || pivotColumn != null) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.UNSUPPORTED_FEATURE,
                    "pivot follows groupBy only once, not rollup, cube or another pivot");
        }
        List<Expression> literals = new ArrayList<>();
        for (Object value : values) {
            literals.add(functions.lit(value).expr());
        }
        return new RelationalGroupedDataset(this, column.expr(), literals);
    }

    /** Pivots on the distinct values of {@code column}, in order, found by running a query first (at most 10000). */
    public RelationalGroupedDataset pivot(String column) {
        return pivot(new Column(column));
    }

    public RelationalGroupedDataset pivot(Column column) {
        List<Row> distinct = Dataset.ofRows(session, child)
                .select(column)
                .distinct()
                .orderBy(new Column(column.expr()).asc_nulls_first())
                .limit(MAX_PIVOT_VALUES + 1)
                .collectAsList();
        if (distinct.size() > MAX_PIVOT_VALUES) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_ARGUMENT,
                    "The pivot column " + column + " has more than " + MAX_PIVOT_VALUES
                            + " distinct values; name the values to pivot on with pivot(column, values)");
        }
        List<Object> values = new ArrayList<>();
        for (Row row : distinct) {
            values.add(row.get(0));
        }
        return pivot(column, values);
    }

    private static final int MAX_PIVOT_VALUES = 10_000;

    /** The sets of {@code rollup(a, b)}: (a, b), (a), (). */
    static List<List<Expression>> rollupSets(List<Expression> keys) {
        List<List<Expression>> sets = new ArrayList<>();
        for (int n = keys.size(); n >= 0; n--) {
            sets.add(List.copyOf(keys.subList(0, n)));
        }
        return sets;
    }

    /** The sets of {@code cube(a, b)}, in Spark's order: (a, b), (a), (b), (). */
    static List<List<Expression>> cubeSets(List<Expression> keys) {
        List<List<Expression>> sets = new ArrayList<>();
        if (keys.isEmpty()) {
            sets.add(List.of());
            return sets;
        }
        List<List<Expression>> rest = cubeSets(keys.subList(1, keys.size()));
        for (List<Expression> set : rest) {
            List<Expression> with = new ArrayList<>();
            with.add(keys.get(0));
            with.addAll(set);
            sets.add(with);
        }
        sets.addAll(rest);
        return sets;
    }

    public Dataset<Row> agg(Column aggregate, Column... more) {
        List<Column> aggregates = new ArrayList<>();
        aggregates.add(aggregate);
        aggregates.addAll(List.of(more));
        return aggregate(aggregates);
    }

    /** {@code agg(Map.of("a", "sum", "b", "max"))}: a function name per column. */
    public Dataset<Row> agg(Map<String, String> columnFunctions) {
        List<Column> aggregates = new ArrayList<>();
        columnFunctions.forEach((column, function) -> aggregates.add(
                new Column(new UnresolvedFunction(function, List.of(new Column(column).expr()), false, null))
                        .as(function + "(" + column + ")")));
        return aggregate(aggregates);
    }

    private Dataset<Row> aggregate(List<Column> aggregates) {
        List<NamedExpression> list = new ArrayList<>();
        for (Expression key : grouping) {
            list.add(key instanceof NamedExpression named ? named : Alias.of(key, Expressions.autoName(key)));
        }
        for (Column aggregate : aggregates) {
            list.add(aggregate.named());
        }
        if (sets != null) {
            return Dataset.ofRows(session, new dev.ember.sql.plans.logical.GroupingSets(sets, grouping, list, child));
        }
        if (pivotColumn != null) {
            List<NamedExpression> keys = new ArrayList<>(list.subList(0, grouping.size()));
            List<NamedExpression> aggregated = new ArrayList<>(list.subList(grouping.size(), list.size()));
            List<String> names = new ArrayList<>();
            for (int i = 0; i < pivotValues.size(); i++) {
                names.add(null);
            }
            return Dataset.ofRows(
                    session,
                    new dev.ember.sql.plans.logical.Pivot(keys, pivotColumn, pivotValues, names, aggregated, child));
        }
        return Dataset.ofRows(session, new Aggregate(grouping, list, child));
    }

    public Dataset<Row> count() {
        return aggregate(List.of(functions.count("*").as("count")));
    }

    public Dataset<Row> sum(String... columns) {
        return shortcut("sum", columns);
    }

    public Dataset<Row> avg(String... columns) {
        return shortcut("avg", columns);
    }

    public Dataset<Row> mean(String... columns) {
        return shortcut("avg", columns);
    }

    public Dataset<Row> min(String... columns) {
        return shortcut("min", columns);
    }

    public Dataset<Row> max(String... columns) {
        return shortcut("max", columns);
    }

    /** The function on each named column, or with none named on every numeric column that is not a key. */
    private Dataset<Row> shortcut(String function, String... columns) {
        List<String> names = new ArrayList<>(List.of(columns));
        if (names.isEmpty()) {
            for (Attribute attribute : child.output()) {
                if (attribute.dataType().isNumeric() && !isKey(attribute)) {
                    names.add(attribute.name());
                }
            }
        }
        List<Column> aggregates = new ArrayList<>();
        for (String name : names) {
            aggregates.add(Column.call(function, new Column(name)).as(function + "(" + name + ")"));
        }
        return aggregate(aggregates);
    }

    private boolean isKey(Attribute attribute) {
        for (Expression key : grouping) {
            if (key.equals(attribute)
                    || (key instanceof UnresolvedAttribute name
                            && Identifiers.normalize(name.name()).equals(Identifiers.normalize(attribute.name())))) {
                return true;
            }
        }
        return false;
    }

    /** {@code dropDuplicates(columns)}: one row per distinct value of the columns, the others from any such row. */
    Dataset<Row> dropDuplicates(List<String> columns) {
        List<Expression> keys = new ArrayList<>();
        List<NamedExpression> list = new ArrayList<>();
        List<String> wanted = columns.stream().map(Identifiers::normalize).toList();
        for (Attribute attribute : child.output()) {
            if (wanted.contains(Identifiers.normalize(attribute.name()))) {
                keys.add(attribute);
                list.add(attribute);
            } else {
                list.add(Alias.of(new UnresolvedFunction("first", List.of(attribute), false, null), attribute.name()));
            }
        }
        if (keys.size() != wanted.size()) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.UNRESOLVED_COLUMN,
                    "dropDuplicates names columns that are not there: " + columns + "; the columns are "
                            + child.output().stream().map(Attribute::name).toList());
        }
        return Dataset.ofRows(session, new Aggregate(keys, list, child));
    }

    static RelationalGroupedDataset rollup(EmberSession session, LogicalPlan child, Column... columns) {
        List<Expression> keys = keys(columns);
        return new RelationalGroupedDataset(session, child, keys, rollupSets(keys));
    }

    static RelationalGroupedDataset cube(EmberSession session, LogicalPlan child, Column... columns) {
        List<Expression> keys = keys(columns);
        return new RelationalGroupedDataset(session, child, keys, cubeSets(keys));
    }

    private static List<Expression> keys(Column... columns) {
        List<Expression> keys = new ArrayList<>();
        for (Column column : columns) {
            keys.add(column.expr());
        }
        return keys;
    }
}
