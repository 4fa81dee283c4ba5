package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code left OR right}, with SQL's three-valued logic: true if either is true, else null if either is null. */
public record Or(Expression left, Expression right) implements Expression {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Or(children.get(0), children.get(1));
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return left.nullable() || right.nullable();
    }

    @Override
    public boolean foldable() {
        return left.foldable() && right.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object a = left.eval(input);
        if (Boolean.TRUE.equals(a)) {
            return true;
        }
        Object b = right.eval(input);
        if (Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " OR " + right.sql() + ")";
    }
}
