package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.BooleanType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/** A constant of a type, held in the type's internal representation (see {@link DataType}); null for SQL's null. */
public record Literal(Object value, DataType dataType) implements Expression {
    private static final long serialVersionUID = 1L;

    public static final Literal TRUE = new Literal(Boolean.TRUE, DataTypes.BooleanType);
    public static final Literal FALSE = new Literal(Boolean.FALSE, DataTypes.BooleanType);
    public static final Literal NULL = new Literal(null, DataTypes.NullType);

    public Literal {
        requireNonNull(dataType, "dataType is null");
    }

    /** The literal of a Java value, typed by its class: Integer is int, Long bigint, String string, and so on. */
    public static Literal of(Object value) {
        if (value == null) {
            return NULL;
        }
        if (value instanceof BigDecimal decimal) {
            BigDecimal normalized = decimal.scale() < 0 ? decimal.setScale(0) : decimal;
            return new Literal(
                    normalized,
                    DecimalType.bounded(Math.max(normalized.precision(), normalized.scale()), normalized.scale()));
        }
        return new Literal(value, TypeOfValue.of(value));
    }

    public static Literal nullOf(DataType type) {
        return new Literal(null, type);
    }

    @Override
    public List<Expression> children() {
        return List.of();
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return this;
    }

    @Override
    public boolean nullable() {
        return value == null;
    }

    @Override
    public boolean foldable() {
        return true;
    }

    @Override
    public Object eval(InternalRow input) {
        return value;
    }

    /** Whether this is the literal {@code true} (or {@code false} when asked for that). */
    public boolean isBoolean(boolean wanted) {
        return dataType instanceof BooleanType && value != null && (Boolean) value == wanted;
    }

    @Override
    public String sql() {
        return ValueText.sqlLiteral(value, dataType);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Literal literal
                && literal.dataType.equals(dataType)
                && Objects.deepEquals(literal.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dataType, value instanceof byte[] bytes ? java.util.Arrays.hashCode(bytes) : value);
    }

    @Override
    public String toString() {
        return sql();
    }
}
