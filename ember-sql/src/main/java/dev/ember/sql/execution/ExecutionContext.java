package dev.ember.sql.execution;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberContext;

/**
 * What operators need on the driver while turning a plan into RDDs: the engine, and the SQL settings of the session at
 * the time the query was planned.
 *
 * @param emberContext the engine
 * @param shufflePartitions partitions of exchanges ({@code ember.sql.shuffle.partitions})
 * @param timeZone the session's time zone ({@code ember.sql.session.timeZone})
 */
public record ExecutionContext(EmberContext emberContext, int shufflePartitions, String timeZone) {
    public ExecutionContext {
        requireNonNull(emberContext, "emberContext is null");
        requireNonNull(timeZone, "timeZone is null");
        if (shufflePartitions < 1) {
            throw new IllegalArgumentException("shufflePartitions must be positive");
        }
    }
}
