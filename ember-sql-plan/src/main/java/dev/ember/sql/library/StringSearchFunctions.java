package dev.ember.sql.library;

import static dev.ember.sql.library.BuiltinFunctions.scalar;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.catalog.FunctionRegistry;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.StringType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * String functions that search and replace: substrings, positions, replacing, regular expressions, splitting and
 * LIKE. Positions are 1-based and counted in characters (code points). Regular expressions and LIKE patterns that
 * are constants are compiled once, when the call is bound.
 */
final class StringSearchFunctions {
    private StringSearchFunctions() {}

    static void register(FunctionRegistry r) {
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
                "_FUNC_(str, substr) - Returns the (1-based) index of the first occurrence of substr in str, 0 if"
                        + " there is none.",
                c -> twoStrings(c, DataTypes.IntegerType, a -> locate((String) a[1], (String) a[0], 1)),
                "instr");
        scalar(
                r,
                "_FUNC_(substr, str[, pos]) - Returns the position of the first occurrence of substr in str after"
                        + " position pos (1-based); 0 if there is none or pos is null or less than 1.",
                StringSearchFunctions::locate,
                "locate",
                "position");
        scalar(
                r,
                "_FUNC_(input, replace, pos[, len]) - Replaces the part of input that starts at pos and is len long"
                        + " (the length of replace by default) with replace.",
                StringSearchFunctions::overlay,
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
                StringSearchFunctions::regexpReplace,
                "regexp_replace");
        scalar(
                r,
                "_FUNC_(str, regexp) - Returns true if str matches regexp somewhere, false otherwise.",
                StringSearchFunctions::regexpLike,
                "regexp_like",
                "rlike",
                "regexp");
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
                "_FUNC_(str, regex[, limit]) - Splits str around occurrences that match regex and returns an array"
                        + " with a length of at most limit (all parts when limit is not positive).",
                StringSearchFunctions::split,
                "split");
        scalar(
                r,
                "_FUNC_(str, delimiter, partNum) - Splits str by delimiter and returns the requested part (1-based;"
                        + " negative counts from the end); empty when partNum is out of range.",
                StringSearchFunctions::splitPart,
                "split_part");
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
                "_FUNC_(str, pattern[, escape]) - Returns true if str matches the SQL LIKE pattern ('%' any"
                        + " characters, '_' one; escape, '\\' by default, makes them literal).",
                c -> like(c, false),
                "like");
        scalar(
                r,
                "_FUNC_(str, pattern[, escape]) - Returns true if str matches the LIKE pattern regardless of case.",
                c -> like(c, true),
                "ilike");
    }

    private static Expression twoStrings(Call c, DataType result, dev.ember.sql.expressions.ScalarKernel kernel) {
        c.count(2);
        return c.fn(result, kernel, c.string(0), c.string(1));
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
        // A constant pattern of text and '%' only is matched by searching for its pieces (it is checked as a regex
        // first, so that a bad pattern fails the same way).
        Text.LiteralLike literal = fixed == null
                ? null
                : Text.LiteralLike.of((String) c.arg(1).eval(InternalRow.EMPTY), escapeChar, ignoreCase);
        if (literal != null) {
            return c.fn(DataTypes.BooleanType, a -> literal.matches((String) a[0]), c.string(0), c.string(1));
        }
        return c.fn(
                DataTypes.BooleanType,
                a -> (compiled != null ? compiled : Text.like((String) a[1], escapeChar, ignoreCase, where))
                        .matcher((String) a[0])
                        .matches(),
                c.string(0),
                c.string(1));
    }
}
