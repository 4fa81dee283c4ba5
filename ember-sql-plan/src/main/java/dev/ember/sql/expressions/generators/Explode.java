package dev.ember.sql.expressions.generators;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code explode(x)}: a row per element of the array {@code x} (column {@code col}) or per entry of the map {@code x}
 * (columns {@code key} and {@code value}); {@code posexplode} puts the 0-based position first (column {@code pos}). A
 * null or empty collection makes no row.
 */
public record Explode(Expression child, boolean position, boolean outer) implements Generator {
    private static final long serialVersionUID = 1L;

    public Explode {
        requireNonNull(child, "child is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Explode(children.get(0), position, outer);
    }

    @Override
    public List<StructField> elementFields() {
        List<StructField> fields = new ArrayList<>();
        if (position) {
            fields.add(new StructField("pos", DataTypes.IntegerType, outer));
        }
        if (child.dataType() instanceof MapType map) {
            fields.add(new StructField("key", map.keyType(), outer));
            fields.add(new StructField("value", map.valueType(), outer || map.valueContainsNull()));
        } else {
            ArrayType array = (ArrayType) child.dataType();
            fields.add(new StructField("col", array.elementType(), outer || array.containsNull()));
        }
        return fields;
    }

    @Override
    public List<Object[]> generate(Object[] childValues) {
        Object value = childValues[0];
        List<Object[]> rows = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                rows.add(position ? new Object[] {i, list.get(i)} : new Object[] {list.get(i)});
            }
        } else if (value instanceof Map<?, ?> map) {
            int i = 0;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                rows.add(
                        position
                                ? new Object[] {i, entry.getKey(), entry.getValue()}
                                : new Object[] {entry.getKey(), entry.getValue()});
                i++;
            }
        }
        return rows;
    }

    @Override
    public String prettyName() {
        return (position ? "posexplode" : "explode") + (outer ? "_outer" : "");
    }

    @Override
    public String sql() {
        return prettyName() + "(" + child.sql() + ")";
    }
}
