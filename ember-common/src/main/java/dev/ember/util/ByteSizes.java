package dev.ember.util;

import java.util.Locale;

/**
 * Parses and prints byte sizes the way users write them in configuration: {@code 512m}, {@code 2g},
 * {@code 64k}, {@code 1024b}, {@code 3t}. Units are binary (k = 1024). A number without a unit takes the
 * default unit of the setting it belongs to.
 */
public final class ByteSizes {
    /** Units of size, with their multiplier in bytes. */
    public enum Unit {
        BYTE(1L),
        KIB(1L << 10),
        MIB(1L << 20),
        GIB(1L << 30),
        TIB(1L << 40);

        private final long bytes;

        Unit(long bytes) {
            this.bytes = bytes;
        }

        public long toBytes(long amount) {
            return Math.multiplyExact(amount, bytes);
        }
    }

    private ByteSizes() {}

    /**
     * Parses {@code text} into bytes.
     *
     * @throws IllegalArgumentException naming the text when it is not a size
     */
    public static long parse(String text, Unit defaultUnit) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        int end = 0;
        while (end < trimmed.length() && Character.isDigit(trimmed.charAt(end))) {
            end++;
        }
        if (end == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a size: expected a number with an optional"
                    + " unit such as 512m, 2g or 64k");
        }
        long amount;
        try {
            amount = Long.parseLong(trimmed.substring(0, end));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large to be a size", e);
        }
        String suffix = trimmed.substring(end).trim();
        Unit unit =
                switch (suffix) {
                    case "" -> defaultUnit;
                    case "b" -> Unit.BYTE;
                    case "k", "kb", "kib" -> Unit.KIB;
                    case "m", "mb", "mib" -> Unit.MIB;
                    case "g", "gb", "gib" -> Unit.GIB;
                    case "t", "tb", "tib" -> Unit.TIB;
                    default ->
                        throw new IllegalArgumentException(
                                "'" + text + "' has an unknown size unit '" + suffix + "': use b, k, m, g or t");
                };
        try {
            return unit.toBytes(amount);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large to be a size", e);
        }
    }

    /** A short human form such as {@code 1.5 MiB}. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        double value = bytes;
        int index = -1;
        while (value >= 1024 && index < units.length - 1) {
            value /= 1024;
            index++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[index]);
    }
}
