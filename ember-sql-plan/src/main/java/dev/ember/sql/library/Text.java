package dev.ember.sql.library;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Helpers of the string functions: positions counted in characters (code points), LIKE patterns, regexes. */
final class Text {
    private Text() {}

    /** The number of characters (code points) of {@code s}. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** The chars from character {@code from} to character {@code to} (exclusive), both clamped to the string. */
    static String slice(String s, int from, int to) {
        int count = length(s);
        int start = Math.max(0, Math.min(from, count));
        int end = Math.max(start, Math.min(to, count));
        if (count == s.length()) {
            return s.substring(start, end);
        }
        int begin = s.offsetByCodePoints(0, start);
        return s.substring(begin, s.offsetByCodePoints(begin, end - start));
    }

    /**
     * SQL's {@code substr(s, pos, len)}: {@code pos} 1-based, negative counting from the end, 0 as 1; at most {@code
     * len} characters, none when {@code len} is not positive.
     */
    static String substr(String s, int pos, int len) {
        int count = length(s);
        long start = pos > 0 ? pos - 1L : pos < 0 ? (long) count + pos : 0L;
        long end = start + len;
        start = Math.max(start, 0);
        if (start >= end) {
            return "";
        }
        return slice(s, (int) start, (int) Math.min(end, Integer.MAX_VALUE));
    }

    /** {@code pattern} compiled, or an error naming {@code where} when it is no regular expression. */
    static Pattern regex(String pattern, String where) {
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new EmberException(
                    ErrorClass.INVALID_ARGUMENT,
                    "The pattern '" + pattern + "' of " + where + " is not a valid regular expression: "
                            + e.getDescription());
        }
    }

    /**
     * The regular expression of a SQL LIKE pattern: {@code %} any characters, {@code _} one, {@code escape} making
     * the next {@code %}, {@code _} or itself literal (escaping anything else, or ending the pattern with it, fails).
     */
    static Pattern like(String pattern, char escape, boolean ignoreCase, String where) {
        StringBuilder regex = new StringBuilder(pattern.length() + 8);
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == escape) {
                if (i + 1 >= pattern.length()) {
                    throw badLike(pattern, "it ends with the escape character '" + escape + "'", where);
                }
                char next = pattern.charAt(++i);
                if (next != '%' && next != '_' && next != escape) {
                    throw badLike(
                            pattern,
                            "the escape character '" + escape + "' may only precede '%', '_' or itself, not '" + next
                                    + "'",
                            where);
                }
                regex.append(Pattern.quote(String.valueOf(next)));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(regex.toString(), flags);
    }

    /**
     * A LIKE pattern of literal text and {@code %} only: the text before its first {@code %} must start the string,
     * the text after its last must end it, and the pieces between must occur in order between those two, which is
     * what the pattern's regular expression matches, found with {@code indexOf} rather than a regex's backtracking.
     */
    record LiteralLike(String first, String[] middle, String last, boolean exact) implements java.io.Serializable {
        private static final long serialVersionUID = 1L;

        /**
         * The matcher of {@code pattern}, or null when it has a {@code _}, the escape character, or is matched
         * regardless of case (those take the regular expression).
         */
        static LiteralLike of(String pattern, char escape, boolean ignoreCase) {
            if (ignoreCase || pattern.indexOf('_') >= 0 || pattern.indexOf(escape) >= 0) {
                return null;
            }
            String[] pieces = pattern.split("%", -1);
            String[] middle = java.util.Arrays.stream(pieces, 1, Math.max(1, pieces.length - 1))
                    .filter(piece -> !piece.isEmpty())
                    .toArray(String[]::new);
            return new LiteralLike(pieces[0], middle, pieces[pieces.length - 1], pieces.length == 1);
        }

        boolean matches(String s) {
            if (exact) {
                return s.equals(first);
            }
            if (s.length() < first.length() + last.length() || !s.startsWith(first) || !s.endsWith(last)) {
                return false;
            }
            int from = first.length();
            int limit = s.length() - last.length();
            for (String piece : middle) {
                int at = s.indexOf(piece, from);
                if (at < 0 || at + piece.length() > limit) {
                    return false;
                }
                from = at + piece.length();
            }
            return true;
        }
    }

    private static EmberException badLike(String pattern, String why, String where) {
        return new EmberException(
                ErrorClass.INVALID_ARGUMENT, "The LIKE pattern '" + pattern + "' of " + where + " is invalid: " + why);
    }
}
