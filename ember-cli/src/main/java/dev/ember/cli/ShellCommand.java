package dev.ember.cli;

import dev.ember.util.AllowedCall;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
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
 * before the first input. Snippets run in this JVM, the driver, with {@link ShellEngine}: the classes JShell compiles
 * are written to a directory of their own ({@code ember.repl.class.outputDir}) that the driver serves to executors,
 * so that lambdas and records typed at the prompt run as tasks in every mode, on a cluster too. When standard input or
 * output is not a terminal (a script), the exit code is 1 if a snippet failed (was rejected by the compiler or threw)
 * and {@code /exit} gave no other code than 0.
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
        Path classes = Files.createTempDirectory("ember-shell-classes-");
        Thread cleanup = new Thread(() -> deleteQuietly(classes), "ember-shell-class-directory-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (AutoCloseable installed = settings.install()) {
            System.setProperty("ember.repl.class.outputDir", classes.toString());
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
                    ShellEngine.NAME,
                    "--startup",
                    "DEFAULT",
                    "--startup",
                    startup.toString()));
            CompilerErrors compilerErrors = new CompilerErrors(System.out);
            // English, whatever the JVM's locale: the compiler errors are counted by JShell's English report.
            int code = JavaShellToolBuilder.builder()
                    .out(new PrintStream(compilerErrors, true, StandardCharsets.UTF_8), System.out, System.out)
                    .locale(java.util.Locale.ENGLISH)
                    .start(arguments.toArray(new String[0]));
            int failed = compilerErrors.count() + ShellEngine.snippetsThatThrew();
            if (code == 0 && failed > 0 && !atTerminal()) {
                spec.commandLine()
                        .getErr()
                        .println("ember shell: " + failed + (failed == 1 ? " snippet" : " snippets") + " failed");
                return 1;
            }
            return code;
        } finally {
            System.clearProperty("ember.repl.class.outputDir");
            deleteQuietly(classes);
            Runtime.getRuntime().removeShutdownHook(cleanup);
            try {
                Files.deleteIfExists(startup);
            } catch (IOException e) {
                // A leftover file in the temporary directory harms nothing.
            }
        }
    }

    /**
     * Whether the shell runs at a terminal (standard input and output), as {@code bin/ember} saw it; without it,
     * whether there is a console, which up to JDK 21 means the same.
     */
    private static boolean atTerminal() {
        String in = System.getenv("EMBER_STDIN_IS_TERMINAL");
        String out = System.getenv("EMBER_STDOUT_IS_TERMINAL");
        if (in != null && out != null) {
            return in.equals("true") && out.equals("true");
        }
        return System.console() != null;
    }

    private static void deleteQuietly(Path directory) {
        try {
            dev.ember.util.FileUtils.deleteRecursively(directory);
        } catch (java.io.UncheckedIOException e) {
            // A leftover directory in the temporary directory harms nothing.
        }
    }

    /**
     * JShell's own output (not the snippets'), passed on, counting the snippets the compiler rejected: in JShell's
     * normal feedback, each such report starts a line with {@code |  Error:}.
     */
    static final class CompilerErrors extends FilterOutputStream {
        private static final byte[] MARK = "|  Error:".getBytes(StandardCharsets.UTF_8);

        private int column;
        private boolean matching = true;
        private int count;

        CompilerErrors(OutputStream out) {
            super(out);
        }

        @Override
        public synchronized void write(int b) throws IOException {
            out.write(b);
            scan(b);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            for (int i = offset; i < offset + length; i++) {
                scan(bytes[i]);
            }
        }

        private void scan(int b) {
            if (b == '\n') {
                column = 0;
                matching = true;
                return;
            }
            if (matching && column < MARK.length) {
                matching = MARK[column] == (byte) b;
                if (matching && column == MARK.length - 1) {
                    count++;
                }
            }
            column++;
        }

        synchronized int count() {
            return count;
        }
    }
}
