package dev.ember.util;

/** Helpers for exceptions crossing code that cannot declare them. */
public final class Exceptions {
    private Exceptions() {}

    /**
     * Rethrows {@code error} unchanged, even if checked. User functions may throw checked exceptions from inside
     * iterators; the task must fail with the user's own exception as the cause, not a wrapper.
     *
     * <pre>{@code throw Exceptions.sneakyThrow(e);}</pre>
     */
    public static RuntimeException sneakyThrow(Throwable error) {
        throw Exceptions.<RuntimeException>rethrow(error);
    }

    /**
     * The message of the innermost cause, the one that says what went wrong (wrappers such as
     * {@code CompletionException} add nothing), with its type when it has no message.
     */
    public static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable error) throws E {
        throw (E) error;
    }
}
