package dev.ember.sql.expressions.generators;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.List;

/**
 * A function that makes zero or more rows of each input row ({@code explode}, {@code posexplode}, {@code inline}).
 * It is computed by a generate operator, which joins each input row with the rows made of it; with {@link #outer()},
 * an input row of which none are made is kept once, with nulls. Its type is the struct of the columns it makes.
 */
public interface Generator extends Expression {
    /** The columns each made row has, with the names they get unless the query names them. */
    List<StructField> elementFields();

    /** Whether an input row that makes no row is kept, with nulls ({@code explode_outer}). */
    boolean outer();

    /** The function's SQL name. */
    String prettyName();

    /** The rows made of the values of the children (internal values, in the order of {@link #children()}). */
    List<Object[]> generate(Object[] childValues);

    @Override
    default DataType dataType() {
        return new StructType(elementFields());
    }

    @Override
    default boolean nullable() {
        return false;
    }

    @Override
    default boolean foldable() {
        return false;
    }

    @Override
    default Object eval(InternalRow input) {
        throw new EmberException(
                ErrorClass.INTERNAL_ERROR, "The generator " + sql() + " is computed by a generate operator");
    }
}
