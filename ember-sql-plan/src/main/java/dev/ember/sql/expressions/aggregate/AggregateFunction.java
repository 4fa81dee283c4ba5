package dev.ember.sql.expressions.aggregate;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * A function from many rows to one value ({@code sum}, {@code count}, {@code collect_list}...), computed in two phases
 * so that it can run before and after an exchange: each task folds its rows into a <em>buffer</em> per group ({@link
 * #update}), buffers of the same group are merged ({@link #merge}) after the exchange, and the merged buffer gives the
 * result ({@link #result}). A buffer is a fixed number of values of {@link #bufferTypes()}, so partial results travel
 * through exchanges as ordinary columns.
 *
 * <p>This is the reference implementation of the function, on internal values one row at a time; the vectorized
 * aggregation has faster paths for the common functions and must agree with it. {@link #dataType()} is the result
 * type. Aggregate functions are not evaluated per row: {@link #eval} fails.
 */
public interface AggregateFunction extends Expression {
    /** The types of the buffer's values, in order. */
    List<DataType> bufferTypes();

    /** A fresh buffer, as for a group of no rows. */
    Object[] newBuffer();

    /** Folds one input row into {@code buffer}: the children are evaluated on {@code input}. */
    void update(Object[] buffer, InternalRow input);

    /** Folds another buffer of the same group into {@code buffer}. */
    void merge(Object[] buffer, Object[] other);

    /** The result of a group, from its final buffer. */
    Object result(Object[] buffer);

    /** The function's SQL name, as in {@code sum}. */
    String prettyName();

    @Override
    default boolean foldable() {
        return false;
    }

    @Override
    default Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The aggregate " + sql() + " cannot be evaluated on one row");
    }
}
