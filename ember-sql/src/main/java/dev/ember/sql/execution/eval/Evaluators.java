package dev.ember.sql.execution.eval;

import dev.ember.sql.expressions.And;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.BoundReference;
import dev.ember.sql.expressions.CaseWhen;
import dev.ember.sql.expressions.Coalesce;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.In;
import dev.ember.sql.expressions.IsNotNull;
import dev.ember.sql.expressions.IsNull;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Or;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import java.util.ArrayList;
import java.util.List;

/**
 * Compiles bound expressions (attributes replaced by {@link BoundReference}s) into {@link VectorExpression}s. Column
 * reads and constants cost nothing; arithmetic and comparisons on primitive columns, null tests and boolean logic
 * have loops of their own; conditional expressions evaluate each branch on the rows it selects only; every other
 * expression is evaluated a row at a time over its children's vectors, with the expression's own reference semantics,
 * so that the whole library works on batches from the start and hot functions can get loops later.
 */
public final class Evaluators {
    private Evaluators() {}

    public static VectorExpression compile(Expression expression) {
        if (expression instanceof AggregateExpression) {
            throw new IllegalArgumentException("An aggregate is not evaluated per row: " + expression.sql());
        }
        if (expression instanceof BoundReference reference) {
            return new ColumnReference(reference.ordinal(), reference.dataType());
        }
        if (expression instanceof Literal literal) {
            return new Constant(literal.value(), literal.dataType());
        }
        if (expression.foldable() && expression.deterministic()) {
            return new Constant(expression.eval(dev.ember.sql.expressions.InternalRow.EMPTY), expression.dataType());
        }
        if (expression instanceof And and) {
            return new Conjunction(compile(and.left()), compile(and.right()), true);
        }
        if (expression instanceof Or or) {
            return new Conjunction(compile(or.left()), compile(or.right()), false);
        }
        if (expression instanceof Not not) {
            return new Negation(compile(not.child()));
        }
        if (expression instanceof IsNull isNull) {
            return new NullTest(compile(isNull.child()), true);
        }
        if (expression instanceof IsNotNull isNotNull) {
            return new NullTest(compile(isNotNull.child()), false);
        }
        if (expression instanceof CaseWhen caseWhen) {
            List<VectorExpression> conditions = new ArrayList<>();
            List<VectorExpression> values = new ArrayList<>();
            for (int i = 0; i < caseWhen.conditions().size(); i++) {
                conditions.add(compile(caseWhen.conditions().get(i)));
                values.add(compile(caseWhen.values().get(i)));
            }
            return new Conditional(conditions, values, compile(caseWhen.elseValue()), caseWhen.dataType());
        }
        if (expression instanceof Coalesce coalesce) {
            List<VectorExpression> arguments = new ArrayList<>();
            for (Expression argument : coalesce.arguments()) {
                arguments.add(compile(argument));
            }
            return new FirstNonNull(arguments, coalesce.dataType());
        }
        if (expression instanceof Comparison comparison && PrimitiveComparison.supports(comparison)) {
            return new PrimitiveComparison(comparison.op(), compile(comparison.left()), compile(comparison.right()));
        }
        if (expression instanceof In in && InList.supports(in)) {
            return InList.of(in, compile(in.value()));
        }
        if (expression instanceof Arithmetic arithmetic && DecimalArithmetic.supports(arithmetic)) {
            return DecimalArithmetic.of(arithmetic, compile(arithmetic.left()), compile(arithmetic.right()));
        }
        if (expression instanceof Arithmetic arithmetic && PrimitiveArithmetic.supports(arithmetic)) {
            return new PrimitiveArithmetic(arithmetic, compile(arithmetic.left()), compile(arithmetic.right()));
        }
        if (expression.children().stream().anyMatch(child -> child instanceof LambdaFunction)) {
            return new WholeRow(expression);
        }
        List<VectorExpression> children = new ArrayList<>();
        for (Expression child : expression.children()) {
            children.add(compile(child));
        }
        return new RowAtATime(expression, children);
    }
}
