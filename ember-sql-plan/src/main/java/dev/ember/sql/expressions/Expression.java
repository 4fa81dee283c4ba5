package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import java.io.Serializable;
import java.util.List;

/**
 * A node of an expression tree: a column reference, a literal, an operator or a function call over child expressions.
 * Expressions are immutable values (records); rules replace children with {@link #withChildren}, never mutate.
 *
 * <p>An expression is <em>resolved</em> once every name in it refers to a column of the plan below and every function
 * is bound to its implementation; only then are {@link #dataType()}, {@link #nullable()} and {@link #eval} defined.
 * {@link #eval} is the reference semantics of the expression, one row at a time, on the engine's internal values (see
 * {@link DataType}): constant folding uses it, and the vectorized evaluators must agree with it.
 */
public interface Expression extends Serializable {
    List<Expression> children();

    /** This expression with {@code children} in place of its children (same count, same order). */
    Expression withChildren(List<Expression> children);

    DataType dataType();

    boolean nullable();

    /** Whether every name below is bound; an unresolved expression has no type yet. */
    default boolean resolved() {
        for (Expression child : children()) {
            if (!child.resolved()) {
                return false;
            }
        }
        return true;
    }

    /** Whether the value is the same for every row and can be computed while planning (no column is read). */
    default boolean foldable() {
        return false;
    }

    /** Whether the same input always gives the same value (false for {@code rand()}, {@code uuid()}). */
    default boolean deterministic() {
        for (Expression child : children()) {
            if (!child.deterministic()) {
                return false;
            }
        }
        return true;
    }

    /** The value for {@code input}, in the engine's internal representation; null is SQL's null. */
    Object eval(InternalRow input);

    /** The expression as SQL text, as {@code EXPLAIN} and the names of unnamed result columns show it. */
    String sql();
}
