package dev.ember.network.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One answer: status, content type and body, with any extra headers. The server adds the length, {@code nosniff}
 * and a closing connection.
 */
public record HttpResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse html(String page) {
        return of(200, "text/html; charset=utf-8", page);
    }

    public static HttpResponse json(int status, String json) {
        return of(status, "application/json; charset=utf-8", json);
    }

    public static HttpResponse text(int status, String text) {
        return of(status, "text/plain; charset=utf-8", text);
    }

    public static HttpResponse of(int status, String contentType, String body) {
        return new HttpResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** A redirect to {@code location} (a path on this server). */
    public static HttpResponse redirect(String location) {
        return new HttpResponse(302, "text/plain; charset=utf-8", new byte[0], Map.of("Location", location));
    }

    /** This response with header {@code name} set to {@code value}. */
    public HttpResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpResponse(status, contentType, body, more);
    }
}
