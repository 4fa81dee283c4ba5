package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.GetField;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Subscript;
import dev.ember.sql.expressions.UnresolvedField;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructType;

/**
 * {@code expr.f} on a value that is not a plain column name ({@code a[0].f}, {@code named_struct(...).f}, a lambda's
 * parameter {@code s -> s.f}): once {@code expr} is resolved, a {@link GetField} of the struct field named {@code f}
 * (case-insensitively), or on a map the value of the key {@code 'f'}; a value that is neither, or a field that is not
 * there, fails naming what there is.
 */
final class ResolveFieldAccess implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformAllExpressions(plan, ResolveFieldAccess::resolve);
    }

    private static Expression resolve(Expression expression) {
        if (!(expression instanceof UnresolvedField field) || !field.child().resolved()) {
            return expression;
        }
        if (field.child().dataType() instanceof MapType) {
            // m.k on a map is its value for the key 'k', as in Spark.
            return new Subscript(field.child(), Literal.of(field.fieldName()));
        }
        if (!(field.child().dataType() instanceof StructType struct)) {
            throw new EmberException(
                    ErrorClass.DATATYPE_MISMATCH,
                    "Cannot take the field " + field.fieldName() + " of "
                            + field.child().sql() + ", which is "
                            + field.child().dataType().sql() + ", not a STRUCT");
        }
        int index = struct.fieldIndex(field.fieldName());
        return new GetField(field.child(), index, struct.field(index).name());
    }
}
