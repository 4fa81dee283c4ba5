package dev.ember.cli;

import dev.ember.EmberConf;
import dev.ember.config.ConfigRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configuration a launch passes to the application: settings from the defaults file, overridden by
 * {@code --conf}, overridden by dedicated flags ({@code --master}, {@code --name}, {@code --jars}). Values are checked
 * here, before the application starts, so a bad value is reported with where it was set. The settings reach the
 * application as {@code ember.*} system properties, which {@code new EmberConf()} reads; they are removed again
 * when the launch ends.
 */
final class LaunchSettings {
    private record Setting(String value, String origin) {}

    private final Map<String, Setting> settings = new LinkedHashMap<>();

    static LaunchSettings from(LaunchOptions options, Map<String, String> flags, Optional<Path> defaultsFile) {
        return from(options.settings.conf, options.settings.propertiesFile, flags, defaultsFile);
    }

    static LaunchSettings from(
            List<String> confPairs, Path propertiesFile, Map<String, String> flags, Optional<Path> defaultsFile) {
        LaunchSettings result = new LaunchSettings();
        Optional<Path> file = propertiesFile != null ? Optional.of(propertiesFile) : defaultsFile;
        if (propertiesFile != null && !Files.isRegularFile(propertiesFile)) {
            throw new LaunchException("Properties file " + propertiesFile + " does not exist");
        }
        file.filter(Files::isRegularFile).ifPresent(result::readFile);
        for (String pair : confPairs) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new LaunchException("--conf expects KEY=VALUE, got '" + pair + "'");
            }
            result.settings.put(pair.substring(0, equals).trim(), new Setting(pair.substring(equals + 1), "--conf"));
        }
        flags.forEach((key, value) -> {
            if (value != null) {
                result.settings.put(key, new Setting(value, "the command line"));
            }
        });
        return result;
    }

    private void readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LaunchException("Cannot read properties file " + file + ": " + e.getMessage(), e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s*[=\\s]\\s*", 2);
            if (parts.length != 2 || parts[1].isEmpty()) {
                throw new LaunchException(file + ":" + (i + 1) + ": expected 'key value', got '" + line + "'");
            }
            settings.put(parts[0], new Setting(parts[1].trim(), file + ":" + (i + 1)));
        }
    }

    /** Sets a value if nothing set it yet. */
    LaunchSettings withDefault(String key, String value) {
        settings.putIfAbsent(key, new Setting(value, "the launcher's default"));
        return this;
    }

    /**
     * Checks every value: a bad value of a known key fails naming the key and where it was set; unknown
     * {@code ember.*} keys are warned about (with the closest known key); keys outside {@code ember.} are ignored.
     */
    void validate(PrintWriter err) {
        EmberConf conf = new EmberConf(false);
        for (Map.Entry<String, Setting> entry : Map.copyOf(settings).entrySet()) {
            String key = entry.getKey();
            if (!key.startsWith("ember.")) {
                err.println("warning: ignoring " + key + " (from "
                        + entry.getValue().origin() + "): Ember settings start with 'ember.'");
                settings.remove(key);
                continue;
            }
            conf.set(key, entry.getValue().value(), entry.getValue().origin());
        }
        for (String warning : ConfigRegistry.validate(conf)) {
            err.println("warning: " + warning);
        }
        err.flush();
    }

    /** The settings over the {@code ember.*} system properties of this JVM, for daemons that build no context. */
    EmberConf toConf() {
        EmberConf conf = new EmberConf(true);
        settings.forEach((key, setting) -> conf.set(key, setting.value(), setting.origin()));
        return conf;
    }

    /** Installs the settings as system properties; the returned handle restores the previous ones. */
    AutoCloseable install() {
        Map<String, String> previous = new LinkedHashMap<>();
        settings.forEach((key, setting) -> {
            previous.put(key, System.getProperty(key));
            System.setProperty(key, setting.value());
        });
        return () -> previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }

    /** The settings one per line, secrets hidden, for {@code --verbose}. */
    /** The settings with their values, except secrets (shared secrets, passwords, tokens). */
    Map<String, String> valuesWithoutSecrets() {
        Map<String, String> values = new LinkedHashMap<>();
        settings.forEach((key, setting) -> {
            if (!isSecret(key)) {
                values.put(key, setting.value());
            }
        });
        return values;
    }

    private static boolean isSecret(String key) {
        String lower = key.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("secret") || lower.contains("password") || lower.contains("token");
    }

    void print(PrintWriter out) {
        settings.forEach((key, setting) -> {
            boolean secret = isSecret(key);
            out.println(
                    "  " + key + "=" + (secret ? "*****" : setting.value()) + "    (from " + setting.origin() + ")");
        });
        out.flush();
    }
}
