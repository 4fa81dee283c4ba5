package dev.ember.network.http;

import java.util.List;
import java.util.Map;

/**
 * A request as handlers see it: already read whole and checked, with its path decoded and its query parameters
 * split.
 *
 * @param method {@code GET} or {@code HEAD} (the only methods served)
 * @param path the decoded path, starting with {@code /}
 * @param query each query parameter's values, in order
 */
public record HttpRequest(String method, String path, Map<String, List<String>> query) {
    public HttpRequest {
        query = Map.copyOf(query);
    }

    /** The first value of query parameter {@code name}, or null. */
    public String param(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Query parameter {@code name} as an int; {@code fallback} when absent; an error naming it when not a number. */
    public int intParam(String name, int fallback) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("Query parameter " + name + " must be a whole number, not '" + value + "'");
        }
    }

    /** Thrown by handlers for input they cannot answer; the server answers 400 with its message. */
    public static final class BadRequestException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadRequestException(String message) {
            super(message);
        }
    }
}
