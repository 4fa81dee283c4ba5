package dev.ember.sql.expressions;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The identity of a named value in a plan: two attributes with the same id are the same column, whatever their names
 * say (names can repeat after a join; a rename keeps the id of nothing). Ids are unique within a JVM.
 */
public record ExprId(long id) implements Serializable {
    private static final AtomicLong NEXT = new AtomicLong();

    public static ExprId next() {
        return new ExprId(NEXT.incrementAndGet());
    }

    @Override
    public String toString() {
        return "#" + id;
    }
}
