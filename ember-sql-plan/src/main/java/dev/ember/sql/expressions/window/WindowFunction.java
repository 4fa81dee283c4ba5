package dev.ember.sql.expressions.window;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;

/**
 * A function that is only defined over a window ({@code rank()}, {@code lag(x)}, {@code nth_value(x, 2)}): its value
 * for a row depends on the other rows of the row's partition, so it is computed by the window operator and cannot be
 * evaluated on one row. Aggregate functions are computed over windows too, but are not window functions.
 */
public interface WindowFunction extends Expression {
    /** The function's SQL name. */
    String prettyName();

    /**
     * Whether the function works on the order of the partition rather than on a frame: such functions (the ranking
     * functions, {@code ntile}, {@code lag} and {@code lead}) need an ORDER BY and ignore the frame.
     */
    default boolean orderBased() {
        return true;
    }

    @Override
    default boolean foldable() {
        return false;
    }

    @Override
    default boolean deterministic() {
        return true;
    }

    @Override
    default Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The window function " + sql() + " is computed by a window operator");
    }
}
