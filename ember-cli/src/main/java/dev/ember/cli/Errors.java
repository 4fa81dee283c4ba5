package dev.ember.cli;

import dev.ember.EmberException;
import dev.ember.util.CallSite;
import java.io.PrintWriter;

/** How the launcher reports a failure: one line saying what went wrong, the stack trace only when asked. */
final class Errors {
    private Errors() {}

    static void report(Throwable error, boolean verbose, PrintWriter err) {
        Throwable shown = unwrap(error);
        err.println("error: " + oneLine(shown));
        if (verbose) {
            shown.printStackTrace(err);
        } else {
            err.println("(run with --verbose for details)");
        }
        err.flush();
    }

    private static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof java.lang.reflect.InvocationTargetException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    /**
     * The message of an error on one line; when the error comes from the user's code (a function that threw in a
     * task, say), it ends with where: {@code (at WordCount.java:31)}, the first frame outside the JDK and Ember.
     */
    static String oneLine(Throwable error) {
        String message;
        if (error instanceof EmberException || error instanceof LaunchException) {
            message = error.getMessage();
        } else {
            message = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
        int newline = message.indexOf('\n');
        String line = newline < 0 ? message : message.substring(0, newline);
        String thrownAt = thrownAt(error);
        return thrownAt == null ? line : line + " (at " + thrownAt + ")";
    }

    /**
     * Where the user's code threw: the first frame, in the deepest cause, of a class neither the JDK's nor Ember's
     * (a library's, when the error came from inside one; the user's call of Ember, when Ember refused something); null
     * if there is none (the error lost its stack on the way).
     */
    static String thrownAt(Throwable error) {
        if (error instanceof LaunchException) {
            return null;
        }
        Throwable deepest = error;
        for (int depth = 0; deepest.getCause() != null && deepest.getCause() != deepest && depth < 32; depth++) {
            deepest = deepest.getCause();
        }
        for (StackTraceElement frame : deepest.getStackTrace()) {
            if (CallSite.isUserClass(frame.getClassName())) {
                return frame.getFileName() == null || frame.getLineNumber() < 0
                        ? frame.getClassName() + "." + frame.getMethodName()
                        : frame.getFileName() + ":" + frame.getLineNumber();
            }
        }
        return null;
    }
}
