package dev.ember.sql.plans.logical;

import java.io.Serializable;

/**
 * A query's hint for how to run a join, from {@code /*+ BROADCAST(t) *}{@code /}, {@code /*+ MERGE(t) *}{@code /} or
 * {@code Dataset.hint}: which side, if any, the user asked to broadcast, and whether a side asked for a sort-merge
 * join. A broadcast hint wins over a merge hint, as in Spark.
 */
public record JoinHint(boolean broadcastLeft, boolean broadcastRight, boolean sortMerge) implements Serializable {
    public static final JoinHint NONE = new JoinHint(false, false, false);

    public JoinHint(boolean broadcastLeft, boolean broadcastRight) {
        this(broadcastLeft, broadcastRight, false);
    }

    @Override
    public String toString() {
        String broadcast = broadcastLeft && broadcastRight
                ? "broadcast both"
                : broadcastLeft ? "broadcast left" : broadcastRight ? "broadcast right" : "";
        if (sortMerge) {
            return broadcast.isEmpty() ? "merge" : broadcast + ", merge";
        }
        return broadcast.isEmpty() ? "no hint" : broadcast;
    }
}
