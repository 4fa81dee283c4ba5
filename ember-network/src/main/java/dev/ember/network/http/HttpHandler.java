package dev.ember.network.http;

/** Answers one request. Runs on one of the server's page threads; may take a moment, must not block forever. */
@FunctionalInterface
public interface HttpHandler {
    HttpResponse handle(HttpRequest request) throws Exception;
}
