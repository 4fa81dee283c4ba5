package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ImplicitCasts;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.ValueText;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.NullType;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * String functions. Positions are 1-based and counted in characters (code points), as in Spark. {@code trim}, {@code
 * ltrim}, {@code rtrim} and {@code btrim} take the string first and the characters to remove second; the parser maps
 * {@code TRIM(BOTH chars FROM s)} to {@code trim(s, chars)}, {@code LEADING} to {@code trim_leading(s, chars)} and
 * {@code TRAILING} to {@code trim_trailing(s, chars)}. Regular expressions and LIKE patterns that are constants are
 * compiled once, when the call is bound.
 */
final class StringFunctions {
    private StringFunctions() {}

    static void register(FunctionRegistry r) {
        scalar(
                r,
                "_FUNC_(str) - Returns the numeric value of the first character of str.",
                c -> {
                    c.count(1);
                    return c.fn(
                            DataTypes.IntegerType,
                            a -> {
                                String s = (String) a[0];
                                return s.isEmpty() ? 0 : s.codePointAt(0);
                            },
                            c.string(0));
                },
                "ascii");
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
                "_FUNC_(expr) - Returns the bit length of string data or number of bits of binary data.",
                c -> lengthOf(c, 8),
                "bit_length");
        scalar(
                r,
                "_FUNC_(expr) - Returns the byte length of string data or number of bytes of binary data.",
                c -> lengthOf(c, 1),
                "octet_length");
        scalar(
                r,
                "_FUNC_(expr) - Returns the character length of string data or number of bytes of binary data.",
                c -> lengthOf(c, 0),
                "char_length",
                "character_length",
                "length",
                "len");
        scalar(
                r,
                "_FUNC_(expr) - Returns the ASCII character having the binary equivalent to expr. If n is larger than"
                        + " 256 the result is equivalent to chr(n % 256).",
                c -> {
                    c.count(1);
                    return c.fn(
                            DataTypes.StringType,
                            a -> {
                                long n = (Long) a[0];
                                return n < 0 ? "" : String.valueOf((char) (n % 256));
                            },
                            c.bigint(0));
                },
                "char",
                "chr");
        scalar(
                r,
                "_FUNC_(col1, col2, ..., colN) - Returns the concatenation of col1, col2, ..., colN; null if any is"
                        + " null. Works on strings, binaries and arrays.",
                StringFunctions::concat,
                "concat");
        scalar(
                r,
                "_FUNC_(sep[, str | array(str)]+) - Returns the concatenation of the strings separated by sep,"
                        + " skipping nulls.",
                StringFunctions::concatWs,
                "concat_ws");
        scalar(
                r,
                "_FUNC_(left, right) - Returns true if right is found inside left.",
                c -> twoStrings(c, DataTypes.BooleanType, a -> ((String) a[0]).contains((String) a[1])),
                "contains");
        scalar(
                r,
                "_FUNC_(left, right) - Returns true if left starts with right.",
                c -> twoStrings(c, DataTypes.BooleanType, a -> ((String) a[0]).startsWith((String) a[1])),
                "startswith");
        scalar(
                r,
                "_FUNC_(left, right) - Returns true if left ends with right.",
                c -> twoStrings(c, DataTypes.BooleanType, a -> ((String) a[0]).endsWith((String) a[1])),
                "endswith");
        scalar(
                r,
                "_FUNC_(expr1, expr2) - Formats the number expr1 like '#,###,###.##', rounded to expr2 decimal"
                        + " places, or with the format expr2 when it is a string.",
                StringFunctions::formatNumber,
                "format_number");
        scalar(
                r,
                "_FUNC_(strfmt, obj, ...) - Returns a formatted string from printf-style format strings.",
                StringFunctions::formatString,
                "format_string",
                "printf");
        scalar(
                r,
                "_FUNC_(str) - Returns str with the first letter of each word in uppercase and all other letters in"
                        + " lowercase. Words are delimited by white space.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> initcap((String) a[0]), c.string(0));
                },
                "initcap");
        scalar(
                r,
                "_FUNC_(str, substr) - Returns the (1-based) index of the first occurrence of substr in str, 0 if"
                        + " there is none.",
                c -> twoStrings(c, DataTypes.IntegerType, a -> locate((String) a[1], (String) a[0], 1)),
                "instr");
        scalar(
                r,
                "_FUNC_(str) - Returns str with all characters changed to lowercase.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> ((String) a[0]).toLowerCase(Locale.ROOT), c.string(0));
                },
                "lower",
                "lcase");
        scalar(
                r,
                "_FUNC_(str) - Returns str with all characters changed to uppercase.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> ((String) a[0]).toUpperCase(Locale.ROOT), c.string(0));
                },
                "upper",
                "ucase");
        scalar(
                r,
                "_FUNC_(str, len) - Returns the leftmost len characters of str; empty when len is not positive.",
                c -> {
                    c.count(2);
                    return c.fn(
                            DataTypes.StringType,
                            a -> Text.slice((String) a[0], 0, Math.max(0, (Integer) a[1])),
                            c.string(0),
                            c.integer(1));
                },
                "left");
        scalar(
                r,
                "_FUNC_(str, len) - Returns the rightmost len characters of str; empty when len is not positive.",
                c -> {
                    c.count(2);
                    return c.fn(
                            DataTypes.StringType,
                            a -> {
                                String s = (String) a[0];
                                int n = (Integer) a[1];
                                if (n <= 0) {
                                    return "";
                                }
                                int length = Text.length(s);
                                return Text.slice(s, Math.max(0, length - n), length);
                            },
                            c.string(0),
                            c.integer(1));
                },
                "right");
        scalar(
                r,
                "_FUNC_(substr, str[, pos]) - Returns the position of the first occurrence of substr in str after"
                        + " position pos (1-based); 0 if there is none or pos is null or less than 1.",
                StringFunctions::locate,
                "locate",
                "position");
        scalar(
                r,
                "_FUNC_(str, len[, pad]) - Returns str, left-padded with pad (a space by default) to a length of len;"
                        + " cut to len characters when longer.",
                c -> pad(c, true),
                "lpad");
        scalar(
                r,
                "_FUNC_(str, len[, pad]) - Returns str, right-padded with pad (a space by default) to a length of"
                        + " len; cut to len characters when longer.",
                c -> pad(c, false),
                "rpad");
        scalar(
                r,
                "_FUNC_(str[, trimStr]) - Removes the leading and trailing space characters (or characters of"
                        + " trimStr) from str.",
                c -> trim(c, true, true),
                "trim",
                "btrim");
        scalar(
                r,
                "_FUNC_(str[, trimStr]) - Removes the leading space characters (or characters of trimStr) from str.",
                c -> trim(c, true, false),
                "ltrim",
                "trim_leading");
        scalar(
                r,
                "_FUNC_(str[, trimStr]) - Removes the trailing space characters (or characters of trimStr) from str.",
                c -> trim(c, false, true),
                "rtrim",
                "trim_trailing");
        scalar(
                r,
                "_FUNC_(input, replace, pos[, len]) - Replaces the part of input that starts at pos and is len long"
                        + " (the length of replace by default) with replace.",
                StringFunctions::overlay,
                "overlay");
        scalar(
                r,
                "_FUNC_(str, regexp[, idx]) - Extracts the group idx (1 by default, 0 the whole match) of the first"
                        + " match of regexp in str; empty if there is no match.",
                c -> regexpExtract(c, false),
                "regexp_extract");
        scalar(
                r,
                "_FUNC_(str, regexp[, idx]) - Extracts the group idx (1 by default) of every match of regexp in str.",
                c -> regexpExtract(c, true),
                "regexp_extract_all");
        scalar(
                r,
                "_FUNC_(str, regexp, rep[, position]) - Replaces all substrings of str that match regexp with rep,"
                        + " searching from position (1-based).",
                StringFunctions::regexpReplace,
                "regexp_replace");
        scalar(
                r,
                "_FUNC_(str, regexp) - Returns true if str matches regexp somewhere, false otherwise.",
                StringFunctions::regexpLike,
                "regexp_like",
                "rlike",
                "regexp");
        scalar(
                r,
                "_FUNC_(str, n) - Returns the string which repeats the given string value n times.",
                c -> {
                    c.count(2);
                    return c.fn(
                            DataTypes.StringType,
                            a -> ((String) a[0]).repeat(Math.max(0, (Integer) a[1])),
                            c.string(0),
                            c.integer(1));
                },
                "repeat");
        scalar(
                r,
                "_FUNC_(str, search[, replace]) - Replaces all occurrences of search with replace (empty by"
                        + " default).",
                c -> {
                    c.count(2, 3);
                    Expression replacement = c.size() == 3 ? c.string(2) : Literal.of("");
                    return c.fn(
                            DataTypes.StringType,
                            a -> {
                                String search = (String) a[1];
                                return search.isEmpty() ? a[0] : ((String) a[0]).replace(search, (String) a[2]);
                            },
                            c.string(0),
                            c.string(1),
                            replacement);
                },
                "replace");
        scalar(
                r,
                "_FUNC_(expr) - Returns a reversed string or an array with reverse order of elements.",
                StringFunctions::reverse,
                "reverse");
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
                "_FUNC_(n) - Returns a string consisting of n spaces.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> " ".repeat(Math.max(0, (Integer) a[0])), c.integer(0));
                },
                "space");
        scalar(
                r,
                "_FUNC_(str, regex[, limit]) - Splits str around occurrences that match regex and returns an array"
                        + " with a length of at most limit (all parts when limit is not positive).",
                StringFunctions::split,
                "split");
        scalar(
                r,
                "_FUNC_(str, delimiter, partNum) - Splits str by delimiter and returns the requested part (1-based;"
                        + " negative counts from the end); empty when partNum is out of range.",
                StringFunctions::splitPart,
                "split_part");
        scalar(
                r,
                "_FUNC_(str, pos[, len]) - Returns the substring of str that starts at pos (1-based; negative counts"
                        + " from the end) and is of length len, or the slice of a binary.",
                StringFunctions::substr,
                "substr",
                "substring");
        scalar(
                r,
                "_FUNC_(str, delim, count) - Returns the substring of str before count occurrences of delim (after"
                        + " the last -count ones when count is negative).",
                c -> {
                    c.count(3);
                    return c.fn(
                            DataTypes.StringType,
                            a -> substringIndex((String) a[0], (String) a[1], (Integer) a[2]),
                            c.string(0),
                            c.string(1),
                            c.integer(2));
                },
                "substring_index");
        scalar(
                r,
                "_FUNC_(input, from, to) - Translates input by replacing the characters of from with the"
                        + " corresponding characters of to; characters of from without one in to are removed.",
                c -> {
                    c.count(3);
                    return c.fn(
                            DataTypes.StringType,
                            a -> translate((String) a[0], (String) a[1], (String) a[2]),
                            c.string(0),
                            c.string(1),
                            c.string(2));
                },
                "translate");
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
                StringFunctions::sha2,
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
                StringFunctions::hex,
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
                "_FUNC_(str, pattern[, escape]) - Returns true if str matches the SQL LIKE pattern ('%' any"
                        + " characters, '_' one; escape, '\\' by default, makes them literal).",
                c -> like(c, false),
                "like");
        scalar(
                r,
                "_FUNC_(str, pattern[, escape]) - Returns true if str matches the LIKE pattern regardless of case.",
                c -> like(c, true),
                "ilike");
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
        scalar(
                r,
                "_FUNC_(expr) - Casts expr to a string.",
                c -> {
                    c.count(1);
                    return ImplicitCasts.castIfNeeded(c.arg(0), DataTypes.StringType, c.timeZone());
                },
                "string");
    }

    private static Expression twoStrings(Call c, DataType result, dev.ember.sql.expressions.ScalarKernel kernel) {
        c.count(2);
        return c.fn(result, kernel, c.string(0), c.string(1));
    }

    /** length (unit 0), octet_length (1) or bit_length (8) of a string or binary. */
    private static Expression lengthOf(Call c, int unit) {
        c.count(1);
        if (c.type(0) instanceof BinaryType) {
            return c.fn(DataTypes.IntegerType, a -> ((byte[]) a[0]).length * Math.max(unit, 1), c.arg(0));
        }
        return c.fn(
                DataTypes.IntegerType,
                a -> {
                    String s = (String) a[0];
                    return unit == 0 ? Text.length(s) : s.getBytes(StandardCharsets.UTF_8).length * unit;
                },
                c.string(0));
    }

    private static Expression concat(Call c) {
        if (c.size() == 0) {
            return Literal.of("");
        }
        boolean arrays = c.args.stream().anyMatch(e -> e.dataType() instanceof ArrayType);
        if (arrays) {
            return CollectionFunctions.concatArrays(c);
        }
        boolean binaries =
                c.args.stream().allMatch(e -> e.dataType() instanceof BinaryType || e.dataType() instanceof NullType);
        if (binaries && c.args.stream().anyMatch(e -> e.dataType() instanceof BinaryType)) {
            Expression[] args = new Expression[c.size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = c.as(i, DataTypes.BinaryType);
            }
            return c.fn(
                    DataTypes.BinaryType,
                    a -> {
                        int total = 0;
                        for (Object part : a) {
                            total += ((byte[]) part).length;
                        }
                        byte[] out = new byte[total];
                        int at = 0;
                        for (Object part : a) {
                            byte[] bytes = (byte[]) part;
                            System.arraycopy(bytes, 0, out, at, bytes.length);
                            at += bytes.length;
                        }
                        return out;
                    },
                    args);
        }
        Expression[] args = new Expression[c.size()];
        for (int i = 0; i < args.length; i++) {
            args[i] = c.string(i);
        }
        return c.fn(
                DataTypes.StringType,
                a -> {
                    StringBuilder out = new StringBuilder();
                    for (Object part : a) {
                        out.append((String) part);
                    }
                    return out.toString();
                },
                args);
    }

    private static Expression concatWs(Call c) {
        c.count(1, -1);
        List<Expression> args = new ArrayList<>();
        args.add(c.string(0));
        for (int i = 1; i < c.size(); i++) {
            if (c.type(i) instanceof ArrayType) {
                args.add(c.as(i, new ArrayType(DataTypes.StringType, true), "ARRAY<STRING>"));
            } else {
                args.add(c.string(i));
            }
        }
        return c.fnNullAware(
                DataTypes.StringType,
                a -> {
                    if (a[0] == null) {
                        return null;
                    }
                    String separator = (String) a[0];
                    StringBuilder out = new StringBuilder();
                    boolean first = true;
                    for (int i = 1; i < a.length; i++) {
                        if (a[i] == null) {
                            continue;
                        }
                        List<?> parts = a[i] instanceof List<?> list ? list : List.of(a[i]);
                        for (Object part : parts) {
                            if (part == null) {
                                continue;
                            }
                            if (!first) {
                                out.append(separator);
                            }
                            out.append((String) part);
                            first = false;
                        }
                    }
                    return out.toString();
                },
                args);
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

    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(start ? Character.toTitleCase(cp) : Character.toLowerCase(cp));
            start = cp == ' ';
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /** The 1-based character position of {@code needle} in {@code s} at or after {@code from}; 0 if none. */
    static int locate(String needle, String s, int from) {
        if (from < 1) {
            return 0;
        }
        int length = Text.length(s);
        if (from - 1 > length) {
            return 0;
        }
        int startChar = length == s.length() ? from - 1 : s.offsetByCodePoints(0, from - 1);
        int found = s.indexOf(needle, startChar);
        if (found < 0) {
            return 0;
        }
        return s.codePointCount(0, found) + 1;
    }

    private static Expression locate(Call c) {
        c.count(2, 3);
        List<Expression> args = new ArrayList<>(List.of(c.string(0), c.string(1)));
        args.add(c.size() == 3 ? c.integer(2) : Literal.of(1));
        return c.fnNullAware(
                DataTypes.IntegerType,
                a -> {
                    if (a[2] == null) {
                        return 0;
                    }
                    if (a[0] == null || a[1] == null) {
                        return null;
                    }
                    return locate((String) a[0], (String) a[1], (Integer) a[2]);
                },
                args);
    }

    private static Expression pad(Call c, boolean left) {
        c.count(2, 3);
        Expression padding = c.size() == 3 ? c.string(2) : Literal.of(" ");
        return c.fn(
                DataTypes.StringType,
                a -> {
                    String s = (String) a[0];
                    int length = (Integer) a[1];
                    String with = (String) a[2];
                    if (length <= 0) {
                        return "";
                    }
                    int have = Text.length(s);
                    if (have >= length || with.isEmpty()) {
                        return Text.slice(s, 0, length);
                    }
                    int missing = length - have;
                    int withLength = Text.length(with);
                    String fill = with.repeat(missing / withLength) + Text.slice(with, 0, missing % withLength);
                    return left ? fill + s : s + fill;
                },
                c.string(0),
                c.integer(1),
                padding);
    }

    private static Expression trim(Call c, boolean leading, boolean trailing) {
        c.count(1, 2);
        Expression chars = c.size() == 2 ? c.string(1) : Literal.of(" ");
        return c.fn(
                DataTypes.StringType, a -> trim((String) a[0], (String) a[1], leading, trailing), c.string(0), chars);
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int start = 0;
        int end = s.length();
        if (leading) {
            while (start < end) {
                int cp = s.codePointAt(start);
                if (chars.indexOf(cp) < 0) {
                    break;
                }
                start += Character.charCount(cp);
            }
        }
        if (trailing) {
            while (end > start) {
                int cp = s.codePointBefore(end);
                if (chars.indexOf(cp) < 0) {
                    break;
                }
                end -= Character.charCount(cp);
            }
        }
        return s.substring(start, end);
    }

    private static Expression overlay(Call c) {
        c.count(3, 4);
        Expression length = c.size() == 4 ? c.integer(3) : Literal.of(-1);
        return c.fn(
                DataTypes.StringType,
                a -> {
                    String input = (String) a[0];
                    String replacement = (String) a[1];
                    int pos = (Integer) a[2];
                    int len = (Integer) a[3];
                    if (len < 0) {
                        len = Text.length(replacement);
                    }
                    return Text.substr(input, 1, pos - 1)
                            + replacement
                            + Text.substr(
                                    input, (int) Math.min(Integer.MAX_VALUE, (long) pos + len), Integer.MAX_VALUE);
                },
                c.string(0),
                c.string(1),
                c.integer(2),
                length);
    }

    /** The pattern of argument {@code index} compiled now if it is constant, else null (compiled per row). */
    private static Pattern fixedRegex(Call c, int index) {
        if (c.isConstant(index) && c.type(index) instanceof StringType) {
            Object value = c.constant(index);
            return value == null ? null : Text.regex((String) value, c.sql());
        }
        return null;
    }

    private static Expression regexpExtract(Call c, boolean all) {
        c.count(2, 3);
        Pattern fixed = fixedRegex(c, 1);
        String where = c.sql();
        Expression group = c.size() == 3 ? c.integer(2) : Literal.of(1);
        DataType result = all ? new ArrayType(DataTypes.StringType, false) : DataTypes.StringType;
        return c.fn(
                result,
                a -> {
                    Pattern pattern = fixed != null ? fixed : Text.regex((String) a[1], where);
                    Matcher matcher = pattern.matcher((String) a[0]);
                    int index = (Integer) a[2];
                    if (index < 0 || index > matcher.groupCount()) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The group index " + index + " of " + where + " is out of range: the pattern has "
                                        + matcher.groupCount() + " groups");
                    }
                    if (all) {
                        List<Object> found = new ArrayList<>();
                        while (matcher.find()) {
                            String value = matcher.group(index);
                            found.add(value == null ? "" : value);
                        }
                        return found;
                    }
                    if (!matcher.find()) {
                        return "";
                    }
                    String value = matcher.group(index);
                    return value == null ? "" : value;
                },
                c.string(0),
                c.string(1),
                group);
    }

    private static Expression regexpReplace(Call c) {
        c.count(3, 4);
        Pattern fixed = fixedRegex(c, 1);
        String where = c.sql();
        Expression position = c.size() == 4 ? c.integer(3) : Literal.of(1);
        return c.fn(
                DataTypes.StringType,
                a -> {
                    Pattern pattern = fixed != null ? fixed : Text.regex((String) a[1], where);
                    String s = (String) a[0];
                    int pos = (Integer) a[3];
                    if (pos < 1) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT,
                                "The position " + pos + " of " + where + " must be positive");
                    }
                    if (pos - 1 >= Text.length(s)) {
                        return s;
                    }
                    int start = s.offsetByCodePoints(0, pos - 1);
                    Matcher matcher = pattern.matcher(s);
                    matcher.region(start, s.length());
                    StringBuilder out = new StringBuilder(s.length());
                    while (matcher.find()) {
                        // The first append copies from the string's start, so the part before pos is kept.
                        matcher.appendReplacement(out, (String) a[2]);
                    }
                    matcher.appendTail(out);
                    return out.toString();
                },
                c.string(0),
                c.string(1),
                c.string(2),
                position);
    }

    private static Expression regexpLike(Call c) {
        c.count(2);
        Pattern fixed = fixedRegex(c, 1);
        String where = c.sql();
        return c.fn(
                DataTypes.BooleanType,
                a -> (fixed != null ? fixed : Text.regex((String) a[1], where))
                        .matcher((String) a[0])
                        .find(),
                c.string(0),
                c.string(1));
    }

    private static Expression reverse(Call c) {
        c.count(1);
        if (c.type(0) instanceof ArrayType array) {
            return c.fn(
                    array,
                    a -> {
                        List<Object> reversed = new ArrayList<>((List<?>) a[0]);
                        java.util.Collections.reverse(reversed);
                        return reversed;
                    },
                    c.arg(0));
        }
        return c.fn(
                DataTypes.StringType,
                a -> new StringBuilder((String) a[0]).reverse().toString(),
                c.string(0));
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

    private static Expression split(Call c) {
        c.count(2, 3);
        Pattern fixed = fixedRegex(c, 1);
        String where = c.sql();
        Expression limit = c.size() == 3 ? c.integer(2) : Literal.of(-1);
        return c.fn(
                new ArrayType(DataTypes.StringType, false),
                a -> {
                    Pattern pattern = fixed != null ? fixed : Text.regex((String) a[1], where);
                    int n = (Integer) a[2];
                    String s = (String) a[0];
                    if (s.isEmpty()) {
                        return new ArrayList<Object>(List.of(""));
                    }
                    return new ArrayList<Object>(List.of(pattern.split(s, n > 0 ? n : -1)));
                },
                c.string(0),
                c.string(1),
                limit);
    }

    private static Expression splitPart(Call c) {
        c.count(3);
        String where = c.sql();
        return c.fn(
                DataTypes.StringType,
                a -> {
                    String s = (String) a[0];
                    String delimiter = (String) a[1];
                    int part = (Integer) a[2];
                    if (part == 0) {
                        throw new EmberException(
                                ErrorClass.INVALID_ARGUMENT, "The part number of " + where + " must not be 0");
                    }
                    List<String> parts = new ArrayList<>();
                    if (delimiter.isEmpty()) {
                        parts.add(s);
                    } else {
                        int from = 0;
                        int at;
                        while ((at = s.indexOf(delimiter, from)) >= 0) {
                            parts.add(s.substring(from, at));
                            from = at + delimiter.length();
                        }
                        parts.add(s.substring(from));
                    }
                    int index = part > 0 ? part - 1 : parts.size() + part;
                    return index < 0 || index >= parts.size() ? "" : parts.get(index);
                },
                c.string(0),
                c.string(1),
                c.integer(2));
    }

    private static Expression substr(Call c) {
        c.count(2, 3);
        Expression length = c.size() == 3 ? c.integer(2) : Literal.of(Integer.MAX_VALUE);
        if (c.type(0) instanceof BinaryType) {
            return c.fn(
                    DataTypes.BinaryType,
                    a -> {
                        byte[] bytes = (byte[]) a[0];
                        int pos = (Integer) a[1];
                        long start = pos > 0 ? pos - 1L : pos < 0 ? (long) bytes.length + pos : 0L;
                        long end = Math.min(bytes.length, start + (Integer) a[2]);
                        start = Math.max(0, start);
                        return start >= end ? new byte[0] : java.util.Arrays.copyOfRange(bytes, (int) start, (int) end);
                    },
                    c.arg(0),
                    c.integer(1),
                    length);
        }
        return c.fn(
                DataTypes.StringType,
                a -> Text.substr((String) a[0], (Integer) a[1], (Integer) a[2]),
                c.string(0),
                c.integer(1),
                length);
    }

    static String substringIndex(String s, String delimiter, int count) {
        if (delimiter.isEmpty() || count == 0) {
            return "";
        }
        if (count > 0) {
            int at = -1;
            for (int i = 0; i < count; i++) {
                at = s.indexOf(delimiter, at + (i == 0 ? 1 : delimiter.length()));
                if (at < 0) {
                    return s;
                }
            }
            return s.substring(0, at);
        }
        int at = s.length();
        for (int i = 0; i < -count; i++) {
            at = s.lastIndexOf(delimiter, i == 0 ? at : at - delimiter.length());
            if (at < 0) {
                return s;
            }
        }
        return s.substring(at + delimiter.length());
    }

    static String translate(String s, String from, String to) {
        java.util.Map<Integer, Integer> mapping = new java.util.HashMap<>();
        int[] fromPoints = from.codePoints().toArray();
        int[] toPoints = to.codePoints().toArray();
        for (int i = 0; i < fromPoints.length; i++) {
            mapping.putIfAbsent(fromPoints[i], i < toPoints.length ? toPoints[i] : -1);
        }
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            Integer mapped = mapping.get(cp);
            if (mapped == null) {
                out.appendCodePoint(cp);
            } else if (mapped >= 0) {
                out.appendCodePoint(mapped);
            }
        });
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

    private static Expression like(Call c, boolean ignoreCase) {
        c.count(2, 3);
        char escape = '\\';
        if (c.size() == 3) {
            Object value = c.constant(2);
            if (!(value instanceof String text) || text.length() != 1) {
                throw c.invalid("The escape character of LIKE must be a single character");
            }
            escape = text.charAt(0);
        }
        char escapeChar = escape;
        String where = c.sql();
        Pattern fixed = null;
        if (c.isConstant(1) && c.type(1) instanceof StringType) {
            Object value = c.arg(1).eval(InternalRow.EMPTY);
            if (value != null) {
                fixed = Text.like((String) value, escapeChar, ignoreCase, where);
            }
        }
        Pattern compiled = fixed;
        return c.fn(
                DataTypes.BooleanType,
                a -> (compiled != null ? compiled : Text.like((String) a[1], escapeChar, ignoreCase, where))
                        .matcher((String) a[0])
                        .matches(),
                c.string(0),
                c.string(1));
    }
}
