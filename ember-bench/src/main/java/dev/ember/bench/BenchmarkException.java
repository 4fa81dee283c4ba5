package dev.ember.bench;

/** A benchmark that could not be measured: an engine failed, timed out, or computed a different answer. */
final class BenchmarkException extends RuntimeException {
    BenchmarkException(String message) {
        super(message);
    }
}
