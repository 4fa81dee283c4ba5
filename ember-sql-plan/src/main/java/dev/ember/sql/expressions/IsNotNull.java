package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code child IS NOT NULL}: never null itself. */
public record IsNotNull(Expression child) implements Expression {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new IsNotNull(children.get(0));
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return false;
    }

    @Override
    public boolean foldable() {
        return child.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object value = child.eval(input);
        return value != null;
    }

    @Override
    public String sql() {
        return "(" + child.sql() + " IS NOT NULL)";
    }
}
