package dev.ember.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicInteger;
import jdk.jshell.spi.ExecutionControl;

/**
 * A JShell execution engine that writes each class JShell loads into a directory, as {@code a/b/Name.class}, before
 * passing the load on to the engine it wraps, which does everything else. The JVM running the snippets is the driver
 * of their Ember jobs; in cluster mode it serves that directory to executors ({@code ember.repl.class.outputDir}), so
 * that classes, records and lambdas defined in snippets run there too. Used by the notebook kernel (around JShell's
 * JDI engine) and by {@code ember shell} (around its local engine). Also counts the snippets whose code threw.
 */
@dev.ember.util.AllowedCall("jdk.jshell.spi is the JDK's supported, exported API for JShell execution engines")
public final class RecordingExecutionControl implements ExecutionControl {
    private final ExecutionControl delegate;
    private final Path directory;
    private final AtomicInteger thrown = new AtomicInteger();

    /** Records into {@code directory} the classes loaded through {@code delegate}. */
    public RecordingExecutionControl(ExecutionControl delegate, Path directory) {
        this.delegate = delegate;
        this.directory = directory;
    }

    /** How many snippets' code threw (an exception, or a reference to something not defined). */
    public int snippetsThatThrew() {
        return thrown.get();
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
        try {
            return delegate.invoke(className, methodName);
        } catch (UserException | ResolutionException e) {
            thrown.incrementAndGet();
            throw e;
        }
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
