package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code grouping(col)} and {@code grouping_id([cols])} of a query grouped by ROLLUP, CUBE or GROUPING SETS: whether a
 * grouping column is aggregated away in a result row (1) or not (0), and those bits of several columns as a number,
 * the first column the most significant bit ({@code grouping_id()} without arguments: of every grouping column). The
 * analyzer replaces them by computations over the grouping id when it expands the grouping sets; anywhere else they
 * are an error.
 */
public record GroupingFunction(boolean id, List<Expression> arguments) implements Expression {
    private static final long serialVersionUID = 1L;

    public GroupingFunction {
        arguments = List.copyOf(arguments);
    }

    @Override
    public List<Expression> children() {
        return arguments;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new GroupingFunction(id, children);
    }

    @Override
    public DataType dataType() {
        return id ? DataTypes.LongType : DataTypes.ByteType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INVALID_SQL, sql() + " can only be used with GROUP BY ROLLUP, CUBE or GROUPING SETS");
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        for (Expression argument : arguments) {
            parts.add(argument.sql());
        }
        return (id ? "grouping_id" : "grouping") + "(" + String.join(", ", parts) + ")";
    }
}
