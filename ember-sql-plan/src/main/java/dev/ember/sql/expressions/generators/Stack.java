package dev.ember.sql.expressions.generators;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.StructField;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code stack(n, v1, ..., vk)}: the values laid out in {@code n} rows of {@code ceil(k / n)} columns ({@code col0},
 * {@code col1}...), row by row, the last row padded with nulls. {@code values} are already cast to their column's
 * type ({@code types}).
 */
public record Stack(int rows, List<Expression> values, List<DataType> types) implements Generator {
    private static final long serialVersionUID = 1L;

    public Stack {
        values = List.copyOf(values);
        types = List.copyOf(types);
    }

    @Override
    public List<Expression> children() {
        return values;
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Stack(rows, children, types);
    }

    @Override
    public boolean outer() {
        return false;
    }

    @Override
    public List<StructField> elementFields() {
        List<StructField> fields = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            fields.add(new StructField("col" + i, types.get(i), true));
        }
        return fields;
    }

    @Override
    public List<Object[]> generate(Object[] childValues) {
        int width = types.size();
        List<Object[]> made = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            Object[] values = new Object[width];
            for (int column = 0; column < width; column++) {
                int index = row * width + column;
                values[column] = index < childValues.length ? childValues[index] : null;
            }
            made.add(values);
        }
        return made;
    }

    @Override
    public String prettyName() {
        return "stack";
    }

    @Override
    public String sql() {
        List<String> parts = new ArrayList<>();
        parts.add(Integer.toString(rows));
        for (Expression value : values) {
            parts.add(value.sql());
        }
        return "stack(" + String.join(", ", parts) + ")";
    }
}
