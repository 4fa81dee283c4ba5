package dev.ember.ui.pages;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Numbers, sizes, durations and times as the pages show them. */
final class Format {
    private static final DateTimeFormatter API_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'", java.util.Locale.ROOT);
    private static final DateTimeFormatter SHOWN =
            DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", java.util.Locale.ROOT);

    private Format() {}

    /** {@code 1.5 KiB}, {@code 12 B}. */
    static String bytes(long bytes) {
        return dev.ember.util.ByteSizes.format(bytes);
    }

    /** {@code 45 ms}, {@code 3 s}, {@code 1.2 min}, {@code 2.0 h}. */
    static String duration(long millis) {
        if (millis < 0) {
            return "";
        }
        if (millis < 1000) {
            return millis + " ms";
        }
        double seconds = millis / 1000.0;
        if (seconds < 60) {
            return String.format(Locale.ROOT, seconds < 10 ? "%.1f s" : "%.0f s", seconds);
        }
        double minutes = seconds / 60;
        if (minutes < 60) {
            return String.format(Locale.ROOT, "%.1f min", minutes);
        }
        return String.format(Locale.ROOT, "%.1f h", minutes / 60);
    }

    /** An API time ({@code ...GMT}) in this machine's zone, or "" when absent. */
    static String time(String apiTime) {
        long millis = epochMillis(apiTime);
        return millis <= 0 ? "" : SHOWN.format(Instant.ofEpochMilli(millis).atZone(ZoneId.systemDefault()));
    }

    /** An API time as milliseconds since the epoch; 0 when absent. */
    static long epochMillis(String apiTime) {
        if (apiTime == null || apiTime.startsWith("1969")) {
            return 0;
        }
        try {
            return LocalDateTime.parse(apiTime, API_TIME)
                    .atZone(ZoneId.of("UTC"))
                    .toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    /** Time from {@code from} to {@code to} (or now, when {@code to} is absent); "" before {@code from}. */
    static String between(String from, String to) {
        long start = epochMillis(from);
        if (start == 0) {
            return "";
        }
        long end = epochMillis(to);
        return duration((end == 0 ? System.currentTimeMillis() : end) - start);
    }
}
