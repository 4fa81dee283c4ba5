package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.Suggestions;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Range;
import dev.ember.sql.plans.logical.TableFunctionCall;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.Identifiers;
import java.util.List;

/** Table-valued functions in {@code FROM}: {@code range(end)}, {@code range(start, end[, step[, partitions]])}. */
final class ResolveTableFunctions implements dev.ember.sql.rules.Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof TableFunctionCall call)
                    || !call.arguments().stream().allMatch(Expression::resolved)) {
                return node;
            }
            if (!Identifiers.normalize(call.name()).equals("range")) {
                throw new EmberException(
                        ErrorClass.UNRESOLVED_ROUTINE,
                        "There is no table-valued function " + Identifiers.quote(call.name())
                                + Suggestions.didYouMean(call.name(), List.of("range")));
            }
            List<Expression> arguments = call.arguments();
            if (arguments.isEmpty() || arguments.size() > 4) {
                throw new EmberException(
                        ErrorClass.UNRESOLVED_ROUTINE,
                        "range takes 1 to 4 arguments (end; start, end[, step[, partitions]]), not "
                                + arguments.size());
            }
            long[] values = new long[arguments.size()];
            for (int i = 0; i < values.length; i++) {
                Expression argument = arguments.get(i);
                if (!argument.foldable() || !argument.dataType().isIntegral()) {
                    throw new EmberException(
                            ErrorClass.DATATYPE_MISMATCH,
                            "The arguments of range must be integer constants, not " + argument.sql());
                }
                values[i] = ((Number) argument.eval(InternalRow.EMPTY)).longValue();
            }
            long start = values.length == 1 ? 0 : values[0];
            long end = values.length == 1 ? values[0] : values[1];
            long step = values.length >= 3 ? values[2] : 1;
            int partitions = values.length == 4 ? Math.toIntExact(values[3]) : 0;
            return new Range(start, end, step, partitions, AttributeReference.create("id", DataTypes.LongType, false));
        });
    }
}
