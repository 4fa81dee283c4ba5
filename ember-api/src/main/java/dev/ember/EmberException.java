package dev.ember;

import static java.util.Objects.requireNonNull;

/**
 * The error type Ember reports to users. Every instance carries a stable {@link ErrorClass} and a message that
 * says what was wrong, where, and, where it helps, what to do about it. The message starts with the error class
 * in brackets so that a one-line report is enough to act on.
 */
public class EmberException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorClass errorClass;
    private final String detail;

    public EmberException(ErrorClass errorClass, String detail) {
        this(errorClass, detail, null);
    }

    public EmberException(ErrorClass errorClass, String detail, Throwable cause) {
        super(
                "[" + requireNonNull(errorClass, "errorClass is null") + "] "
                        + requireNonNull(detail, "detail is null"),
                cause);
        this.errorClass = errorClass;
        this.detail = detail;
    }

    /** The stable name of this kind of error. */
    public ErrorClass errorClass() {
        return errorClass;
    }

    /** The message without the error class prefix. */
    public String detail() {
        return detail;
    }
}
