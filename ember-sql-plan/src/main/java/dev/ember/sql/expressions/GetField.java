package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import dev.ember.sql.types.StructType;
import java.util.List;

/** {@code s.f}: a field of a struct value, by position; null when the struct is null. */
public record GetField(Expression child, int ordinal, String name) implements Expression {
    private static final long serialVersionUID = 1L;

    public GetField {
        requireNonNull(child, "child is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new GetField(children.get(0), ordinal, name);
    }

    @Override
    public DataType dataType() {
        return ((StructType) child.dataType()).field(ordinal).dataType();
    }

    @Override
    public boolean nullable() {
        return child.nullable()
                || ((StructType) child.dataType()).field(ordinal).nullable();
    }

    @Override
    public boolean foldable() {
        return child.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object struct = child.eval(input);
        return struct == null ? null : ((Object[]) struct)[ordinal];
    }

    @Override
    public String sql() {
        return child.sql() + "." + Identifiers.quoteIfNeeded(name);
    }
}
