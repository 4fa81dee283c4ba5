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

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E rethrow(Throwable error) throws E {
        throw (E) error;
    }
}
