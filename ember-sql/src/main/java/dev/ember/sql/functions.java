package dev.ember.sql;

import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.UnresolvedNamedLambdaVariable;
import dev.ember.sql.parser.SqlParser;
import java.util.ArrayList;
import java.util.List;

/**
 * The functions of the DataFrame API, by Spark's names: {@code col}, {@code lit}, {@code expr}, {@code when}, the
 * aggregates, and the SQL function library. Any function of the library, including ones without a method here, is
 * reachable with {@link #call_function}. Arguments are columns; where Spark takes a column name as a string, so does
 * this class.
 */
@SuppressWarnings({"checkstyle:MethodName", "unused"})
public final class functions extends LibraryColumns {
    private functions() {}

    public static Column col(String name) {
        return new Column(name);
    }

    public static Column column(String name) {
        return new Column(name);
    }

    /** A constant; a Column stays as it is. */
    public static Column lit(Object value) {
        return value instanceof Column column ? column : new Column(Literal.of(value));
    }

    /** A column written as SQL: {@code expr("a + 1 AS b")}. */
    public static Column expr(String sql) {
        return new Column(SqlParser.get().parseExpression(sql));
    }

    /** {@code CASE WHEN condition THEN value}, continued with {@link Column#when} and {@link Column#otherwise}. */
    public static Column when(Column condition, Object value) {
        return new Column(new CaseWhen(List.of(condition.expr()), List.of(Column.toExpression(value)), null));
    }

    /** A call of any function of the SQL library by name. */
    /**
     * A typed {@link Aggregator} as an aggregate function of columns whose values {@code input} reads (one column per
     * field of a bean or record, or one for a single value): {@code df.agg(udaf(new Median(), Encoders.DOUBLE())
     * .apply(col("x")))}; register it with {@code udf().register(name, ...)} to call it in SQL.
     */
    public static <IN> UserDefinedAggregate udaf(Aggregator<IN, ?, ?> aggregator, Encoder<IN> input) {
        String name = aggregator.getClass().getSimpleName().isEmpty()
                ? "udaf"
                : aggregator.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        return new UserDefinedAggregate(name, aggregator, input);
    }

    public static Column call_function(String name, Column... arguments) {
        return Column.call(name, arguments);
    }

    // Higher-order functions: the lambda is a Java function from columns to a column, called once to build the body.

    /** {@code transform(array, x -> f(x))}: the array of {@code f} applied to each element. */
    public static Column transform(Column array, java.util.function.Function<Column, Column> f) {
        return Column.call("transform", array, lambda(1, p -> f.apply(p[0])));
    }

    /** {@code transform(array, (x, i) -> f(x, i))}, {@code i} the element's index from 0. */
    public static Column transform(Column array, java.util.function.BiFunction<Column, Column, Column> f) {
        return Column.call("transform", array, lambda(2, p -> f.apply(p[0], p[1])));
    }

    /** The elements for which {@code predicate} is true. */
    public static Column filter(Column array, java.util.function.Function<Column, Column> predicate) {
        return Column.call("filter", array, lambda(1, p -> predicate.apply(p[0])));
    }

    /** The elements for which {@code predicate(x, i)} is true, {@code i} the element's index from 0. */
    public static Column filter(Column array, java.util.function.BiFunction<Column, Column, Column> predicate) {
        return Column.call("filter", array, lambda(2, p -> predicate.apply(p[0], p[1])));
    }

    /** Whether {@code predicate} is true for some element (null if for none but null for some). */
    public static Column exists(Column array, java.util.function.Function<Column, Column> predicate) {
        return Column.call("exists", array, lambda(1, p -> predicate.apply(p[0])));
    }

    /** Whether {@code predicate} is true for every element (null if false for none but null for some). */
    public static Column forall(Column array, java.util.function.Function<Column, Column> predicate) {
        return Column.call("forall", array, lambda(1, p -> predicate.apply(p[0])));
    }

    /** The elements folded into {@code zero} with {@code merge(accumulator, element)}. */
    public static Column aggregate(
            Column array, Column zero, java.util.function.BiFunction<Column, Column, Column> merge) {
        return Column.call("aggregate", array, zero, lambda(2, p -> merge.apply(p[0], p[1])));
    }

    /** The elements folded into {@code zero} with {@code merge}, then {@code finish} applied to the result. */
    public static Column aggregate(
            Column array,
            Column zero,
            java.util.function.BiFunction<Column, Column, Column> merge,
            java.util.function.Function<Column, Column> finish) {
        return Column.call(
                "aggregate", array, zero, lambda(2, p -> merge.apply(p[0], p[1])), lambda(1, p -> finish.apply(p[0])));
    }

    /** {@code f} applied to the elements of both arrays at each index (null past the end of the shorter). */
    public static Column zip_with(Column left, Column right, java.util.function.BiFunction<Column, Column, Column> f) {
        return Column.call("zip_with", left, right, lambda(2, p -> f.apply(p[0], p[1])));
    }

    /** The entries of the map for which {@code predicate(key, value)} is true. */
    public static Column map_filter(Column map, java.util.function.BiFunction<Column, Column, Column> predicate) {
        return Column.call("map_filter", map, lambda(2, p -> predicate.apply(p[0], p[1])));
    }

    /** The map with each key replaced by {@code f(key, value)}. */
    public static Column transform_keys(Column map, java.util.function.BiFunction<Column, Column, Column> f) {
        return Column.call("transform_keys", map, lambda(2, p -> f.apply(p[0], p[1])));
    }

    /** The map with each value replaced by {@code f(key, value)}. */
    public static Column transform_values(Column map, java.util.function.BiFunction<Column, Column, Column> f) {
        return Column.call("transform_values", map, lambda(2, p -> f.apply(p[0], p[1])));
    }

    /** The array sorted by {@code comparator(l, r)}: negative, 0 or positive as l is before, equal to or after r. */
    public static Column array_sort(Column array, java.util.function.BiFunction<Column, Column, Column> comparator) {
        return Column.call("array_sort", array, lambda(2, p -> comparator.apply(p[0], p[1])));
    }

    private static final java.util.concurrent.atomic.AtomicLong LAMBDA_PARAMETERS =
            new java.util.concurrent.atomic.AtomicLong();

    /** A lambda of {@code arity} parameters with fresh names, its body what {@code body} makes of them. */
    private static Column lambda(int arity, java.util.function.Function<Column[], Column> body) {
        List<String> names = new ArrayList<>();
        Column[] parameters = new Column[arity];
        for (int i = 0; i < arity; i++) {
            String name = "x_" + LAMBDA_PARAMETERS.getAndIncrement();
            names.add(name);
            parameters[i] = new Column(new UnresolvedNamedLambdaVariable(name));
        }
        return new Column(new LambdaFunction(body.apply(parameters).expr(), names));
    }

    public static Column asc(String name) {
        return col(name).asc();
    }

    public static Column desc(String name) {
        return col(name).desc();
    }

    public static Column countDistinct(Column column, Column... more) {
        List<Expression> arguments = new ArrayList<>();
        arguments.add(column.expr());
        for (Column other : more) {
            arguments.add(other.expr());
        }
        return new Column(new UnresolvedFunction("count", arguments, true, null));
    }

    public static Column count_distinct(Column column, Column... more) {
        return countDistinct(column, more);
    }

    public static Column sumDistinct(Column column) {
        return new Column(new UnresolvedFunction("sum", List.of(column.expr()), true, null));
    }

    public static Column count(String name) {
        return name.equals("*") ? Column.call("count", new Column("*")) : count(col(name));
    }

    public static Column coalesce(Column... columns) {
        return Column.call("coalesce", columns);
    }

    public static Column greatest(Column... columns) {
        return Column.call("greatest", columns);
    }

    public static Column least(Column... columns) {
        return Column.call("least", columns);
    }

    public static Column concat(Column... columns) {
        return Column.call("concat", columns);
    }

    public static Column concat_ws(String separator, Column... columns) {
        Column[] arguments = new Column[columns.length + 1];
        arguments[0] = lit(separator);
        System.arraycopy(columns, 0, arguments, 1, columns.length);
        return Column.call("concat_ws", arguments);
    }

    public static Column array(Column... columns) {
        return Column.call("array", columns);
    }

    public static Column struct(Column... columns) {
        return Column.call("struct", columns);
    }

    public static Column map(Column... columns) {
        return Column.call("map", columns);
    }

    public static Column substring(Column string, int position, int length) {
        return Column.call("substring", string, lit(position), lit(length));
    }

    public static Column round(Column column) {
        return Column.call("round", column);
    }

    public static Column round(Column column, int scale) {
        return Column.call("round", column, lit(scale));
    }

    public static Column bround(Column column, int scale) {
        return Column.call("bround", column, lit(scale));
    }

    public static Column log(Column column) {
        return Column.call("ln", column);
    }

    public static Column log(double base, Column column) {
        return Column.call("log", lit(base), column);
    }

    public static Column regexp_replace(Column string, String pattern, String replacement) {
        return Column.call("regexp_replace", string, lit(pattern), lit(replacement));
    }

    public static Column regexp_extract(Column string, String pattern, int group) {
        return Column.call("regexp_extract", string, lit(pattern), lit(group));
    }

    public static Column lpad(Column string, int length, String pad) {
        return Column.call("lpad", string, lit(length), lit(pad));
    }

    public static Column rpad(Column string, int length, String pad) {
        return Column.call("rpad", string, lit(length), lit(pad));
    }

    public static Column format_string(String format, Column... columns) {
        Column[] arguments = new Column[columns.length + 1];
        arguments[0] = lit(format);
        System.arraycopy(columns, 0, arguments, 1, columns.length);
        return Column.call("format_string", arguments);
    }

    public static Column date_format(Column date, String format) {
        return Column.call("date_format", date, lit(format));
    }

    public static Column to_date(Column column, String format) {
        return Column.call("to_date", column, lit(format));
    }

    public static Column date_trunc(String unit, Column timestamp) {
        return Column.call("date_trunc", lit(unit), timestamp);
    }

    public static Column current_date() {
        return Column.call("current_date");
    }

    public static Column current_timestamp() {
        return Column.call("current_timestamp");
    }

    public static Column rand() {
        return Column.call("rand");
    }

    public static Column rand(long seed) {
        return Column.call("rand", lit(seed));
    }

    public static Column percentile_approx(Column column, Column percentage, Column accuracy) {
        return Column.call("percentile_approx", column, percentage, accuracy);
    }

    public static Column first(Column column, boolean ignoreNulls) {
        return Column.call("first", column, lit(ignoreNulls));
    }

    public static Column last(Column column, boolean ignoreNulls) {
        return Column.call("last", column, lit(ignoreNulls));
    }

    public static Column split(Column string, String pattern) {
        return Column.call("split", string, lit(pattern));
    }

    public static Column row_number() {
        return Column.call("row_number");
    }

    public static Column rank() {
        return Column.call("rank");
    }

    public static Column dense_rank() {
        return Column.call("dense_rank");
    }

    public static Column percent_rank() {
        return Column.call("percent_rank");
    }

    public static Column cume_dist() {
        return Column.call("cume_dist");
    }

    public static Column ntile(int buckets) {
        return Column.call("ntile", lit(buckets));
    }

    public static Column lag(Column column, int offset) {
        return Column.call("lag", column, lit(offset));
    }

    public static Column lag(Column column, int offset, Object defaultValue) {
        return Column.call("lag", column, lit(offset), lit(defaultValue));
    }

    public static Column lead(Column column, int offset) {
        return Column.call("lead", column, lit(offset));
    }

    public static Column lead(Column column, int offset, Object defaultValue) {
        return Column.call("lead", column, lit(offset), lit(defaultValue));
    }

    public static Column explode(Column column) {
        return Column.call("explode", column);
    }

    public static Column explode_outer(Column column) {
        return Column.call("explode_outer", column);
    }

    public static Column posexplode(Column column) {
        return Column.call("posexplode", column);
    }

    public static Column grouping(Column column) {
        return Column.call("grouping", column);
    }

    public static Column grouping_id(Column... columns) {
        return Column.call("grouping_id", columns);
    }
}
