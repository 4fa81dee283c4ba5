package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StringType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.IllegalFormatException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.CRC32;

/**
 * String functions that format values and encode strings and binaries: number and printf formats, base 64, hex,
 * digests and checksums, Soundex and UUIDs.
 */
final class StringFormatFunctions {
    private StringFormatFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(bin) - Converts the argument from a binary bin to a base 64 string.",
                c -> {
                    c.count(1);
                    return c.fn(
                            DataTypes.StringType,
                            a -> Base64.getEncoder().encodeToString((byte[]) a[0]),
                            c.as(0, DataTypes.BinaryType));
                },
                "base64");
        scalar(
                r,
                "_FUNC_(str) - Converts the argument from a base 64 string str to a binary.",
                c -> {
                    c.count(1);
                    String where = c.sql();
                    return c.fn(
                            DataTypes.BinaryType,
                            a -> {
                                try {
                                    return Base64.getMimeDecoder().decode((String) a[0]);
                                } catch (IllegalArgumentException e) {
                                    throw new EmberException(
                                            ErrorClass.INVALID_ARGUMENT,
                                            "The value '" + a[0] + "' of " + where + " is not base 64 text");
                                }
                            },
                            c.string(0));
                },
                "unbase64");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Formats the number expr1 like '#,###,###.##', rounded to expr2 decimal"
                        + " places, or with the format expr2 when it is a string.",
                StringFormatFunctions::formatNumber,
                "format_number");
        scalar(
                r,
                "_FUNC_(strfmt, obj, ...) - Returns a formatted string from printf-style format strings.",
                StringFormatFunctions::formatString,
                "format_string",
                "printf");
        scalar(
                r,
                "_FUNC_(str) - Returns the Soundex code of the string.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> soundex((String) a[0]), c.string(0));
                },
                "soundex");
        scalar(
                r,
                "_FUNC_(expr) - Returns an MD5 128-bit checksum as a hex string of expr.",
                c -> digest(c, "MD5"),
                "md5");
        scalar(
                r,
                "_FUNC_(expr) - Returns a sha1 hash value as a hex string of the expr.",
                c -> digest(c, "SHA-1"),
                "sha1",
                "sha");
        scalar(
                r,
                "_FUNC_(expr, bitLength) - Returns a checksum of SHA-2 family as a hex string of expr. bitLength is"
                        + " 224, 256 (or 0), 384 or 512; other lengths give null.",
                StringFormatFunctions::sha2,
                "sha2");
        scalar(
                r,
                "_FUNC_(expr) - Returns a cyclic redundancy check value of the expr as a bigint.",
                c -> {
                    c.count(1);
                    return c.fn(
                            DataTypes.LongType,
                            a -> {
                                CRC32 crc = new CRC32();
                                crc.update((byte[]) a[0]);
                                return crc.getValue();
                            },
                            c.as(0, DataTypes.BinaryType));
                },
                "crc32");
        scalar(
                r,
                "_FUNC_(expr) - Converts expr (a bigint, a string or a binary) to hexadecimal.",
                StringFormatFunctions::hex,
                "hex");
        scalar(
                r,
                "_FUNC_(expr) - Converts hexadecimal expr to binary; null if it is not hexadecimal.",
                c -> {
                    c.count(1);
                    return c.fnNullable(DataTypes.BinaryType, a -> unhex((String) a[0]), c.string(0));
                },
                "unhex");
        scalar(
                r,
                "_FUNC_() - Returns a universally unique identifier (UUID) string.",
                c -> {
                    c.count(0);
                    return c.fnNondeterministic(
                            DataTypes.StringType,
                            a -> {
                                ThreadLocalRandom random = ThreadLocalRandom.current();
                                long high = (random.nextLong() & ~0xF000L) | 0x4000L;
                                long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                                return new UUID(high, low).toString();
                            },
                            List.of());
                },
                "uuid");
    }

    private static Expression formatNumber(Call c) {
        c.count(2);
        Expression number = c.numeric(0);
        boolean decimals = !(c.type(1) instanceof StringType);
        Expression format = decimals ? c.integer(1) : c.string(1);
        return c.fnNullable(
                DataTypes.StringType,
                a -> {
                    String pattern;
                    if (decimals) {
                        int places = (Integer) a[1];
                        if (places < 0) {
                            return null;
                        }
                        pattern = places == 0 ? "#,##0" : "#,##0." + "0".repeat(places);
                    } else {
                        pattern = ((String) a[1]).isEmpty() ? "#,##0.###" : (String) a[1];
                    }
                    DecimalFormat formatter = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
                    formatter.setRoundingMode(RoundingMode.HALF_EVEN);
                    Object value = a[0];
                    if (value instanceof BigDecimal decimal) {
                        return formatter.format(decimal);
                    }
                    if (value instanceof Double || value instanceof Float) {
                        return formatter.format(new BigDecimal(value.toString()));
                    }
                    return formatter.format(((Number) value).longValue());
                },
                number,
                format);
    }

    private static Expression formatString(Call c) {
        c.count(1, -1);
        List<Expression> args = new ArrayList<>();
        args.add(c.string(0));
        List<DataType> types = new ArrayList<>();
        for (int i = 1; i < c.size(); i++) {
            args.add(c.arg(i));
            types.add(c.type(i));
        }
        ZoneId zone = ZoneId.of(c.timeZone());
        String where = c.sql();
        return c.fnNullAware(
                DataTypes.StringType,
                a -> {
                    if (a[0] == null) {
                        return null;
                    }
                    Object[] values = new Object[a.length - 1];
                    for (int i = 1; i < a.length; i++) {
                        values[i - 1] = javaValue(a[i], types.get(i - 1), zone);
                    }
                    try {
                        return String.format(Locale.US, (String) a[0], values);
                    } catch (IllegalFormatException e) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The format '" + a[0] + "' of " + where + " does not fit its arguments: "
                                        + e.getMessage());
                    }
                },
                args);
    }

    /** A value as {@code String.format} takes it: numbers and strings as they are, other types as their text. */
    private static Object javaValue(Object value, DataType type, ZoneId zone) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        return ValueText.toText(value, type, zone);
    }

    static String soundex(String s) {
        if (s.isEmpty()) {
            return s;
        }
        char initial = Character.toUpperCase(s.charAt(0));
        if (initial < 'A' || initial > 'Z') {
            return s;
        }
        String codes = "01230120022455012623010202";
        StringBuilder out = new StringBuilder(4);
        char first = Character.toUpperCase(s.charAt(0));
        out.append(first);
        char last = first >= 'A' && first <= 'Z' ? codes.charAt(first - 'A') : '0';
        for (int i = 1; i < s.length() && out.length() < 4; i++) {
            char ch = Character.toUpperCase(s.charAt(i));
            if (ch < 'A' || ch > 'Z') {
                last = '0';
                continue;
            }
            char code = codes.charAt(ch - 'A');
            if (ch == 'H' || ch == 'W') {
                continue; // H and W do not separate letters of the same code
            }
            if (code != '0' && code != last) {
                out.append(code);
            }
            last = code;
        }
        while (out.length() < 4) {
            out.append('0');
        }
        return out.toString();
    }

    private static Expression digest(Call c, String algorithm) {
        c.count(1);
        return c.fn(DataTypes.StringType, a -> hexDigest(algorithm, (byte[]) a[0]), c.as(0, DataTypes.BinaryType));
    }

    private static String hexDigest(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new EmberException(ErrorClass.INTERNAL_ERROR, "The JVM has no " + algorithm + " digest", e);
        }
    }

    private static Expression sha2(Call c) {
        c.count(2);
        return c.fnNullable(
                DataTypes.StringType,
                a -> {
                    int bits = (Integer) a[1];
                    String algorithm =
                            switch (bits) {
                                case 0, 256 -> "SHA-256";
                                case 224 -> "SHA-224";
                                case 384 -> "SHA-384";
                                case 512 -> "SHA-512";
                                default -> null;
                            };
                    return algorithm == null ? null : hexDigest(algorithm, (byte[]) a[0]);
                },
                c.as(0, DataTypes.BinaryType),
                c.integer(1));
    }

    private static Expression hex(Call c) {
        c.count(1);
        DataType type = c.type(0);
        if (type.isIntegral()) {
            return c.fn(
                    DataTypes.StringType,
                    a -> Long.toHexString(((Number) a[0]).longValue()).toUpperCase(Locale.ROOT),
                    c.bigint(0));
        }
        if (type instanceof BinaryType) {
            return c.fn(
                    DataTypes.StringType, a -> HexFormat.of().withUpperCase().formatHex((byte[]) a[0]), c.arg(0));
        }
        return c.fn(
                DataTypes.StringType,
                a -> HexFormat.of().withUpperCase().formatHex(((String) a[0]).getBytes(StandardCharsets.UTF_8)),
                c.string(0));
    }

    static byte[] unhex(String s) {
        String digits = s.length() % 2 == 1 ? "0" + s : s;
        try {
            return HexFormat.of().parseHex(digits);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
