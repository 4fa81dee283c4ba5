package dev.ember.ui.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as the REST API writes them: {@code 2026-12-05T10:15:30.000GMT}, or null for "not yet". */
public final class ApiTime {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'", java.util.Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ApiTime() {}

    /** {@code epochMillis} formatted; null when it is not positive (the time is not known yet). */
    public static String format(long epochMillis) {
        return epochMillis <= 0 ? null : FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
