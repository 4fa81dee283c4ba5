package dev.ember.util;

import java.io.Serializable;
import java.util.List;

/**
 * Where in user code an RDD or a job was created: the Ember method called and the first user frame, such as
 * {@code map at WordCount.java:31}. Shown in lineage strings, stage names, errors and the progress bar.
 *
 * @param shortForm one line, {@code method at File.java:line}
 * @param longForm the user part of the stack, one frame per line
 */
public record CallSite(String shortForm, String longForm) implements Serializable {
    private static final StackWalker WALKER = StackWalker.getInstance();

    /** Stack frames of Ember's own classes; examples, test classes and test fixtures count as user code. */
    private static boolean isEmberFrame(String className) {
        if (!className.startsWith("dev.ember.")
                || className.startsWith("dev.ember.examples.")
                || className.contains(".fixtures.")) {
            return false;
        }
        int nested = className.indexOf('$');
        String outer = nested < 0 ? className : className.substring(0, nested);
        return !(outer.endsWith("Test") || outer.endsWith("Tests") || outer.endsWith("Suite"));
    }

    private static boolean isPlumbing(String className) {
        return className.startsWith("java.") || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    /** Whether {@code className} is the user's: neither Ember's own (examples and tests are the user's) nor the JDK's. */
    public static boolean isUserClass(String className) {
        return !isEmberFrame(className) && !isPlumbing(className);
    }

    /** The call site of the current thread: the last Ember API method called and the user frame calling it. */
    public static CallSite capture() {
        List<StackWalker.StackFrame> frames =
                WALKER.walk(stream -> stream.limit(64).toList());
        String emberMethod = null;
        int userIndex = -1;
        for (int i = 0; i < frames.size(); i++) {
            StackWalker.StackFrame frame = frames.get(i);
            String className = frame.getClassName();
            if (className.equals(CallSite.class.getName())) {
                continue;
            }
            if (isEmberFrame(className)) {
                String method = frame.getMethodName();
                if (method.equals("<init>")) {
                    // A constructor the user called reads as Java code does: "new EmberContext".
                    emberMethod = "new " + className.substring(className.lastIndexOf('.') + 1);
                } else if (!method.startsWith("lambda$") && !method.startsWith("<")) {
                    emberMethod = method;
                }
                continue;
            }
            if (isPlumbing(className)) {
                continue;
            }
            userIndex = i;
            break;
        }
        if (userIndex < 0) {
            String method = emberMethod == null ? "<unknown>" : emberMethod;
            return new CallSite(method + " at <unknown>", "");
        }
        StackWalker.StackFrame user = frames.get(userIndex);
        String location =
                user.getFileName() == null ? user.getClassName() : user.getFileName() + ":" + user.getLineNumber();
        StringBuilder longForm = new StringBuilder();
        for (int i = userIndex; i < Math.min(frames.size(), userIndex + 20); i++) {
            longForm.append(frames.get(i).toStackTraceElement()).append('\n');
        }
        String method = emberMethod == null ? user.getMethodName() : emberMethod;
        return new CallSite(method + " at " + location, longForm.toString().stripTrailing());
    }

    /** Where the user's code is: {@code File.java:line}, without the Ember method's name. */
    public String location() {
        int at = shortForm.indexOf(" at ");
        return at < 0 ? shortForm : shortForm.substring(at + " at ".length());
    }

    @Override
    public String toString() {
        return shortForm;
    }
}
