package dev.ember.sql.expressions.aggregate;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * An aggregate function as a query uses it: with {@code DISTINCT} (each distinct input counted once) and an optional
 * {@code FILTER (WHERE ...)}. {@code resultId} identifies its result column in the aggregation's output.
 */
public record AggregateExpression(AggregateFunction function, boolean distinct, Expression filter, ExprId resultId)
        implements Expression {
    private static final long serialVersionUID = 1L;

    public AggregateExpression {
        requireNonNull(function, "function is null");
        requireNonNull(resultId, "resultId is null");
    }

    public static AggregateExpression of(AggregateFunction function) {
        return new AggregateExpression(function, false, null, ExprId.next());
    }

    @Override
    public List<Expression> children() {
        return filter == null ? List.of(function) : List.of(function, filter);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new AggregateExpression(
                (AggregateFunction) children.get(0), distinct, children.size() > 1 ? children.get(1) : null, resultId);
    }

    @Override
    public DataType dataType() {
        return function.dataType();
    }

    @Override
    public boolean nullable() {
        return function.nullable();
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The aggregate " + sql() + " cannot be evaluated on one row");
    }

    @Override
    public String sql() {
        List<String> arguments = new ArrayList<>();
        for (Expression child : function.children()) {
            arguments.add(child.sql());
        }
        if (function instanceof Count && arguments.isEmpty()) {
            // count(*) is named count(1), as in Spark.
            arguments.add("1");
        }
        return function.prettyName() + "(" + (distinct ? "DISTINCT " : "") + String.join(", ", arguments) + ")"
                + (filter == null ? "" : " FILTER (WHERE " + filter.sql() + ")");
    }

    /** The same aggregate with a new result column: for rewrites that must not share one. */
    public AggregateExpression withNewResultId() {
        return new AggregateExpression(function, distinct, filter, ExprId.next());
    }
}
