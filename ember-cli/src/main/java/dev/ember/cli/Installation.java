package dev.ember.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where the distribution is: {@code bin/ember} exports {@code EMBER_HOME} (an environment variable rather than an
 * {@code ember.*} system property, which applications would read as configuration); tests run without one.
 */
final class Installation {
    private Installation() {}

    static Optional<Path> home() {
        String home = System.getenv("EMBER_HOME");
        return home == null || home.isBlank() ? Optional.empty() : Optional.of(Path.of(home));
    }

    /** {@code conf/ember-defaults.conf} of the installation. */
    static Optional<Path> defaultsFile() {
        return home().map(home -> home.resolve("conf").resolve("ember-defaults.conf"));
    }

    /** The examples jar of the installation, if there is one. */
    static Optional<Path> examplesJar() {
        Optional<Path> directory = home().map(home -> home.resolve("examples").resolve("jars"));
        if (directory.isEmpty() || !Files.isDirectory(directory.get())) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(directory.get())) {
            List<Path> jars = files.filter(file -> file.getFileName().toString().startsWith("ember-examples")
                            && file.getFileName().toString().endsWith(".jar"))
                    .sorted()
                    .toList();
            return jars.isEmpty() ? Optional.empty() : Optional.of(jars.get(jars.size() - 1));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
