package dev.ember.sql;

import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.expressions.WindowFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * A window of the DataFrame API, built with {@link Window}: {@code Window.partitionBy("a").orderBy("b")
 * .rowsBetween(-2, Window.currentRow)}, used with {@link Column#over(WindowSpec)}. Immutable: each method returns a new
 * spec. Frame bounds are row counts ({@link #rowsBetween}) or distances of the ordering key ({@link #rangeBetween}),
 * negative before the current row; {@link Window#unboundedPreceding} and {@link Window#unboundedFollowing} leave a
 * side open. Without a frame, Spark's default applies.
 */
public final class WindowSpec {
    private final List<Expression> partitionBy;
    private final List<SortOrder> orderBy;
    private final WindowFrame frame;

    WindowSpec(List<Expression> partitionBy, List<SortOrder> orderBy, WindowFrame frame) {
        this.partitionBy = List.copyOf(partitionBy);
        this.orderBy = List.copyOf(orderBy);
        this.frame = frame;
    }

    public WindowSpec partitionBy(Column... columns) {
        List<Expression> keys = new ArrayList<>();
        for (Column column : columns) {
            keys.add(column.expr());
        }
        return new WindowSpec(keys, orderBy, frame);
    }

    public WindowSpec partitionBy(String column, String... more) {
        return partitionBy(columns(column, more));
    }

    public WindowSpec orderBy(Column... columns) {
        List<SortOrder> keys = new ArrayList<>();
        for (Column column : columns) {
            keys.add(column.expr() instanceof SortOrder order ? order : SortOrder.ascending(column.expr()));
        }
        return new WindowSpec(partitionBy, keys, frame);
    }

    public WindowSpec orderBy(String column, String... more) {
        return orderBy(columns(column, more));
    }

    public WindowSpec rowsBetween(long start, long end) {
        return new WindowSpec(partitionBy, orderBy, frame(WindowFrame.Type.ROWS, start, end));
    }

    public WindowSpec rangeBetween(long start, long end) {
        return new WindowSpec(partitionBy, orderBy, frame(WindowFrame.Type.RANGE, start, end));
    }

    /** The window as the SQL layer holds it. */
    dev.ember.sql.expressions.WindowSpec definition() {
        return new dev.ember.sql.expressions.WindowSpec(partitionBy, orderBy, frame);
    }

    private static WindowFrame frame(WindowFrame.Type type, long start, long end) {
        return new WindowFrame(type, bound(start), bound(end));
    }

    private static WindowFrame.Bound bound(long value) {
        if (value == Window.unboundedPreceding) {
            return WindowFrame.Bound.UNBOUNDED_PRECEDING;
        }
        if (value == Window.unboundedFollowing) {
            return WindowFrame.Bound.UNBOUNDED_FOLLOWING;
        }
        if (value == Window.currentRow) {
            return WindowFrame.Bound.CURRENT_ROW;
        }
        Object distance = Math.abs(value) <= Integer.MAX_VALUE ? (Object) (int) Math.abs(value) : Math.abs(value);
        return value < 0
                ? WindowFrame.Bound.preceding(Literal.of(distance))
                : WindowFrame.Bound.following(Literal.of(distance));
    }

    private static Column[] columns(String column, String... more) {
        Column[] columns = new Column[more.length + 1];
        columns[0] = new Column(column);
        for (int i = 0; i < more.length; i++) {
            columns[i + 1] = new Column(more[i]);
        }
        return columns;
    }

    @Override
    public String toString() {
        return definition().sql();
    }
}
