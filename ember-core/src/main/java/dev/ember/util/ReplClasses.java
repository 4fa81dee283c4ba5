package dev.ember.util;

import java.util.Optional;

/**
 * The class loader of an interpreter's snippets in this JVM (JShell's, in {@code ember shell} and in the notebook's
 * interpreter), so that the driver can read the variables snippets declared. JShell keeps a top-level variable in a
 * static field of the class it compiles for the snippet, and a lambda typed at the prompt reads that field rather
 * than capturing a copy: executors, which load the class afresh, would see the field's default value. The driver
 * therefore serves, with each such class, the values of its static fields (see the cluster scheduler's class
 * server), and executors set them when they load the class.
 */
public final class ReplClasses {
    /** Binary names of the classes JShell compiles start with this. */
    public static final String PACKAGE_PREFIX = "REPL.";

    private static volatile ClassLoader loader;

    private ReplClasses() {}

    /**
     * Records the loader of the snippet that calls this (directly or through Ember's own methods): the first caller
     * whose class is in JShell's {@code REPL} package. Nothing when no snippet is on the stack.
     */
    public static void registerCallingSnippet() {
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .walk(frames -> frames.map(StackWalker.StackFrame::getDeclaringClass)
                        .filter(type -> type.getName().startsWith(PACKAGE_PREFIX))
                        .findFirst())
                .ifPresent(type -> loader = type.getClassLoader());
    }

    /** The class {@code name} of the interpreter, if one registered and has it. */
    public static Optional<Class<?>> find(String name) {
        ClassLoader current = loader;
        if (current == null || !name.startsWith(PACKAGE_PREFIX)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Class.forName(name, false, current));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }
}
