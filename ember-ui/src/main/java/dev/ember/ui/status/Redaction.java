package dev.ember.ui.status;

import dev.ember.ui.api.ApiTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Hides secrets before anything is shown: a setting whose key or value matches {@code ember.redaction.regex} shows as
 * {@value #REDACTED}; so do the JVM's system properties on the environment page.
 */
public final class Redaction {
    public static final String REDACTED = "*********(redacted)";

    private final Pattern pattern;

    public Redaction(String regex) {
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** {@code value}, or {@value #REDACTED} when its key or it matches. */
    public String redact(String key, String value) {
        if (pattern.matcher(key).find()
                || (value != null && pattern.matcher(value).find())) {
            return REDACTED;
        }
        return value;
    }

    /** The environment page's data: {@code settings} (the application's configuration) and the JVM's details. */
    ApiTypes.ApplicationEnvironmentInfo environment(Map<String, String> settings, JvmDetails jvm) {
        List<List<String>> classPath = new ArrayList<>();
        for (String entry : jvm.classPath()) {
            classPath.add(List.of(entry, "System Classpath"));
        }
        return new ApiTypes.ApplicationEnvironmentInfo(
                new ApiTypes.RuntimeInfo(jvm.javaVersion(), jvm.javaHome(), ""),
                pairs(settings),
                List.of(),
                pairs(jvm.systemProperties()),
                List.of(),
                classPath,
                List.of());
    }

    private List<List<String>> pairs(Map<String, String> values) {
        List<List<String>> pairs = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
            pairs.add(List.of(entry.getKey(), String.valueOf(redact(entry.getKey(), entry.getValue()))));
        }
        return pairs;
    }
}
