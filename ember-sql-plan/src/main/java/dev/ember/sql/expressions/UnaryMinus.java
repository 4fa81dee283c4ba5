package dev.ember.sql.expressions;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.types.DataType;
import java.math.BigDecimal;
import java.util.List;

/** {@code -child}; negating the smallest integer of a type overflows (an error under ANSI mode). */
public record UnaryMinus(Expression child) implements Expression {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new UnaryMinus(children.get(0));
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public boolean nullable() {
        return child.nullable();
    }

    @Override
    public boolean foldable() {
        return child.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object value = child.eval(input);
        if (value == null) {
            return null;
        }
        if (value instanceof Integer number) {
            if (number == Integer.MIN_VALUE) {
                throw overflow();
            }
            return -number;
        }
        if (value instanceof Long number) {
            if (number == Long.MIN_VALUE) {
                throw overflow();
            }
            return -number;
        }
        if (value instanceof Short number) {
            if (number == Short.MIN_VALUE) {
                throw overflow();
            }
            return (short) -number;
        }
        if (value instanceof Byte number) {
            if (number == Byte.MIN_VALUE) {
                throw overflow();
            }
            return (byte) -number;
        }
        if (value instanceof Double number) {
            return -number;
        }
        if (value instanceof Float number) {
            return -number;
        }
        return ((BigDecimal) value).negate();
    }

    private EmberException overflow() {
        return new EmberException(
                ErrorClass.ARITHMETIC_OVERFLOW,
                "The value of " + sql() + " is out of the range of "
                        + dataType().sql());
    }

    @Override
    public String sql() {
        return "(- " + child.sql() + ")";
    }
}
