package dev.ember.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        return new Recording(new JdiExecutionControlProvider().generate(env, parameters), directory);
    }

    /** Writes the classes, then lets the JDI engine do everything. */
    @dev.ember.util.AllowedCall("jdk.jshell.spi is the JDK's supported, exported API for JShell execution engines")
    private static final class Recording implements ExecutionControl {
        private final ExecutionControl delegate;
        private final Path directory;

        Recording(ExecutionControl delegate, Path directory) {
            this.delegate = delegate;
            this.directory = directory;
        }

        private void record(ClassBytecodes[] classes) {
            for (ClassBytecodes bytecodes : classes) {
                Path file = directory.resolve(bytecodes.name().replace('.', '/') + ".class");
                try {
                    Files.createDirectories(file.getParent());
                    Path temp = file.resolveSibling(file.getFileName() + ".tmp");
                    Files.write(temp, bytecodes.bytecodes());
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot record class " + bytecodes.name() + " in " + directory, e);
                }
            }
        }

        @Override
        public void load(ClassBytecodes[] classes)
                throws ClassInstallException, NotImplementedException, EngineTerminationException {
            record(classes);
            delegate.load(classes);
        }

        @Override
        public void redefine(ClassBytecodes[] classes)
                throws ClassInstallException, NotImplementedException, EngineTerminationException {
            record(classes);
            delegate.redefine(classes);
        }

        @Override
        public String invoke(String className, String methodName)
                throws RunException, EngineTerminationException, InternalException {
            return delegate.invoke(className, methodName);
        }

        @Override
        public String varValue(String className, String varName)
                throws RunException, EngineTerminationException, InternalException {
            return delegate.varValue(className, varName);
        }

        @Override
        public void addToClasspath(String path) throws EngineTerminationException, InternalException {
            delegate.addToClasspath(path);
        }

        @Override
        public void stop() throws EngineTerminationException, InternalException {
            delegate.stop();
        }

        @Override
        public Object extensionCommand(String command, Object argument)
                throws RunException, EngineTerminationException, InternalException {
            return delegate.extensionCommand(command, argument);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
