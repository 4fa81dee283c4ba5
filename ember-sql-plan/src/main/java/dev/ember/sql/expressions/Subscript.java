package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.MapType;
import java.util.List;
import java.util.Map;

/**
 * {@code a[i]} on an array (0-based; an index out of bounds fails under ANSI mode, as in Spark 4) or {@code m[k]} on a
 * map (null when the key is absent). The analyzer casts the index to int or the key to the map's key type.
 */
public record Subscript(Expression child, Expression key) implements Expression {
    private static final long serialVersionUID = 1L;

    public Subscript {
        requireNonNull(child, "child is null");
        requireNonNull(key, "key is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(child, key);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Subscript(children.get(0), children.get(1));
    }

    @Override
    public DataType dataType() {
        DataType type = child.dataType();
        if (type instanceof ArrayType array) {
            return array.elementType();
        }
        if (type instanceof MapType map) {
            return map.valueType();
        }
        throw new EmberException(
                ErrorClass.DATATYPE_MISMATCH,
                "Only arrays and maps can be subscripted, not " + type.sql() + " in " + sql());
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public boolean foldable() {
        return child.foldable() && key.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object container = child.eval(input);
        if (container == null) {
            return null;
        }
        Object index = key.eval(input);
        if (index == null) {
            return null;
        }
        if (container instanceof List<?> list) {
            int position = ((Number) index).intValue();
            if (position < 0 || position >= list.size()) {
                throw new EmberException(
                        ErrorClass.INVALID_ARGUMENT,
                        "The index " + position + " is out of bounds: the array has " + list.size() + " elements ("
                                + sql() + "). Use try_element_at to get null instead");
            }
            return list.get(position);
        }
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) container).entrySet()) {
            if (Values.equal(entry.getKey(), index, key.dataType())) {
                return entry.getValue();
            }
        }
        return null;
    }

    @Override
    public String sql() {
        return child.sql() + "[" + key.sql() + "]";
    }
}
