package dev.ember.util;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Parses and prints durations the way users write them in configuration: {@code 100ms}, {@code 3s},
 * {@code 5min}, {@code 2h}, {@code 1d}. A number without a unit takes the setting's default unit.
 */
public final class Durations {
    private Durations() {}

    /**
     * Parses {@code text} into a duration.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static Duration parse(String text, TimeUnit defaultUnit) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration: expected a number with an optional unit such as 100ms, 3s or 5min");
        }
        long amount;
        try {
            amount = Long.parseLong(trimmed.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large to be a duration", e);
        }
        String suffix = trimmed.substring(end).trim();
        return switch (suffix) {
            case "" -> Duration.of(amount, defaultUnit.toChronoUnit());
            case "us" -> Duration.ofNanos(amount * 1000);
            case "ms" -> Duration.ofMillis(amount);
            case "s", "sec", "secs" -> Duration.ofSeconds(amount);
            case "m", "min", "mins" -> Duration.ofMinutes(amount);
            case "h", "hour", "hours" -> Duration.ofHours(amount);
            case "d", "day", "days" -> Duration.ofDays(amount);
            default ->
                throw new IllegalArgumentException(
                        "'" + text + "' has an unknown time unit '" + suffix + "': use us, ms, s, min, h or d");
        };
    }

    /** A short human form: {@code 850 ms}, {@code 3.2 s}, {@code 4.1 min}, {@code 2.0 h}. */
    public static String format(long millis) {
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        if (millis < 3_600_000) {
            return String.format(Locale.ROOT, "%.1f min", millis / 60_000.0);
        }
        return String.format(Locale.ROOT, "%.1f h", millis / 3_600_000.0);
    }
}
