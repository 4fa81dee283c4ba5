package dev.ember.scheduler;

import dev.ember.AccumulatorRegistry;
import dev.ember.AccumulatorV2;
import dev.ember.events.AccumulableInfo;
import dev.ember.events.StageInfo;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges the accumulator updates a task sends back into the driver's accumulators: all of them once per successful
 * task, and only those that count failed values for a failed or killed attempt. Called on the DAG scheduler's event
 * loop.
 */
final class AccumulatorUpdates {
    private static final Logger LOG = LoggerFactory.getLogger(AccumulatorUpdates.class);

    private AccumulatorUpdates() {}

    /** Merges a successful task's updates; the named accumulators' new values are noted on {@code stage}. */
    static void mergeSucceeded(List<AccumulatorV2<?, ?>> updates, StageInfo stage) {
        if (updates == null) {
            return;
        }
        for (AccumulatorV2<?, ?> update : updates) {
            try {
                AccumulatorRegistry.merge(update);
                if (stage != null) {
                    AccumulatorRegistry.get(update.id())
                            .filter(original -> original.name().isPresent())
                            .ifPresent(original -> stage.updateAccumulable(new AccumulableInfo(
                                    original.id(), original.name().get(), shown(original))));
                }
            } catch (RuntimeException e) {
                LOG.error("Failed to merge an update of accumulator {}", update.id(), e);
            }
        }
    }

    /** An accumulator's value as stages show it: a collection by its size (shown whole, it would grow each task). */
    private static String shown(AccumulatorV2<?, ?> accumulator) {
        Object value = accumulator.value();
        if (value instanceof java.util.Collection<?> values) {
            return values.size() + " values";
        }
        String text = String.valueOf(value);
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    /** A failed or killed attempt's additions are dropped, except for accumulators that count failed values. */
    static void mergeFailed(List<AccumulatorV2<?, ?>> updates) {
        if (updates == null) {
            return;
        }
        mergeSucceeded(updates.stream().filter(AccumulatorV2::countFailedValues).toList(), null);
    }
}
