package dev.ember.sql.plans.logical;

import java.io.Serializable;

/**
 * A query's hint for how to run a join, from {@code /*+ BROADCAST(t) *}{@code /} or {@code Dataset.hint}: which
 * side, if any, the user asked to broadcast.
 */
public record JoinHint(boolean broadcastLeft, boolean broadcastRight) implements Serializable {
    public static final JoinHint NONE = new JoinHint(false, false);

    @Override
    public String toString() {
        return broadcastLeft && broadcastRight
                ? "broadcast both"
                : broadcastLeft ? "broadcast left" : broadcastRight ? "broadcast right" : "no hint";
    }
}
