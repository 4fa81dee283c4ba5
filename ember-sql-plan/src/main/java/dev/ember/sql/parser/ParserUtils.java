package dev.ember.sql.parser;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Helpers the tree builders share: names, string literals and errors that point at the text. */
final class ParserUtils {
    private ParserUtils() {}

    /** The name an identifier stands for: a backquoted one without its quotes, a doubled backquote made single. */
    static String identifier(ParserRuleContext ctx) {
        String text = ctx.getText();
        if (text.length() >= 2 && text.charAt(0) == '`') {
            return text.substring(1, text.length() - 1).replace("``", "`");
        }
        return text;
    }

    static List<String> identifiers(List<? extends ParserRuleContext> contexts) {
        List<String> names = new ArrayList<>(contexts.size());
        for (ParserRuleContext ctx : contexts) {
            names.add(identifier(ctx));
        }
        return names;
    }

    static List<String> multipartIdentifier(EmberSqlParser.MultipartIdentifierContext ctx) {
        return identifiers(ctx.parts);
    }

    static List<String> qualifiedName(EmberSqlParser.QualifiedNameContext ctx) {
        return identifiers(ctx.identifier());
    }

    static List<String> identifierList(EmberSqlParser.IdentifierListContext ctx) {
        return ctx == null ? List.of() : identifiers(ctx.identifier());
    }

    /** The value of a string literal: its quoted parts unescaped and joined. */
    static String string(EmberSqlParser.StringLitContext ctx) {
        StringBuilder value = new StringBuilder();
        for (var token : ctx.STRING_LITERAL()) {
            value.append(unescape(token.getText()));
        }
        return value.toString();
    }

    /**
     * The value of one quoted string token, with Spark's escapes: {@code \n \t \r \b \0 \Z}, {@code \\ \' \"}, {@code
     * \}uXXXX, three octal digits; {@code \%} and {@code \_} stay as written (for LIKE); any other escaped character
     * stands for itself.
     */
    static String unescape(String quoted) {
        String body = quoted.substring(1, quoted.length() - 1);
        if (body.indexOf('\\') < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                i++;
                continue;
            }
            char next = body.charAt(i + 1);
            if (next == 'u' && i + 6 <= body.length() && isHex(body, i + 2, i + 6)) {
                out.append((char) Integer.parseInt(body.substring(i + 2, i + 6), 16));
                i += 6;
                continue;
            }
            if (i + 4 <= body.length() && isOctal(body, i + 1)) {
                out.append((char) Integer.parseInt(body.substring(i + 1, i + 4), 8));
                i += 4;
                continue;
            }
            switch (next) {
                case '0' -> out.append('\u0000');
                case 'b' -> out.append('\b');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'Z' -> out.append('\u001A');
                case '%', '_' -> out.append('\\').append(next);
                default -> out.append(next);
            }
            i += 2;
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isOctal(String s, int at) {
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        char c = s.charAt(at + 2);
        return a >= '0' && a <= '3' && b >= '0' && b <= '7' && c >= '0' && c <= '7';
    }

    /** " (line L, column C)" for where {@code ctx} starts, both from 1. */
    static String position(ParserRuleContext ctx) {
        return position(ctx.getStart());
    }

    static String position(Token token) {
        return " (line " + token.getLine() + ", column " + (token.getCharPositionInLine() + 1) + ")";
    }

    /** A construct the grammar accepts but Ember does not run yet. */
    static EmberException unsupported(ParserRuleContext ctx, String construct) {
        return new EmberException(ErrorClass.UNSUPPORTED_FEATURE, construct + " is not supported yet" + position(ctx));
    }

    /** A statement that parses but is wrong in a way the grammar cannot say (a clause given twice, a bad literal). */
    static EmberException invalid(ParserRuleContext ctx, String message) {
        return new EmberException(ErrorClass.PARSE_SYNTAX_ERROR, message + position(ctx));
    }

    /** The clause given at most once: its only element, null when absent, an error when given twice. */
    static <T extends ParserRuleContext> T atMostOnce(List<T> clauses, String name) {
        if (clauses.size() > 1) {
            throw invalid(clauses.get(1), "The clause " + name + " is given more than once");
        }
        return clauses.isEmpty() ? null : clauses.get(0);
    }
}
