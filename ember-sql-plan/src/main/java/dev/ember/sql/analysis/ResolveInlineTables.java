package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.plans.logical.InlineTable;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates a {@code VALUES} list, once its expressions are resolved, into a {@link LocalRelation}: each column gets the
 * wider type of its values, and every value must be a constant.
 */
final class ResolveInlineTables implements dev.ember.sql.rules.Rule {
    private final String timeZone;

    ResolveInlineTables(String timeZone) {
        this.timeZone = timeZone;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof InlineTable table)
                    || !table.expressions().stream().allMatch(Expression::resolved)) {
                return node;
            }
            int width = table.rows().get(0).size();
            for (List<Expression> row : table.rows()) {
                if (row.size() != width) {
                    throw new EmberException(
                            ErrorClass.INVALID_SQL,
                            "The rows of a VALUES list must have the same number of values: " + width + " and "
                                    + row.size());
                }
            }
            List<String> names = table.columnNames();
            if (!names.isEmpty() && names.size() != width) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "The VALUES list has " + width + " columns, but " + names.size() + " names: " + names);
            }
            List<Attribute> output = new ArrayList<>();
            List<DataType> types = new ArrayList<>();
            for (int column = 0; column < width; column++) {
                DataType type = table.rows().get(0).get(column).dataType();
                boolean nullable = false;
                for (List<Expression> row : table.rows()) {
                    Expression value = row.get(column);
                    DataType current = type;
                    type = ImplicitCasts.widerType(type, value.dataType())
                            .orElseThrow(() -> new EmberException(
                                    ErrorClass.DATATYPE_MISMATCH,
                                    "The values of a VALUES column have incompatible types " + current.sql() + " and "
                                            + value.dataType().sql() + " (" + value.sql() + ")"));
                    nullable |= value.nullable();
                }
                types.add(type);
                output.add(AttributeReference.create(
                        names.isEmpty() ? "col" + (column + 1) : names.get(column), type, nullable));
            }
            List<InternalRow> rows = new ArrayList<>();
            for (List<Expression> row : table.rows()) {
                Object[] values = new Object[width];
                for (int column = 0; column < width; column++) {
                    Expression value = row.get(column);
                    if (!value.foldable()) {
                        throw new EmberException(
                                ErrorClass.INVALID_SQL, "A VALUES list takes constants only, not " + value.sql());
                    }
                    Expression typed = value.dataType().equals(types.get(column))
                            ? value
                            : Cast.implicit(value, types.get(column), timeZone);
                    values[column] = typed.eval(InternalRow.EMPTY);
                }
                rows.add(InternalRow.of(values));
            }
            return new LocalRelation(output, rows);
        });
    }
}
