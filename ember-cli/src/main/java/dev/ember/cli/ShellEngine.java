package dev.ember.cli;

import dev.ember.kernel.RecordingExecutionControl;
import dev.ember.util.AllowedCall;
import java.nio.file.Path;
import java.util.Map;
import jdk.jshell.execution.LocalExecutionControlProvider;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * The execution engine of {@code ember shell}, named {@value #NAME}: JShell's local engine (snippets run in the
 * launcher's JVM, which is the driver), recording each class it loads into {@code ember.repl.class.outputDir} for
 * the driver to serve to executors, so that lambdas and records typed at the prompt run on a cluster too. JShell
 * finds it with {@link java.util.ServiceLoader}; the shell reads back from {@link #started} how many snippets threw.
 */
@AllowedCall("jdk.jshell.spi is the JDK's supported, exported API for JShell execution engines")
public final class ShellEngine implements ExecutionControlProvider {
    /** The name {@code --execution} selects this engine by. */
    static final String NAME = "ember";

    private static volatile RecordingExecutionControl started;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> defaultParameters() {
        return new LocalExecutionControlProvider().defaultParameters();
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
        String directory = System.getProperty("ember.repl.class.outputDir");
        if (directory == null || directory.isEmpty()) {
            throw new IllegalStateException("ember.repl.class.outputDir is not set: the shell sets it before JShell");
        }
        RecordingExecutionControl control = new RecordingExecutionControl(
                new LocalExecutionControlProvider().generate(env, parameters), Path.of(directory));
        started = control;
        return control;
    }

    /** How many snippets' code threw in the engine started last; 0 before one starts. */
    static int snippetsThatThrew() {
        RecordingExecutionControl control = started;
        return control == null ? 0 : control.snippetsThatThrew();
    }
}
