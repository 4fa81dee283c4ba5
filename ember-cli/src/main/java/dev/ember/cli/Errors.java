package dev.ember.cli;

import dev.ember.EmberException;
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

    /** The message of an error on one line. */
    static String oneLine(Throwable error) {
        String message;
        if (error instanceof EmberException || error instanceof LaunchException) {
            message = error.getMessage();
        } else {
            message = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
