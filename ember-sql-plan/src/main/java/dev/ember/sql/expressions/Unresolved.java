package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;

/**
 * What the unresolved expressions share: they have no type and cannot be evaluated until the analyzer binds them. They
 * count as named so that a select list can hold them before the analyzer names them.
 */
interface Unresolved extends NamedExpression {
    @Override
    default boolean resolved() {
        return false;
    }

    @Override
    default DataType dataType() {
        throw notResolved(this);
    }

    @Override
    default boolean nullable() {
        throw notResolved(this);
    }

    @Override
    default Object eval(InternalRow input) {
        throw notResolved(this);
    }

    @Override
    default String name() {
        return sql();
    }

    @Override
    default ExprId exprId() {
        throw notResolved(this);
    }

    @Override
    default Attribute toAttribute() {
        throw notResolved(this);
    }

    private static EmberException notResolved(Expression expression) {
        return new EmberException(ErrorClass.INTERNAL_ERROR, "The expression " + expression.sql() + " is not resolved");
    }
}
