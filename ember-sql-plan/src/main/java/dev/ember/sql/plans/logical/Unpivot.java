package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code UNPIVOT [INCLUDE NULLS] (value FOR name IN (a [AS label], b, ...))}: each input row becomes a row per listed
 * column, with the column's label in {@code name} and its value in {@code value}, the other columns kept; rows whose
 * value is null are left out unless {@code includeNulls}. With several value columns ({@code UNPIVOT ((v1, v2) FOR
 * name IN ((a1, a2) AS a, (b1, b2) AS b))}) each listed group gives a row, and a row is left out when all its values
 * are null; {@code columns} then holds the groups one after the other. The analyzer rewrites it into a generator; it
 * has no output before.
 */
public record Unpivot(
        List<String> valueColumns,
        String nameColumn,
        List<Expression> columns,
        List<String> labels,
        boolean includeNulls,
        LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public Unpivot {
        valueColumns = List.copyOf(valueColumns);
        requireNonNull(nameColumn, "nameColumn is null");
        columns = List.copyOf(columns);
        labels = List.copyOf(labels);
        requireNonNull(child, "child is null");
        if (valueColumns.isEmpty() || columns.isEmpty() || columns.size() != labels.size() * valueColumns.size()) {
            throw new IllegalArgumentException(
                    "An unpivot needs groups of columns, one per value column, each with a label");
        }
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new Unpivot(valueColumns, nameColumn, columns, labels, includeNulls, children.get(0));
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "An unpivot has no columns before it is analyzed");
    }

    @Override
    public List<Expression> expressions() {
        return columns;
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<Expression> mapped = new ArrayList<>();
        for (Expression column : columns) {
            mapped.add(function.apply(column));
        }
        return new Unpivot(valueColumns, nameColumn, mapped, labels, includeNulls, child);
    }

    @Override
    public String simpleString() {
        return "Unpivot " + String.join(", ", valueColumns) + " FOR " + nameColumn + " IN " + PlanText.list(columns)
                + (includeNulls ? ", including nulls" : "");
    }
}
