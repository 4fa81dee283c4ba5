package dev.ember.sql.expressions;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/** {@code left AND right}, with SQL's three-valued logic: false if either is false, else null if either is null. */
public record And(Expression left, Expression right) implements Expression {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new And(children.get(0), children.get(1));
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
        if (Boolean.FALSE.equals(a)) {
            return false;
        }
        Object b = right.eval(input);
        if (Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " AND " + right.sql() + ")";
    }
}
