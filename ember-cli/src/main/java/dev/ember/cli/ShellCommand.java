package dev.ember.cli;

import dev.ember.util.AllowedCall;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code ember shell}: JShell with Ember on the class path and {@code ctx}, an {@link dev.ember.EmberContext}, bound
 * before the first input. Snippets run in this JVM, so functions defined in the shell run as tasks directly.
 */
@Command(
        name = "shell",
        mixinStandardHelpOptions = true,
        description = "Starts JShell with 'ctx' bound to an EmberContext; /exit quits.")
final class ShellCommand implements Callable<Integer>, LaunchOptions.Verbose {
    @Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    private LaunchOptions options;

    @Override
    public boolean verbose() {
        return options.settings.verbose;
    }

    @Override
    @AllowedCall("jdk.jshell.tool is the JDK's supported, exported API for embedding JShell")
    public Integer call() throws Exception {
        LaunchSettings settings = Launch.settings(
                options, Map.of(), "ember-shell", spec.commandLine().getErr());
        Path startup = Files.createTempFile("ember-shell", ".jsh");
        try (AutoCloseable installed = settings.install()) {
            Files.writeString(
                    startup,
                    String.join(
                            "\n",
                            List.of(
                                    "import dev.ember.*;",
                                    "import dev.ember.function.*;",
                                    "import java.util.*;",
                                    "var ctx = dev.ember.cli.ShellContext.create();",
                                    "")),
                    StandardCharsets.UTF_8);
            List<String> arguments = new ArrayList<>(List.of(
                    "--class-path",
                    System.getProperty("java.class.path"),
                    "--execution",
                    "local",
                    "--startup",
                    "DEFAULT",
                    "--startup",
                    startup.toString()));
            return JavaShellToolBuilder.builder().start(arguments.toArray(new String[0]));
        } finally {
            try {
                Files.deleteIfExists(startup);
            } catch (IOException e) {
                // A leftover file in the temporary directory harms nothing.
            }
        }
    }
}
