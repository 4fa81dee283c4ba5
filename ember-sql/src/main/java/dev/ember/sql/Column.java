package dev.ember.sql;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.Subscript;
import dev.ember.sql.expressions.UnaryMinus;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * A column expression of the DataFrame API: {@code col("a").plus(1).as("b")}. A column is not bound to a Dataset until
 * it is used in one; names are resolved then, as in SQL. Columns are immutable.
 */
public final class Column {
    private final Expression expression;

    public Column(String name) {
        this(name.equals("*") ? new dev.ember.sql.expressions.UnresolvedStar(List.of()) : attribute(name));
    }

    Column(Expression expression) {
        this.expression = requireNonNull(expression, "expression is null");
    }

    private static Expression attribute(String name) {
        if (name.endsWith(".*")) {
            return new dev.ember.sql.expressions.UnresolvedStar(
                    SqlParser.get().parseMultipartIdentifier(name.substring(0, name.length() - 2)));
        }
        return new UnresolvedAttribute(SqlParser.get().parseMultipartIdentifier(name));
    }

    /** Columns by name: {@code column} then {@code more}. */
    static Column[] named(String column, String... more) {
        Column[] columns = new Column[more.length + 1];
        columns[0] = new Column(column);
        for (int i = 0; i < more.length; i++) {
            columns[i + 1] = new Column(more[i]);
        }
        return columns;
    }

    /** The expression this column stands for. */
    public Expression expr() {
        return expression;
    }

    static Expression toExpression(Object value) {
        return value instanceof Column column ? column.expression : Literal.of(value);
    }

    /** The column as an item of a select list: named as given, or after its SQL text. */
    NamedExpression named() {
        if (expression instanceof NamedExpression named) {
            return named;
        }
        return new UnresolvedAlias(expression);
    }

    private Column arithmetic(Arithmetic.Op op, Object other) {
        return new Column(new Arithmetic(op, expression, toExpression(other)));
    }

    private Column compare(Comparison.Op op, Object other) {
        return new Column(new Comparison(op, expression, toExpression(other)));
    }

    public Column plus(Object other) {
        return arithmetic(Arithmetic.Op.ADD, other);
    }

    public Column minus(Object other) {
        return arithmetic(Arithmetic.Op.SUBTRACT, other);
    }

    public Column multiply(Object other) {
        return arithmetic(Arithmetic.Op.MULTIPLY, other);
    }

    public Column divide(Object other) {
        return arithmetic(Arithmetic.Op.DIVIDE, other);
    }

    public Column mod(Object other) {
        return arithmetic(Arithmetic.Op.REMAINDER, other);
    }

    public Column unary_minus() {
        return new Column(new UnaryMinus(expression));
    }

    public Column equalTo(Object other) {
        return compare(Comparison.Op.EQUAL, other);
    }

    public Column notEqual(Object other) {
        return compare(Comparison.Op.NOT_EQUAL, other);
    }

    public Column eqNullSafe(Object other) {
        return compare(Comparison.Op.NULL_SAFE_EQUAL, other);
    }

    public Column gt(Object other) {
        return compare(Comparison.Op.GREATER_THAN, other);
    }

    public Column geq(Object other) {
        return compare(Comparison.Op.GREATER_THAN_OR_EQUAL, other);
    }

    public Column lt(Object other) {
        return compare(Comparison.Op.LESS_THAN, other);
    }

    public Column leq(Object other) {
        return compare(Comparison.Op.LESS_THAN_OR_EQUAL, other);
    }

    public Column between(Object lower, Object upper) {
        return geq(lower).and(leq(upper));
    }

    public Column and(Column other) {
        return new Column(new And(expression, other.expression));
    }

    public Column or(Column other) {
        return new Column(new Or(expression, other.expression));
    }

    /** {@code NOT} this column (a boolean). */
    public Column not() {
        return new Column(new Not(expression));
    }

    public Column isNull() {
        return new Column(new IsNull(expression));
    }

    public Column isNotNull() {
        return new Column(new IsNotNull(expression));
    }

    public Column isNaN() {
        return call("isnan", this);
    }

    public Column isin(Object... values) {
        List<Expression> list = new ArrayList<>();
        for (Object value : values) {
            list.add(toExpression(value));
        }
        return new Column(new In(expression, list));
    }

    public Column like(String pattern) {
        return call("like", this, functions.lit(pattern));
    }

    public Column ilike(String pattern) {
        return call("ilike", this, functions.lit(pattern));
    }

    public Column rlike(String pattern) {
        return call("rlike", this, functions.lit(pattern));
    }

    public Column contains(Object other) {
        return call("contains", this, new Column(toExpression(other)));
    }

    public Column startsWith(Object other) {
        return call("startswith", this, new Column(toExpression(other)));
    }

    public Column endsWith(Object other) {
        return call("endswith", this, new Column(toExpression(other)));
    }

    public Column substr(int position, int length) {
        return call("substr", this, functions.lit(position), functions.lit(length));
    }

    public Column substr(Column position, Column length) {
        return call("substr", this, position, length);
    }

    /** An element of an array (0-based) or the value of a map key. */
    public Column getItem(Object key) {
        return new Column(new Subscript(expression, toExpression(key)));
    }

    public Column getField(String name) {
        if (expression instanceof UnresolvedAttribute attribute) {
            List<String> parts = new ArrayList<>(attribute.nameParts());
            parts.add(name);
            return new Column(new UnresolvedAttribute(parts));
        }
        return call("get_field", this, functions.lit(name));
    }

    public Column as(String alias) {
        return new Column(Alias.of(unaliased(), alias));
    }

    public Column alias(String alias) {
        return as(alias);
    }

    public Column name(String alias) {
        return as(alias);
    }

    private Expression unaliased() {
        return expression instanceof Alias alias ? alias.child() : expression;
    }

    public Column cast(DataType type) {
        return new Column(new Cast(expression, type));
    }

    /** A cast to a type written as SQL: {@code "decimal(10,2)"}, {@code "date"}. */
    public Column cast(String type) {
        return cast(SqlParser.get().parseDataType(type));
    }

    public Column try_cast(DataType type) {
        return new Column(new Cast(expression, type, true, "UTC"));
    }

    /** {@code CASE WHEN} chained on a column made by {@link functions#when}. */
    public Column when(Column condition, Object value) {
        if (!(expression instanceof CaseWhen caseWhen) || !isOpen(caseWhen)) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_ARGUMENT,
                    "when() can only follow functions.when(...) or another when(...), before otherwise()");
        }
        List<Expression> conditions = new ArrayList<>(caseWhen.conditions());
        List<Expression> values = new ArrayList<>(caseWhen.values());
        conditions.add(condition.expression);
        values.add(toExpression(value));
        return new Column(new CaseWhen(conditions, values, null));
    }

    public Column otherwise(Object value) {
        if (!(expression instanceof CaseWhen caseWhen) || !isOpen(caseWhen)) {
            throw new dev.ember.EmberException(
                    dev.ember.ErrorClass.INVALID_ARGUMENT, "otherwise() can only follow functions.when(...), once");
        }
        return new Column(new CaseWhen(caseWhen.conditions(), caseWhen.values(), toExpression(value)));
    }

    private static boolean isOpen(CaseWhen caseWhen) {
        return caseWhen.elseValue() instanceof Literal literal
                && literal.value() == null
                && literal.dataType() instanceof dev.ember.sql.types.NullType;
    }

    public Column asc() {
        return new Column(SortOrder.ascending(unaliased()));
    }

    public Column asc_nulls_first() {
        return new Column(new SortOrder(unaliased(), true, true));
    }

    public Column asc_nulls_last() {
        return new Column(new SortOrder(unaliased(), true, false));
    }

    public Column desc() {
        return new Column(SortOrder.descending(unaliased()));
    }

    public Column desc_nulls_first() {
        return new Column(new SortOrder(unaliased(), false, true));
    }

    public Column desc_nulls_last() {
        return new Column(new SortOrder(unaliased(), false, false));
    }

    /** This function computed over {@code window}: {@code rank().over(Window.orderBy("a"))}. */
    public Column over(WindowSpec window) {
        return new Column(new dev.ember.sql.expressions.WindowExpression(expression, window.definition()));
    }

    /** This function computed over the whole input as one window. */
    public Column over() {
        return new Column(new dev.ember.sql.expressions.WindowExpression(
                expression, new dev.ember.sql.expressions.WindowSpec(List.of(), List.of(), null)));
    }

    static Column call(String name, Column... arguments) {
        List<Expression> expressions = new ArrayList<>();
        for (Column argument : arguments) {
            expressions.add(argument.expression);
        }
        return new Column(new UnresolvedFunction(name, expressions, false, null));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Column column && column.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression.sql();
    }
}
