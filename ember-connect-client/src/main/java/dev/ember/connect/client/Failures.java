package dev.ember.connect.client;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A failed call as the engine's own exception: a server error keeps its error class and message (the server's
 * message starts with {@code [CLASS]} or {@code [CLASS.SUBCLASS]}); a transport failure says what happened to the
 * connection.
 */
final class Failures {
    private static final Pattern PREFIX = Pattern.compile("(?s)\\[([A-Z_]+)(?:\\.[A-Z_]+)*] (.*)");

    private Failures() {}

    static EmberException of(Throwable failure) {
        if (failure instanceof EmberException ember) {
            return ember;
        }
        if (!(failure instanceof StatusRuntimeException status)) {
            return new EmberException(ErrorClass.REMOTE_FAILURE, String.valueOf(failure), failure);
        }
        Status.Code code = status.getStatus().getCode();
        String description = status.getStatus().getDescription();
        return switch (code) {
            case UNAUTHENTICATED, PERMISSION_DENIED ->
                new EmberException(
                        ErrorClass.AUTHENTICATION_FAILED,
                        "The Connect server refused the call: " + description,
                        failure);
            case UNAVAILABLE ->
                new EmberException(
                        ErrorClass.CONNECTION_FAILED, "The Connect server cannot be reached: " + description, failure);
            case DEADLINE_EXCEEDED ->
                new EmberException(
                        ErrorClass.TIMEOUT, "The call to the Connect server timed out: " + description, failure);
            case CANCELLED -> new EmberException(ErrorClass.JOB_CANCELLED, "The call was cancelled", failure);
            default -> fromServer(description, failure);
        };
    }

    private static EmberException fromServer(String description, Throwable failure) {
        String text = description == null ? "the server gave no message" : description;
        Matcher matcher = PREFIX.matcher(text);
        if (matcher.matches()) {
            try {
                return new EmberException(ErrorClass.valueOf(matcher.group(1)), matcher.group(2), failure);
            } catch (IllegalArgumentException notOurs) {
                // A class of Spark's naming, not the engine's: the whole text is the message.
            }
        }
        return new EmberException(ErrorClass.REMOTE_FAILURE, text, failure);
    }
}
