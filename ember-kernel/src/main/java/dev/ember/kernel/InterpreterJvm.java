package dev.ember.kernel;

import dev.ember.util.ThreadUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jdk.jshell.JShell;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreter's JVM: the JVM JShell's remote execution runs the cells in, how it is launched, and the JShell
 * connected to it. A cell that exits, crashes or runs out of memory ends this JVM only; the next use starts a fresh
 * one, without the earlier definitions.
 *
 * <p>The JVM is launched with this JVM's class path (on its own class path and on JShell's), its
 * {@code --add-opens} and {@code --add-exports} options and its {@code ember.*} system properties, {@code -Xmx} from
 * {@link KernelConfig#INTERPRETER_MEMORY} when set, {@code -XX:+ExitOnOutOfMemoryError}, a logging configuration
 * that sends warnings and errors to the cell's stderr, and the kernel's extra options. The classes the cells compile
 * are written to a directory of its own ({@code ember.repl.class.outputDir}, see {@link ClassRecordingEngine}),
 * deleted by {@link #close} or, if the kernel ends without it, by a shutdown hook.
 *
 * <p>Started and used from the kernel's shell thread; {@link #live} and {@link #ended} may be called from any thread.
 */
@dev.ember.util.AllowedCall("jdk.jshell is the JDK's supported, exported API for evaluating Java snippets")
final class InterpreterJvm {
    private static final Logger LOG = LoggerFactory.getLogger(InterpreterJvm.class);

    private final List<String> vmOptions;
    private final String classPath;
    private final Path classDirectory;
    /** Deletes {@link #classDirectory} when the JVM ends without {@link #close} (SIGTERM, Ctrl-C). */
    private final Thread classDirectoryCleanup;

    private final InputStream stdin;
    private final OutputStream stdout;
    private final OutputStream stderr;

    private volatile JShell shell;
    private volatile boolean shellEnded;

    /**
     * A JVM, not started yet, whose code reads {@code stdin} and prints to {@code stdout} and {@code stderr}, launched
     * with {@code extraVmOptions} besides its usual options.
     */
    InterpreterJvm(List<String> extraVmOptions, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        this.stdin = stdin;
        this.stdout = stdout;
        this.stderr = stderr;
        List<String> options = new ArrayList<>();
        for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports")) {
                options.add(argument);
            }
        }
        System.getProperties().forEach((key, value) -> {
            if (key.toString().startsWith("ember.")) {
                options.add("-D" + key + "=" + value);
            }
        });
        String memory =
                System.getProperty(KernelConfig.INTERPRETER_MEMORY.key(), "").trim();
        if (!memory.isEmpty()) {
            options.add("-Xmx" + memory);
        }
        // Out of memory, a JVM is in no state to go on: it ends, and the next cell starts a fresh one.
        options.add("-XX:+ExitOnOutOfMemoryError");
        // The engine's own log goes to the cell's stderr: warnings and errors only, one line each.
        options.add("-Djava.util.logging.config.file=" + cellLogging());
        options.addAll(extraVmOptions);
        this.classPath = System.getProperty("java.class.path");
        // On the interpreter JVM's own class path too, not only JShell's: what the context starts from there (the
        // executor processes of local-cluster) gets the same class path.
        options.add("--class-path");
        options.add(classPath);
        this.classDirectory = classDirectory();
        Path created = classDirectory;
        this.classDirectoryCleanup =
                ThreadUtils.newThread("kernel-class-directory-cleanup", false, () -> deleteClassDirectory(created));
        Runtime.getRuntime().addShutdownHook(classDirectoryCleanup);
        // Where the cells' classes are written, for the driver to serve to executors in cluster mode.
        options.add("-Dember.repl.class.outputDir=" + classDirectory);
        this.vmOptions = List.copyOf(options);
    }

    /** A fresh directory for the classes the cells compile. */
    private static Path classDirectory() {
        try {
            return Files.createTempDirectory("ember-kernel-classes-");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for the cells' classes", e);
        }
    }

    /** Deletes the cells' classes; safe to call more than once, and from the shutdown hook and close at once. */
    private static void deleteClassDirectory(Path directory) {
        try {
            dev.ember.util.FileUtils.deleteRecursively(directory);
        } catch (UncheckedIOException e) {
            LOG.warn(
                    "Cannot delete the cells' class directory {}: {}",
                    directory,
                    e.getCause().toString());
        }
    }

    /** A logging configuration for the interpreter's JVM: warnings and errors, one line each. */
    private static String cellLogging() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("ember-kernel-logging-", ".properties");
            java.nio.file.Files.writeString(
                    file,
                    "handlers=java.util.logging.ConsoleHandler\n"
                            + ".level=WARNING\n"
                            + "java.util.logging.ConsoleHandler.level=WARNING\n"
                            + "java.util.logging.SimpleFormatter.format=%4$s %3$s: %5$s%6$s%n\n");
            file.toFile().deleteOnExit();
            return file.toString();
        } catch (java.io.IOException e) {
            LOG.warn("Cannot write the interpreter's logging configuration: {}", e.toString());
            return "";
        }
    }

    /** The JShell, started (with its JVM) on first use or after the last one ended. */
    JShell shell() {
        JShell current = shell;
        if (current != null && !shellEnded) {
            return current;
        }
        if (current != null) {
            current.close();
        }
        JShell created = JShell.builder()
                .out(new PrintStream(stdout, true, StandardCharsets.UTF_8))
                .err(new PrintStream(stderr, true, StandardCharsets.UTF_8))
                .in(stdin)
                .remoteVMOptions(vmOptions.toArray(new String[0]))
                .executionEngine(new ClassRecordingEngine(classDirectory), null)
                .build();
        created.addToClasspath(classPath);
        created.onShutdown(ended -> shellEnded = true);
        shellEnded = false;
        shell = created;
        return created;
    }

    /** Whether a JVM was started and has ended since: the next {@link #shell} starts a fresh one. */
    boolean needsRestart() {
        return shell != null && shellEnded;
    }

    /** The JShell, if one was started and its JVM has not ended. */
    Optional<JShell> live() {
        JShell current = shell;
        if (current == null || shellEnded) {
            return Optional.empty();
        }
        return Optional.of(current);
    }

    /** Whether the JVM of the last JShell started has ended (JShell says so before the cell's evaluation returns). */
    boolean ended() {
        return shellEnded;
    }

    /** Records that the JVM went away, found out from a failing call rather than from JShell. */
    void markEnded() {
        shellEnded = true;
    }

    /** Ends the JShell and its JVM, if started, and deletes the cells' classes. */
    void close() {
        JShell current = shell;
        if (current != null) {
            current.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(classDirectoryCleanup);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook deletes the directory too, which is harmless.
        }
        deleteClassDirectory(classDirectory);
    }
}
