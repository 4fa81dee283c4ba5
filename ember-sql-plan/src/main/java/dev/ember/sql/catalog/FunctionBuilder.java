package dev.ember.sql.catalog;

import dev.ember.sql.expressions.Expression;
import java.util.List;

/**
 * Makes the expression of a call from its resolved arguments: checks their count and types, casts them where the
 * function takes another type (failing with {@code DATATYPE_MISMATCH} naming the function, the argument and both
 * types when no implicit cast exists), and returns the bound expression — a {@code ScalarFunction}, an aggregate
 * function, or any other expression the call stands for ({@code nvl(a, b)} is a {@code Coalesce}).
 */
@FunctionalInterface
public interface FunctionBuilder {
    Expression build(List<Expression> arguments, FunctionContext context);
}
