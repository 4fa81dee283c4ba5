package dev.ember.sql.analysis;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SetOperation;
import dev.ember.sql.plans.logical.Union;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of {@code UNION}, {@code INTERSECT} and {@code EXCEPT}: the same number of columns, each column in the
 * wider type of the inputs' (a projection of casts over an input whose type is narrower). {@code unionByName} first
 * reorders each input's columns to the first one's names (and, if asked, adds the missing ones as nulls).
 */
final class WidenSetOperationTypes implements dev.ember.sql.rules.Rule {
    private final String timeZone;

    WidenSetOperationTypes(String timeZone) {
        this.timeZone = timeZone;
    }

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!node.children().stream().allMatch(LogicalPlan::resolved)) {
                return node;
            }
            if (node instanceof Union union) {
                List<LogicalPlan> inputs = union.byName() ? byName(union) : union.inputs();
                List<LogicalPlan> widened = widen(inputs, "UNION");
                if (!union.byName() && widened.equals(union.inputs())) {
                    return node;
                }
                return new Union(widened, false, false);
            }
            if (node instanceof SetOperation operation) {
                List<LogicalPlan> widened = widen(
                        List.of(operation.left(), operation.right()),
                        operation.kind().name());
                if (widened.get(0) == operation.left() && widened.get(1) == operation.right()) {
                    return node;
                }
                return new SetOperation(operation.kind(), operation.all(), widened.get(0), widened.get(1));
            }
            return node;
        });
    }

    private static List<LogicalPlan> byName(Union union) {
        List<Attribute> first = union.inputs().get(0).output();
        List<String> names = new ArrayList<>();
        for (Attribute attribute : first) {
            names.add(attribute.name());
        }
        if (union.allowMissingColumns()) {
            for (LogicalPlan input : union.inputs()) {
                for (Attribute attribute : input.output()) {
                    if (names.stream().noneMatch(name -> same(name, attribute.name()))) {
                        names.add(attribute.name());
                    }
                }
            }
        }
        List<LogicalPlan> reordered = new ArrayList<>();
        for (LogicalPlan input : union.inputs()) {
            List<NamedExpression> columns = new ArrayList<>();
            for (String name : names) {
                Attribute found = input.output().stream()
                        .filter(attribute -> same(attribute.name(), name))
                        .findFirst()
                        .orElse(null);
                if (found != null) {
                    columns.add(found);
                } else if (union.allowMissingColumns()) {
                    DataType type = union.inputs().stream()
                            .flatMap(other -> other.output().stream())
                            .filter(attribute -> same(attribute.name(), name))
                            .findFirst()
                            .orElseThrow()
                            .dataType();
                    columns.add(Alias.of(Literal.nullOf(type), name));
                } else {
                    throw new EmberException(
                            ErrorClass.UNRESOLVED_COLUMN,
                            "unionByName cannot find the column " + Identifiers.quote(name) + " in an input whose"
                                    + " columns are "
                                    + input.output().stream()
                                            .map(Attribute::name)
                                            .toList()
                                    + "; pass allowMissingColumns = true to fill it with nulls");
                }
            }
            if (input.output().size() > columns.size()) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        "unionByName: an input has columns the first does not: "
                                + input.output().stream().map(Attribute::name).toList());
            }
            reordered.add(new Project(columns, input));
        }
        return reordered;
    }

    private static boolean same(String a, String b) {
        return Identifiers.normalize(a).equals(Identifiers.normalize(b));
    }

    private List<LogicalPlan> widen(List<LogicalPlan> inputs, String operation) {
        int width = inputs.get(0).output().size();
        for (LogicalPlan input : inputs) {
            if (input.output().size() != width) {
                throw new EmberException(
                        ErrorClass.INVALID_SQL,
                        operation + " needs inputs with the same number of columns, but one has " + width
                                + " and another " + input.output().size());
            }
        }
        List<DataType> types = new ArrayList<>();
        for (int column = 0; column < width; column++) {
            DataType type = inputs.get(0).output().get(column).dataType();
            for (LogicalPlan input : inputs) {
                DataType current = type;
                DataType other = input.output().get(column).dataType();
                int position = column + 1;
                type = ImplicitCasts.widerType(type, other)
                        .orElseThrow(() -> new EmberException(
                                ErrorClass.DATATYPE_MISMATCH,
                                operation + " column " + position + " has the types " + current.sql() + " and "
                                        + other.sql() + ", which do not mix; cast one of them explicitly"));
            }
            types.add(type);
        }
        List<LogicalPlan> widened = new ArrayList<>();
        for (LogicalPlan input : inputs) {
            List<Attribute> output = input.output();
            boolean needsCast = false;
            List<NamedExpression> columns = new ArrayList<>();
            for (int column = 0; column < width; column++) {
                Attribute attribute = output.get(column);
                if (attribute.dataType().equals(types.get(column))) {
                    columns.add(attribute);
                } else {
                    needsCast = true;
                    columns.add(Alias.of(Cast.implicit(attribute, types.get(column), timeZone), attribute.name()));
                }
            }
            widened.add(needsCast ? new Project(columns, input) : input);
        }
        return widened;
    }
}
