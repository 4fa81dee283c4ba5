package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * A name in an aggregation's select list that refers to an alias earlier in the same list: {@code total} in {@code
 * SELECT dept, sum(salary) AS total, total / count(*) AS share ... GROUP BY dept}. It stands, typed, for the alias's
 * column while the rest of the list is resolved, and the analyzer then splits the aggregation into the aggregation
 * and a projection above that reads the column; it never reaches the optimizer.
 */
public record LateralColumnReference(Attribute target) implements Expression {
    private static final long serialVersionUID = 1L;

    public LateralColumnReference {
        requireNonNull(target, "target is null");
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public DataType dataType() {
        return target.dataType();
    }

    @Override
    public boolean nullable() {
        return target.nullable();
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The lateral column alias " + target.sql() + " was not resolved");
    }

    @Override
    public String sql() {
        return target.sql();
    }

    @Override
    public String toString() {
        return "lateral(" + target + ")";
    }
}
