package dev.ember.kernel;

import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import java.util.List;

/**
 * Settings of the Jupyter kernel. Given to {@code bin/ember kernel install} or {@code kernel run} with
 * {@code --conf}, they reach the kernel and the interpreter's JVM as system properties.
 */
public final class KernelConfig implements ConfigProvider {
    public static final ConfigEntry<Integer> DISPLAY_MAX_ROWS = ConfigEntry.key("ember.kernel.display.maxRows")
            .doc("The most rows a cell's result shows in its HTML table; the table says how many there are.")
            .intConf()
            .positive()
            .defaultValue(100);

    public static final ConfigEntry<String> MAVEN_REPOSITORIES = ConfigEntry.key("ember.kernel.maven.repositories")
            .doc("Comma-separated URLs of Maven repositories %maven searches after Maven Central.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<String> MAVEN_LOCAL_REPOSITORY = ConfigEntry.key(
                    "ember.kernel.maven.localRepository")
            .doc("Where %maven caches what it downloads; empty: ~/.m2/repository.")
            .stringConf()
            .defaultValue("");

    public static final ConfigEntry<String> INTERPRETER_MEMORY = ConfigEntry.key("ember.kernel.interpreter.memory")
            .doc("Heap of the interpreter's JVM (the cells' code and the driver of their jobs), such as 4g; empty: the"
                    + " JVM's default. A cell that runs out of it ends that JVM, and the next cell starts a new one.")
            .stringConf()
            .defaultValue("");

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(DISPLAY_MAX_ROWS, MAVEN_REPOSITORIES, MAVEN_LOCAL_REPOSITORY, INTERPRETER_MEMORY);
    }
}
