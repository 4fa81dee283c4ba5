package dev.ember.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The machine a run was measured on, recorded with its results. */
final class Machine {
    private Machine() {}

    static Map<String, Object> describe(Suite.Profile profile, int cores, String java) {
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        run.put("profile", profile.name().toLowerCase(Locale.ROOT));
        run.put("master", "local[" + cores + "]");
        run.put("cpu", procField("/proc/cpuinfo", "model name").orElse(System.getProperty("os.arch")));
        run.put("processors", Runtime.getRuntime().availableProcessors());
        run.put("memory", procField("/proc/meminfo", "MemTotal").orElse("unknown"));
        run.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        run.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        run.put("java", java);
        run.put("jvmOptions", Bench.JVM_OPTIONS);
        return run;
    }

    static String heading(Map<String, Object> run) {
        return "Measured " + run.get("date") + " (" + run.get("profile") + " profile): Ember "
                + run.getOrDefault("emberVersion", "?") + " vs Apache Spark " + run.getOrDefault("sparkVersion", "?")
                + ", " + run.get("master") + ", " + run.get("cpu") + " (" + run.get("processors") + " processors), "
                + run.get("memory") + ", " + run.get("os") + ", " + run.get("jvm") + ".";
    }

    private static Optional<String> procField(String file, String field) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith(field)) {
                    return Optional.of(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        } catch (IOException e) {
            // Not Linux: fall through.
        }
        return Optional.empty();
    }
}
