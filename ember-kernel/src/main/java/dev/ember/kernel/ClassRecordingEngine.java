package dev.ember.kernel;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jdk.jshell.execution.JdiExecutionControlProvider;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * JShell's usual execution engine (a JVM of its own, reached through JDI), with a hook on the classes JShell loads
 * into it: each is also written to a directory, as {@code a/b/Name.class}, before it is loaded. The interpreter's
 * JVM is the driver of the cells' Ember jobs, and in cluster mode serves that directory to executors
 * ({@code ember.repl.class.outputDir}), so that classes and lambdas defined in cells run there too.
 */
@dev.ember.util.AllowedCall("jdk.jshell.spi is the JDK's supported, exported API for JShell execution engines")
final class ClassRecordingEngine implements ExecutionControlProvider {
    private final Path directory;

    ClassRecordingEngine(Path directory) {
        this.directory = directory;
    }

    @Override
    public String name() {
        return "ember-recording";
    }

    /** The JDI engine's parameters, connecting over localhost. */
    @Override
    public Map<String, String> defaultParameters() {
        Map<String, String> parameters = new HashMap<>(new JdiExecutionControlProvider().defaultParameters());
        parameters.put("hostname", "localhost");
        return parameters;
    }

    @Override
    public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) throws Throwable {
        return new RecordingExecutionControl(new JdiExecutionControlProvider().generate(env, parameters), directory);
    }
}
