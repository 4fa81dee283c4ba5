package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.sql.types.DataType;
import java.time.ZoneId;
import java.util.List;

/**
 * {@code CAST(child AS type)} and, with {@code tryCast}, {@code TRY_CAST}: a value converted to another type by
 * {@link Casts}. Under ANSI mode a value that does not convert (text that is no number, a number out of range) fails
 * the query; {@code TRY_CAST} gives null instead. {@code timeZone} is the session's zone, for casts between
 * timestamps and text or dates. {@code implicit} marks a cast the analyzer inserted (ANSI mode's implicit casts)
 * rather than one the user wrote; it changes nothing but the column names made from the expression, which leave it
 * out as Spark's do.
 */
public record Cast(Expression child, DataType dataType, boolean tryCast, String timeZone, boolean implicit)
        implements Expression {
    private static final long serialVersionUID = 1L;

    public Cast {
        requireNonNull(child, "child is null");
        requireNonNull(dataType, "dataType is null");
        requireNonNull(timeZone, "timeZone is null");
    }

    /** A cast the user wrote. */
    public Cast(Expression child, DataType dataType, boolean tryCast, String timeZone) {
        this(child, dataType, tryCast, timeZone, false);
    }

    public Cast(Expression child, DataType dataType) {
        this(child, dataType, false, "UTC");
    }

    /** A cast the analyzer inserts so that an operator or function gets the type it takes. */
    public static Cast implicit(Expression child, DataType dataType, String timeZone) {
        return new Cast(child, dataType, false, timeZone, true);
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Cast(children.get(0), dataType, tryCast, timeZone, implicit);
    }

    @Override
    public boolean nullable() {
        return child.nullable() || tryCast || Casts.mayFail(child.dataType(), dataType);
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
        try {
            return Casts.cast(value, child.dataType(), dataType, ZoneId.of(timeZone), this::sql);
        } catch (EmberException e) {
            if (tryCast) {
                return null;
            }
            throw e;
        }
    }

    @Override
    public String sql() {
        return (tryCast ? "TRY_CAST(" : "CAST(") + child.sql() + " AS " + dataType.sql() + ")";
    }
}
