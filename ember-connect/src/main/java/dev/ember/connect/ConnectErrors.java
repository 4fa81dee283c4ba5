package dev.ember.connect;

import com.google.protobuf.Any;
import com.google.rpc.ErrorInfo;
import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.connect.proto.FetchErrorDetailsResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.ArrayList;
import java.util.List;

/**
 * Failures as the gRPC status Spark Connect's clients turn into exceptions: code INTERNAL, a message with the error
 * class in brackets, and an {@code ErrorInfo} whose {@code classes} name the Spark exception type a client should
 * throw (an {@code AnalysisException} for an unresolved column, an {@code ArithmeticException} for a division by
 * zero) and whose {@code sqlState} is the SQL state. The full chain of causes stays with the session under an error
 * id, for {@code FetchErrorDetails}.
 *
 * <p>No {@code errorClass} is sent: Spark's JVM client renders a message from its own templates when it gets one, and
 * Ember's error classes are not among them; the class stays in the message, where every client shows it.
 */
final class ConnectErrors {
    private static final int MAX_MESSAGE = 2048;
    private static final String DOMAIN = "org.apache.spark";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    private ConnectErrors() {}

    static StatusRuntimeException toStatus(Throwable failure, String errorId) {
        Throwable error = unwrap(failure);
        String message = message(error);
        ErrorInfo.Builder info = ErrorInfo.newBuilder()
                .setReason(classes(error).get(0))
                .setDomain(DOMAIN)
                .putMetadata("classes", json(classes(error)))
                .putMetadata("messageParameters", "{}");
        String state = sqlState(error);
        if (state != null) {
            info.putMetadata("sqlState", state);
        }
        if (errorId != null) {
            info.putMetadata("errorId", errorId);
        }
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INTERNAL.value())
                .setMessage(truncate(message))
                .addDetails(Any.pack(info.build()))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** A failure the client caused with its request itself (an unknown session or operation). */
    static StatusRuntimeException invalid(String errorClass, String message) {
        String text = "[" + errorClass + "] " + message;
        ErrorInfo info = ErrorInfo.newBuilder()
                .setReason("org.apache.spark.SparkSQLException")
                .setDomain(DOMAIN)
                .putMetadata("classes", json(List.of("org.apache.spark.SparkSQLException", "java.sql.SQLException")))
                .putMetadata("messageParameters", "{}")
                .build();
        com.google.rpc.Status status = com.google.rpc.Status.newBuilder()
                .setCode(Status.Code.INTERNAL.value())
                .setMessage(text)
                .addDetails(Any.pack(info))
                .build();
        return StatusProto.toStatusRuntimeException(status);
    }

    /** The failure and its causes, for {@code FetchErrorDetails}: index 0 is the root (the failure itself). */
    static List<FetchErrorDetailsResponse.Error> details(Throwable failure) {
        List<FetchErrorDetailsResponse.Error> errors = new ArrayList<>();
        Throwable current = unwrap(failure);
        while (current != null && errors.size() < 16) {
            FetchErrorDetailsResponse.Error.Builder error = FetchErrorDetailsResponse.Error.newBuilder()
                    .addAllErrorTypeHierarchy(classes(current))
                    .setMessage(message(current));
            String state = sqlState(current);
            if (state != null) {
                error.setSparkThrowable(
                        FetchErrorDetailsResponse.SparkThrowable.newBuilder().setSqlState(state));
            }
            Throwable cause = current.getCause() == current ? null : current.getCause();
            if (cause != null && errors.size() < 15) {
                error.setCauseIdx(errors.size() + 1);
            }
            errors.add(error.build());
            current = cause;
        }
        return errors;
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof java.util.concurrent.ExecutionException
                        || current instanceof java.util.concurrent.CompletionException
                        || current instanceof java.lang.reflect.InvocationTargetException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static String message(Throwable error) {
        String message = error.getMessage();
        if (error instanceof EmberException) {
            return message;
        }
        return error.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** The exception types a client should throw, most specific first (Spark's names, which clients know). */
    static List<String> classes(Throwable error) {
        ErrorClass errorClass = error instanceof EmberException ember ? ember.errorClass() : null;
        if (errorClass == null) {
            if (error instanceof IllegalArgumentException) {
                return List.of("java.lang.IllegalArgumentException", "java.lang.RuntimeException");
            }
            if (error instanceof UnsupportedOperationException) {
                return List.of("java.lang.UnsupportedOperationException", "java.lang.RuntimeException");
            }
            return List.of("org.apache.spark.SparkException", "java.lang.Exception");
        }
        return switch (errorClass) {
            case PARSE_SYNTAX_ERROR,
                    UNRESOLVED_COLUMN,
                    TABLE_OR_VIEW_NOT_FOUND,
                    UNRESOLVED_ROUTINE,
                    DATATYPE_MISMATCH,
                    INVALID_SQL,
                    ALREADY_EXISTS,
                    SCHEMA_NOT_FOUND,
                    SCHEMA_NOT_EMPTY,
                    INPUT_PATH_NOT_FOUND,
                    OUTPUT_PATH_EXISTS -> List.of("org.apache.spark.sql.AnalysisException", "java.lang.Exception");
            case DIVIDE_BY_ZERO, ARITHMETIC_OVERFLOW ->
                List.of("org.apache.spark.SparkArithmeticException", "java.lang.ArithmeticException");
            case CAST_INVALID_INPUT ->
                List.of("org.apache.spark.SparkNumberFormatException", "java.lang.NumberFormatException");
            case UNSUPPORTED_FEATURE ->
                List.of(
                        "org.apache.spark.SparkUnsupportedOperationException",
                        "java.lang.UnsupportedOperationException");
            case INVALID_ARGUMENT, INVALID_CONFIG_VALUE ->
                List.of("org.apache.spark.SparkIllegalArgumentException", "java.lang.IllegalArgumentException");
            default -> List.of("org.apache.spark.SparkException", "java.lang.Exception");
        };
    }

    /** The SQL state of an error, as Spark gives it for the same condition; null where none fits. */
    static String sqlState(Throwable error) {
        if (!(error instanceof EmberException ember)) {
            return null;
        }
        return switch (ember.errorClass()) {
            case PARSE_SYNTAX_ERROR -> "42601";
            case UNRESOLVED_COLUMN -> "42703";
            case TABLE_OR_VIEW_NOT_FOUND -> "42P01";
            case UNRESOLVED_ROUTINE -> "42883";
            case DATATYPE_MISMATCH -> "42K09";
            case INVALID_SQL -> "42000";
            case ALREADY_EXISTS -> "42P07";
            case SCHEMA_NOT_FOUND -> "3F000";
            case SCHEMA_NOT_EMPTY -> "2BP01";
            case UNSUPPORTED_FEATURE -> "0A000";
            case DIVIDE_BY_ZERO -> "22012";
            case ARITHMETIC_OVERFLOW -> "22003";
            case CAST_INVALID_INPUT -> "22018";
            case INVALID_ARGUMENT, INVALID_CONFIG_VALUE -> "22023";
            case INPUT_PATH_NOT_FOUND -> "42K03";
            case JOB_CANCELLED -> "HY008";
            default -> null;
        };
    }

    private static String truncate(String message) {
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE - 3) + "...";
    }

    private static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
