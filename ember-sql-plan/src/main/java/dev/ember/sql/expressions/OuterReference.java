package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * A column of an enclosing query read inside a subquery: {@code t.k} in {@code WHERE EXISTS (SELECT 1 FROM u WHERE
 * u.k = t.k)}. It marks the subquery as correlated. The attribute is deliberately not a child: inside the subquery it
 * is not an input column, so the column walks ({@link Expressions#references}) do not see it. The optimizer turns the
 * predicates that hold it into join conditions, where it becomes the plain attribute again; it is never evaluated.
 */
public record OuterReference(Attribute attribute) implements Expression {
    private static final long serialVersionUID = 1L;

    public OuterReference {
        requireNonNull(attribute, "attribute is null");
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
        return attribute.dataType();
    }

    @Override
    public boolean nullable() {
        return attribute.nullable();
    }

    @Override
    public Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR,
                "The outer column " + attribute.sql() + " of a correlated subquery was not rewritten into a join");
    }

    @Override
    public String sql() {
        return "outer(" + attribute.sql() + ")";
    }

    @Override
    public String toString() {
        return "outer(" + attribute + ")";
    }
}
