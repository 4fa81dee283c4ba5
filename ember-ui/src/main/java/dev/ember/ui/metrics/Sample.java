package dev.ember.ui.metrics;

import java.util.Map;

/**
 * One value of one metric.
 *
 * @param name the metric's name, {@code ember_...} in Prometheus' conventions
 * @param type {@code gauge} or {@code counter}
 * @param labels what distinguishes this value from the metric's others (executor, GC)
 */
public record Sample(String name, String help, String type, Map<String, String> labels, double value) {
    public Sample {
        labels = Map.copyOf(labels);
    }
}
