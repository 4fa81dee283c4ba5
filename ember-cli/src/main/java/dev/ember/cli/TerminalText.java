package dev.ember.cli;

import java.util.Locale;

/**
 * Text from elsewhere (application names, main classes, addresses a master reports) made safe to print on a
 * terminal: characters a terminal acts on instead of showing are written as visible escapes, so a name cannot clear
 * the screen, move the cursor, retitle the window, reorder the text around it or break a table's lines.
 */
final class TerminalText {
    private TerminalText() {}

    /**
     * {@code text} with every control character (C0, DEL and C1, among them ESC and the one-byte CSI U+009B),
     * invisible formatting character (bidirectional overrides, zero-width characters), line or paragraph separator
     * and lone surrogate replaced by {@code \}{@code uXXXX} ({@code \}{@code UXXXXXXXX} above U+FFFF); null prints
     * as {@code -}.
     */
    static String printable(String text) {
        if (text == null) {
            return "-";
        }
        StringBuilder printable = null;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            int next = i + Character.charCount(codePoint);
            if (needsEscape(codePoint)) {
                if (printable == null) {
                    printable = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                printable.append(
                        codePoint <= 0xFFFF
                                ? String.format(Locale.ROOT, "\\u%04x", codePoint)
                                : String.format(Locale.ROOT, "\\U%08x", codePoint));
            } else if (printable != null) {
                printable.append(text, i, next);
            }
            i = next;
        }
        return printable == null ? text : printable.toString();
    }

    private static boolean needsEscape(int codePoint) {
        if (Character.isISOControl(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.FORMAT
                || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }
}
