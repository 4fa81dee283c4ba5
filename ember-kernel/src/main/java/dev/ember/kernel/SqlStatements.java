package dev.ember.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts SQL text into statements at each {@code ;} that is outside a string ({@code '...'}), a quoted identifier
 * ({@code "..."}, {@code `...`}), a line comment ({@code -- ...}) and a block comment ({@code /* ... *}{@code /}). A
 * quote inside a string is written twice ({@code 'it''s'}) or after a backslash ({@code 'it\'s'}); both stay inside
 * the string. Statements are returned trimmed, without their {@code ;}; those holding nothing but white space and
 * comments are left out. Used by {@code %%sql} cells and by {@code bin/ember sql}.
 */
public final class SqlStatements {
    /** The complete statements of a text, and what follows the last {@code ;} (a statement not ended yet). */
    public record Split(List<String> statements, String rest) {
        /** Whether {@link #rest} holds more than white space and comments. */
        public boolean hasRest() {
            return !isBlank(rest);
        }
    }

    private SqlStatements() {}

    /** Every statement of {@code text}, the last one whether or not a {@code ;} ends it. */
    public static List<String> all(String text) {
        Split split = split(text);
        List<String> statements = new ArrayList<>(split.statements());
        if (split.hasRest()) {
            statements.add(split.rest().strip());
        }
        return statements;
    }

    /** The statements of {@code text} that a {@code ;} ends, and the rest. */
    public static Split split(String text) {
        List<String> statements = new ArrayList<>();
        int start = 0;
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"' || c == '`') {
                i = endOfQuoted(text, i, c);
            } else if (c == '-' && i + 1 < length && text.charAt(i + 1) == '-') {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
            } else if (c == '/' && i + 1 < length && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                i = end < 0 ? length : end + 2;
            } else if (c == ';') {
                String statement = text.substring(start, i);
                if (!isBlank(statement)) {
                    statements.add(statement.strip());
                }
                start = i + 1;
                i++;
            } else {
                i++;
            }
        }
        return new Split(statements, text.substring(start));
    }

    /** The index after the quote that closes the one at {@code open}, or the text's length if none does. */
    private static int endOfQuoted(String text, int open, char quote) {
        int i = open + 1;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
            } else if (c == quote) {
                if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
                    i += 2;
                } else {
                    return i + 1;
                }
            } else {
                i++;
            }
        }
        return text.length();
    }

    /** Whether {@code text} holds only white space and comments. */
    public static boolean isBlank(String text) {
        int i = 0;
        int length = text.length();
        while (i < length) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < length && text.charAt(i + 1) == '-') {
                int newline = text.indexOf('\n', i);
                i = newline < 0 ? length : newline + 1;
            } else if (c == '/' && i + 1 < length && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                if (end < 0) {
                    // An unclosed comment is not blank: the parser should say what is wrong with it.
                    return false;
                }
                i = end + 2;
            } else {
                return false;
            }
        }
        return true;
    }
}
