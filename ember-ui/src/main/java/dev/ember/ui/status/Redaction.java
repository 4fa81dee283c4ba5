package dev.ember.ui.status;

import dev.ember.ui.api.ApiTypes;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Hides secrets before anything is shown: a setting whose key or value matches {@code ember.redaction.regex} shows as
 * {@value #REDACTED}. Also gathers the rest of the environment page: the JVM's runtime, its system properties
 * (redacted the same way) and its class path.
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

    /** The environment of this JVM with {@code settings} (the application's configuration). */
    ApiTypes.ApplicationEnvironmentInfo environment(Map<String, String> settings) {
        List<List<String>> properties = pairs(settings);
        Properties system = System.getProperties();
        Map<String, String> systemProperties = new TreeMap<>();
        for (String name : system.stringPropertyNames()) {
            systemProperties.put(name, system.getProperty(name));
        }
        List<List<String>> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                classPath.add(List.of(entry, "System Classpath"));
            }
        }
        return new ApiTypes.ApplicationEnvironmentInfo(
                new ApiTypes.RuntimeInfo(
                        System.getProperty("java.version", ""), System.getProperty("java.home", ""), ""),
                properties,
                List.of(),
                pairs(systemProperties),
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
