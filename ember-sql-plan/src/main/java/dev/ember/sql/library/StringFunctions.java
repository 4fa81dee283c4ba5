package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.BinaryType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.NullType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * String functions that measure, cut, pad, trim, join and change the case of strings. Positions are 1-based and
 * counted in characters (code points), as in Spark. {@code trim}, {@code ltrim}, {@code rtrim} and {@code btrim} take
 * the string first and the characters to remove second; the parser maps {@code TRIM(BOTH chars FROM s)} to {@code
 * trim(s, chars)}, {@code LEADING} to {@code trim_leading(s, chars)} and {@code TRAILING} to {@code trim_trailing(s,
 * chars)}. Searching, replacing and regular expressions are in {@link StringSearchFunctions}, formatting and
 * encodings in {@link StringFormatFunctions}.
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
                "_FUNC_(str) - Returns str with the first letter of each word in uppercase and all other letters in"
                        + " lowercase. Words are delimited by white space.",
                c -> {
                    c.count(1);
                    return c.fn(DataTypes.StringType, a -> initcap((String) a[0]), c.string(0));
                },
                "initcap");
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
                "_FUNC_(expr) - Returns a reversed string or an array with reverse order of elements.",
                StringFunctions::reverse,
                "reverse");
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
                "_FUNC_(str, pos[, len]) - Returns the substring of str that starts at pos (1-based; negative counts"
                        + " from the end) and is of length len, or the slice of a binary.",
                StringFunctions::substr,
                "substr",
                "substring");
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
}
