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
 * JDI engine) and by {@code ember shell} (around its local engine). Classes are never redefined in place (see
 * {@link #redefine}). Also counts the snippets whose code threw.
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

    /** Loads the classes, then records them: what executors may fetch is what this JVM runs. */
    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        delegate.load(classes);
        record(classes);
    }

    /**
     * Refused: a class redefined in place keeps its name, and executors that loaded it already would go on running
     * its old code. JShell then compiles the changed snippet, and those that depend on it, into classes of new names,
     * which executors fetch as they do any other.
     */
    @Override
    public void redefine(ClassBytecodes[] classes) throws NotImplementedException {
        throw new NotImplementedException("classes are replaced, not redefined, so that executors run the new code");
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
