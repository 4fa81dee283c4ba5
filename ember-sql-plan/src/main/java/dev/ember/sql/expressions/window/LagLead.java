package dev.ember.sql.expressions.window;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.types.DataType;
import java.util.List;

/**
 * {@code lag(input, offset, default)} and {@code lead(...)}: {@code input} on the row {@code offset} rows before
 * ({@code lag}) or after ({@code lead}) the current one in the partition's order; {@code default} (evaluated on the
 * current row, null unless given) when there is no such row. A null input on an existing row stays null. A negative
 * offset looks the other way.
 */
public record LagLead(Expression input, int offset, Expression defaultValue, boolean lead) implements WindowFunction {
    private static final long serialVersionUID = 1L;

    public LagLead {
        requireNonNull(input, "input is null");
        requireNonNull(defaultValue, "defaultValue is null");
    }

    /** How many rows after the current one the value comes from (negative: before). */
    public int rowDelta() {
        return lead ? offset : -offset;
    }

    @Override
    public List<Expression> children() {
        return List.of(input, defaultValue);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new LagLead(children.get(0), offset, children.get(1), lead);
    }

    @Override
    public DataType dataType() {
        return input.dataType();
    }

    @Override
    public boolean nullable() {
        return true;
    }

    @Override
    public String prettyName() {
        return lead ? "lead" : "lag";
    }

    @Override
    public String sql() {
        return prettyName() + "(" + input.sql() + ", " + offset + ", " + defaultValue.sql() + ")";
    }
}
