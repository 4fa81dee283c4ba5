package dev.ember.ui.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Samples in Prometheus' text exposition format (version 0.0.4): HELP and TYPE once per metric, then its values. */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {}

    public static String render(List<Sample> samples) {
        Map<String, List<Sample>> byName = new LinkedHashMap<>();
        for (Sample sample : samples) {
            byName.computeIfAbsent(sample.name(), name -> new java.util.ArrayList<>())
                    .add(sample);
        }
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, List<Sample>> metric : byName.entrySet()) {
            Sample first = metric.getValue().get(0);
            text.append("# HELP ")
                    .append(metric.getKey())
                    .append(' ')
                    .append(escapeHelp(first.help()))
                    .append('\n');
            text.append("# TYPE ")
                    .append(metric.getKey())
                    .append(' ')
                    .append(first.type())
                    .append('\n');
            for (Sample sample : metric.getValue()) {
                text.append(metric.getKey());
                if (!sample.labels().isEmpty()) {
                    text.append('{');
                    boolean comma = false;
                    for (Map.Entry<String, String> label : new TreeMap<>(sample.labels()).entrySet()) {
                        text.append(comma ? "," : "")
                                .append(label.getKey())
                                .append("=\"")
                                .append(escapeLabel(label.getValue()))
                                .append('"');
                        comma = true;
                    }
                    text.append('}');
                }
                text.append(' ').append(number(sample.value())).append('\n');
            }
        }
        return text.toString();
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }

    private static String escapeHelp(String help) {
        return help.replace("\\", "\\\\").replace("\n", "\\n");
    }

    private static String escapeLabel(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
