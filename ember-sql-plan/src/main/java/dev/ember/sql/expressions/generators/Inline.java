package dev.ember.sql.expressions.generators;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code inline(x)}: a row per struct of the array of structs {@code x}, a column per field (named after it). A null
 * element makes a row of nulls; a null or empty array makes no row.
 */
public record Inline(Expression child, boolean outer) implements Generator {
    private static final long serialVersionUID = 1L;

    public Inline {
        requireNonNull(child, "child is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Inline(children.get(0), outer);
    }

    @Override
    public List<StructField> elementFields() {
        StructType struct = (StructType) ((ArrayType) child.dataType()).elementType();
        List<StructField> fields = new ArrayList<>();
        for (StructField field : struct.fields()) {
            fields.add(new StructField(field.name(), field.dataType(), true));
        }
        return fields;
    }

    @Override
    public List<Object[]> generate(Object[] childValues) {
        List<Object[]> rows = new ArrayList<>();
        if (childValues[0] instanceof List<?> list) {
            int width = ((StructType) ((ArrayType) child.dataType()).elementType()).size();
            for (Object element : list) {
                rows.add(element == null ? new Object[width] : ((Object[]) element).clone());
            }
        }
        return rows;
    }

    @Override
    public String prettyName() {
        return outer ? "inline_outer" : "inline";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
