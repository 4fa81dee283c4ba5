package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * The frame of a window ({@code ROWS BETWEEN 2 PRECEDING AND CURRENT ROW}): which rows around the current one a window
 * function sees. A frame written with one bound ({@code ROWS UNBOUNDED PRECEDING}) ends at the current row. The
 * values of bounds with an offset are expressions; {@link WindowSpec} exposes them as its children.
 */
public record WindowFrame(Type type, Bound lower, Bound upper) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Whether the bounds count rows or compare values of the ordering key. */
    public enum Type {
        ROWS,
        RANGE
    }

    /** What a bound is. */
    public enum BoundKind {
        UNBOUNDED_PRECEDING,
        PRECEDING,
        CURRENT_ROW,
        FOLLOWING,
        UNBOUNDED_FOLLOWING
    }

    /** One end of a frame; {@code offset} is the {@code n} of {@code n PRECEDING} and {@code n FOLLOWING}, else null. */
    public record Bound(BoundKind kind, Expression offset) implements Serializable {
        private static final long serialVersionUID = 1L;

        public static final Bound UNBOUNDED_PRECEDING = new Bound(BoundKind.UNBOUNDED_PRECEDING, null);
        public static final Bound CURRENT_ROW = new Bound(BoundKind.CURRENT_ROW, null);
        public static final Bound UNBOUNDED_FOLLOWING = new Bound(BoundKind.UNBOUNDED_FOLLOWING, null);

        public Bound {
            requireNonNull(kind, "kind is null");
            boolean needsOffset = kind == BoundKind.PRECEDING || kind == BoundKind.FOLLOWING;
            if (needsOffset != (offset != null)) {
                throw new IllegalArgumentException(
                        "A " + kind + " bound " + (needsOffset ? "needs" : "takes no") + " offset");
            }
        }

        public static Bound preceding(Expression offset) {
            return new Bound(BoundKind.PRECEDING, offset);
        }

        public static Bound following(Expression offset) {
            return new Bound(BoundKind.FOLLOWING, offset);
        }

        public String sql() {
            return switch (kind) {
                case UNBOUNDED_PRECEDING -> "UNBOUNDED PRECEDING";
                case PRECEDING -> offset.sql() + " PRECEDING";
                case CURRENT_ROW -> "CURRENT ROW";
                case FOLLOWING -> offset.sql() + " FOLLOWING";
                case UNBOUNDED_FOLLOWING -> "UNBOUNDED FOLLOWING";
            };
        }
    }

    public WindowFrame {
        requireNonNull(type, "type is null");
        requireNonNull(lower, "lower is null");
        requireNonNull(upper, "upper is null");
    }

    /** This frame with other offset expressions, in the order lower then upper (only the bounds that have one). */
    WindowFrame withOffsets(java.util.Iterator<Expression> offsets) {
        Bound newLower = lower.offset() == null ? lower : new Bound(lower.kind(), offsets.next());
        Bound newUpper = upper.offset() == null ? upper : new Bound(upper.kind(), offsets.next());
        return new WindowFrame(type, newLower, newUpper);
    }

    public String sql() {
        return type + " BETWEEN " + lower.sql() + " AND " + upper.sql();
    }
}
