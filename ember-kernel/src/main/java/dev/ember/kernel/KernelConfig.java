package dev.ember.kernel;

import dev.ember.EmberConf;
import dev.ember.config.ConfigEntry;
import dev.ember.config.ConfigProvider;
import dev.ember.util.ByteSizes;
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

    public static final ConfigEntry<Integer> SQL_MAX_ROWS = ConfigEntry.key("ember.kernel.sql.maxRows")
            .doc("The most rows the table of a Dataset result or a %%sql cell shows; a note says when there are more.")
            .intConf()
            .positive()
            .defaultValue(20);

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

    /**
     * The largest frame a kernel socket accepts. ZeroMQ reserves a frame's memory as soon as its header announces
     * the size; without a limit, one header announcing 2 GB from anyone who can reach a port ends the socket's I/O
     * thread, and with it every socket of the kernel. A peer announcing more is disconnected before anything is
     * reserved; the kernel and its other connections go on.
     */
    public static final ConfigEntry<Long> MAX_MESSAGE_SIZE = ConfigEntry.key("ember.kernel.maxMessageSize")
            .doc("Largest message frame a kernel socket (shell, control, stdin, heartbeat, the cells' comm bridge)"
                    + " accepts; a peer announcing a larger one is disconnected before anything is reserved for it.")
            .bytesConf(ByteSizes.Unit.MIB)
            .between(1024, true, Integer.MAX_VALUE - 1024, true, "between 1k and 2047m")
            .defaultString("64m");

    /**
     * The value of {@link #MAX_MESSAGE_SIZE} in this JVM: the kernel's and the interpreter's settings arrive as
     * system properties. A value that does not parse fails, naming the key.
     */
    static long maxMessageSize() {
        return new EmberConf().get(MAX_MESSAGE_SIZE);
    }

    @Override
    public List<ConfigEntry<?>> entries() {
        return List.of(
                DISPLAY_MAX_ROWS,
                SQL_MAX_ROWS,
                MAVEN_REPOSITORIES,
                MAVEN_LOCAL_REPOSITORY,
                INTERPRETER_MEMORY,
                MAX_MESSAGE_SIZE);
    }
}
