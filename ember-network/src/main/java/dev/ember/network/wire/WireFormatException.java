package dev.ember.network.wire;

import dev.ember.EmberException;
import dev.ember.ErrorClass;

/** A message that cannot be read: malformed, of another protocol version, too deep or too slow to decode. */
public final class WireFormatException extends EmberException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(ErrorClass.SERIALIZATION_FAILED, message);
    }

    public WireFormatException(String message, Throwable cause) {
        super(ErrorClass.SERIALIZATION_FAILED, message, cause);
    }
}
