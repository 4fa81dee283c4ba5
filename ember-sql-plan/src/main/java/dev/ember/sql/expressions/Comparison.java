package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import java.util.List;

/**
 * {@code left op right} for two values of one type (the analyzer casts them to a common type first). Null if either
 * side is null, except for {@code <=>} (null-safe equality), which is never null.
 */
public record Comparison(Op op, Expression left, Expression right) implements Expression {
    private static final long serialVersionUID = 1L;

    /** The comparisons, with their SQL symbols. */
    public enum Op {
        EQUAL("="),
        NOT_EQUAL("<>"),
        LESS_THAN("<"),
        LESS_THAN_OR_EQUAL("<="),
        GREATER_THAN(">"),
        GREATER_THAN_OR_EQUAL(">="),
        NULL_SAFE_EQUAL("<=>");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** The comparison with its sides swapped: {@code a < b} is {@code b > a}. */
        public Op flipped() {
            return switch (this) {
                case LESS_THAN -> GREATER_THAN;
                case LESS_THAN_OR_EQUAL -> GREATER_THAN_OR_EQUAL;
                case GREATER_THAN -> LESS_THAN;
                case GREATER_THAN_OR_EQUAL -> LESS_THAN_OR_EQUAL;
                default -> this;
            };
        }

        /** Whether {@code order} (negative, zero, positive from comparing left to right) satisfies this. */
        public boolean test(int order) {
            return switch (this) {
                case EQUAL, NULL_SAFE_EQUAL -> order == 0;
                case NOT_EQUAL -> order != 0;
                case LESS_THAN -> order < 0;
                case LESS_THAN_OR_EQUAL -> order <= 0;
                case GREATER_THAN -> order > 0;
                case GREATER_THAN_OR_EQUAL -> order >= 0;
            };
        }
    }

    public Comparison {
        requireNonNull(op, "op is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }

    @Override
    public List<Expression> children() {
        return List.of(left, right);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Comparison(op, children.get(0), children.get(1));
    }

    @Override
    public DataType dataType() {
        return DataTypes.BooleanType;
    }

    @Override
    public boolean nullable() {
        return op != Op.NULL_SAFE_EQUAL && (left.nullable() || right.nullable());
    }

    @Override
    public boolean foldable() {
        return left.foldable() && right.foldable();
    }

    @Override
    public Object eval(InternalRow input) {
        Object a = left.eval(input);
        Object b = right.eval(input);
        if (a == null || b == null) {
            return op == Op.NULL_SAFE_EQUAL ? a == b : null;
        }
        DataType type = left.dataType();
        if (op == Op.EQUAL || op == Op.NULL_SAFE_EQUAL) {
            return Values.equal(a, b, type);
        }
        if (op == Op.NOT_EQUAL) {
            return !Values.equal(a, b, type);
        }
        return op.test(Values.compare(a, b, type));
    }

    @Override
    public String sql() {
        return "(" + left.sql() + " " + op.symbol() + " " + right.sql() + ")";
    }
}
