package dev.ember.cli;

/** Something about the launch itself is wrong (a missing jar, an unknown class); the message says what. */
final class LaunchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LaunchException(String message) {
        super(message);
    }

    LaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
