package dev.ember.sql;

import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.UnresolvedFunction;
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
public final class functions {
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
    public static Column call_function(String name, Column... arguments) {
        return Column.call(name, arguments);
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

    public static Column when_null(Column column, Object replacement) {
        return coalesce(column, lit(replacement));
    }

    public static Column upper(Column column) {
        return Column.call("upper", column);
    }

    public static Column upper(String name) {
        return upper(col(name));
    }

    public static Column lower(Column column) {
        return Column.call("lower", column);
    }

    public static Column lower(String name) {
        return lower(col(name));
    }

    public static Column length(Column column) {
        return Column.call("length", column);
    }

    public static Column length(String name) {
        return length(col(name));
    }

    public static Column trim(Column column) {
        return Column.call("trim", column);
    }

    public static Column trim(String name) {
        return trim(col(name));
    }

    public static Column ltrim(Column column) {
        return Column.call("ltrim", column);
    }

    public static Column rtrim(Column column) {
        return Column.call("rtrim", column);
    }

    public static Column reverse(Column column) {
        return Column.call("reverse", column);
    }

    public static Column initcap(Column column) {
        return Column.call("initcap", column);
    }

    public static Column ascii(Column column) {
        return Column.call("ascii", column);
    }

    public static Column base64(Column column) {
        return Column.call("base64", column);
    }

    public static Column unbase64(Column column) {
        return Column.call("unbase64", column);
    }

    public static Column md5(Column column) {
        return Column.call("md5", column);
    }

    public static Column sha1(Column column) {
        return Column.call("sha1", column);
    }

    public static Column crc32(Column column) {
        return Column.call("crc32", column);
    }

    public static Column hex(Column column) {
        return Column.call("hex", column);
    }

    public static Column unhex(Column column) {
        return Column.call("unhex", column);
    }

    public static Column soundex(Column column) {
        return Column.call("soundex", column);
    }

    public static Column abs(Column column) {
        return Column.call("abs", column);
    }

    public static Column abs(String name) {
        return abs(col(name));
    }

    public static Column sqrt(Column column) {
        return Column.call("sqrt", column);
    }

    public static Column sqrt(String name) {
        return sqrt(col(name));
    }

    public static Column cbrt(Column column) {
        return Column.call("cbrt", column);
    }

    public static Column exp(Column column) {
        return Column.call("exp", column);
    }

    public static Column expm1(Column column) {
        return Column.call("expm1", column);
    }

    public static Column log10(Column column) {
        return Column.call("log10", column);
    }

    public static Column log2(Column column) {
        return Column.call("log2", column);
    }

    public static Column log1p(Column column) {
        return Column.call("log1p", column);
    }

    public static Column ln(Column column) {
        return Column.call("ln", column);
    }

    public static Column sin(Column column) {
        return Column.call("sin", column);
    }

    public static Column cos(Column column) {
        return Column.call("cos", column);
    }

    public static Column tan(Column column) {
        return Column.call("tan", column);
    }

    public static Column asin(Column column) {
        return Column.call("asin", column);
    }

    public static Column acos(Column column) {
        return Column.call("acos", column);
    }

    public static Column atan(Column column) {
        return Column.call("atan", column);
    }

    public static Column sinh(Column column) {
        return Column.call("sinh", column);
    }

    public static Column cosh(Column column) {
        return Column.call("cosh", column);
    }

    public static Column tanh(Column column) {
        return Column.call("tanh", column);
    }

    public static Column degrees(Column column) {
        return Column.call("degrees", column);
    }

    public static Column radians(Column column) {
        return Column.call("radians", column);
    }

    public static Column signum(Column column) {
        return Column.call("signum", column);
    }

    public static Column ceil(Column column) {
        return Column.call("ceil", column);
    }

    public static Column floor(Column column) {
        return Column.call("floor", column);
    }

    public static Column isnan(Column column) {
        return Column.call("isnan", column);
    }

    public static Column negative(Column column) {
        return Column.call("negative", column);
    }

    public static Column positive(Column column) {
        return Column.call("positive", column);
    }

    public static Column factorial(Column column) {
        return Column.call("factorial", column);
    }

    public static Column bin(Column column) {
        return Column.call("bin", column);
    }

    public static Column year(Column column) {
        return Column.call("year", column);
    }

    public static Column year(String name) {
        return year(col(name));
    }

    public static Column quarter(Column column) {
        return Column.call("quarter", column);
    }

    public static Column month(Column column) {
        return Column.call("month", column);
    }

    public static Column month(String name) {
        return month(col(name));
    }

    public static Column dayofmonth(Column column) {
        return Column.call("dayofmonth", column);
    }

    public static Column dayofweek(Column column) {
        return Column.call("dayofweek", column);
    }

    public static Column dayofyear(Column column) {
        return Column.call("dayofyear", column);
    }

    public static Column weekofyear(Column column) {
        return Column.call("weekofyear", column);
    }

    public static Column hour(Column column) {
        return Column.call("hour", column);
    }

    public static Column minute(Column column) {
        return Column.call("minute", column);
    }

    public static Column second(Column column) {
        return Column.call("second", column);
    }

    public static Column last_day(Column column) {
        return Column.call("last_day", column);
    }

    public static Column to_date(Column column) {
        return Column.call("to_date", column);
    }

    public static Column to_timestamp(Column column) {
        return Column.call("to_timestamp", column);
    }

    public static Column unix_timestamp(Column column) {
        return Column.call("unix_timestamp", column);
    }

    public static Column weekday(Column column) {
        return Column.call("weekday", column);
    }

    public static Column size(Column column) {
        return Column.call("size", column);
    }

    public static Column array_distinct(Column column) {
        return Column.call("array_distinct", column);
    }

    public static Column array_max(Column column) {
        return Column.call("array_max", column);
    }

    public static Column array_min(Column column) {
        return Column.call("array_min", column);
    }

    public static Column flatten(Column column) {
        return Column.call("flatten", column);
    }

    public static Column map_keys(Column column) {
        return Column.call("map_keys", column);
    }

    public static Column map_values(Column column) {
        return Column.call("map_values", column);
    }

    public static Column map_entries(Column column) {
        return Column.call("map_entries", column);
    }

    public static Column sort_array(Column column) {
        return Column.call("sort_array", column);
    }

    public static Column isnull(Column column) {
        return Column.call("isnull", column);
    }

    public static Column isnotnull(Column column) {
        return Column.call("isnotnull", column);
    }

    public static Column typeof(Column column) {
        return Column.call("typeof", column);
    }

    public static Column hash(Column column) {
        return Column.call("hash", column);
    }

    public static Column sum(Column column) {
        return Column.call("sum", column);
    }

    public static Column sum(String name) {
        return sum(col(name));
    }

    public static Column avg(Column column) {
        return Column.call("avg", column);
    }

    public static Column avg(String name) {
        return avg(col(name));
    }

    public static Column mean(Column column) {
        return Column.call("mean", column);
    }

    public static Column mean(String name) {
        return mean(col(name));
    }

    public static Column min(Column column) {
        return Column.call("min", column);
    }

    public static Column min(String name) {
        return min(col(name));
    }

    public static Column max(Column column) {
        return Column.call("max", column);
    }

    public static Column max(String name) {
        return max(col(name));
    }

    public static Column count(Column column) {
        return Column.call("count", column);
    }

    public static Column first(Column column) {
        return Column.call("first", column);
    }

    public static Column first(String name) {
        return first(col(name));
    }

    public static Column last(Column column) {
        return Column.call("last", column);
    }

    public static Column last(String name) {
        return last(col(name));
    }

    public static Column collect_list(Column column) {
        return Column.call("collect_list", column);
    }

    public static Column collect_list(String name) {
        return collect_list(col(name));
    }

    public static Column collect_set(Column column) {
        return Column.call("collect_set", column);
    }

    public static Column collect_set(String name) {
        return collect_set(col(name));
    }

    public static Column stddev(Column column) {
        return Column.call("stddev", column);
    }

    public static Column stddev(String name) {
        return stddev(col(name));
    }

    public static Column stddev_samp(Column column) {
        return Column.call("stddev_samp", column);
    }

    public static Column stddev_pop(Column column) {
        return Column.call("stddev_pop", column);
    }

    public static Column variance(Column column) {
        return Column.call("variance", column);
    }

    public static Column variance(String name) {
        return variance(col(name));
    }

    public static Column var_samp(Column column) {
        return Column.call("var_samp", column);
    }

    public static Column var_pop(Column column) {
        return Column.call("var_pop", column);
    }

    public static Column approx_count_distinct(Column column) {
        return Column.call("approx_count_distinct", column);
    }

    public static Column approx_count_distinct(String name) {
        return approx_count_distinct(col(name));
    }

    public static Column median(Column column) {
        return Column.call("median", column);
    }

    public static Column any_value(Column column) {
        return Column.call("any_value", column);
    }

    public static Column bool_and(Column column) {
        return Column.call("bool_and", column);
    }

    public static Column bool_or(Column column) {
        return Column.call("bool_or", column);
    }

    public static Column count_if(Column column) {
        return Column.call("count_if", column);
    }

    public static Column pow(Column base, Column exponent) {
        return Column.call("pow", base, exponent);
    }

    public static Column atan2(Column y, Column x) {
        return Column.call("atan2", y, x);
    }

    public static Column date_add(Column start, Column days) {
        return Column.call("date_add", start, days);
    }

    public static Column date_sub(Column start, Column days) {
        return Column.call("date_sub", start, days);
    }

    public static Column datediff(Column end, Column start) {
        return Column.call("datediff", end, start);
    }

    public static Column add_months(Column start, Column months) {
        return Column.call("add_months", start, months);
    }

    public static Column months_between(Column end, Column start) {
        return Column.call("months_between", end, start);
    }

    public static Column array_contains(Column array, Column value) {
        return Column.call("array_contains", array, value);
    }

    public static Column element_at(Column column, Column key) {
        return Column.call("element_at", column, key);
    }

    public static Column array_union(Column left, Column right) {
        return Column.call("array_union", left, right);
    }

    public static Column array_intersect(Column left, Column right) {
        return Column.call("array_intersect", left, right);
    }

    public static Column array_except(Column left, Column right) {
        return Column.call("array_except", left, right);
    }

    public static Column nvl(Column value, Column replacement) {
        return Column.call("nvl", value, replacement);
    }

    public static Column ifnull(Column value, Column replacement) {
        return Column.call("ifnull", value, replacement);
    }

    public static Column nullif(Column left, Column right) {
        return Column.call("nullif", left, right);
    }

    public static Column instr(Column string, Column substring) {
        return Column.call("instr", string, substring);
    }

    public static Column repeat(Column string, Column times) {
        return Column.call("repeat", string, times);
    }

    public static Column split(Column string, Column pattern) {
        return Column.call("split", string, pattern);
    }

    public static Column mod(Column dividend, Column divisor) {
        return Column.call("mod", dividend, divisor);
    }

    public static Column pmod(Column dividend, Column divisor) {
        return Column.call("pmod", dividend, divisor);
    }

    public static Column hypot(Column a, Column b) {
        return Column.call("hypot", a, b);
    }

    public static Column next_day(Column date, Column dayOfWeek) {
        return Column.call("next_day", date, dayOfWeek);
    }

    public static Column max_by(Column value, Column ordering) {
        return Column.call("max_by", value, ordering);
    }

    public static Column min_by(Column value, Column ordering) {
        return Column.call("min_by", value, ordering);
    }

    public static Column date_add(Column start, int days) {
        return date_add(start, lit(days));
    }

    public static Column date_sub(Column start, int days) {
        return date_sub(start, lit(days));
    }

    public static Column add_months(Column start, int months) {
        return add_months(start, lit(months));
    }

    public static Column pow(Column base, double exponent) {
        return pow(base, lit(exponent));
    }

    public static Column split(Column string, String pattern, int limit) {
        return Column.call("split", string, lit(pattern), lit(limit));
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
