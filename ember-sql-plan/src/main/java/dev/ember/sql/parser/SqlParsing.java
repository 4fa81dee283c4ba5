package dev.ember.sql.parser;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.Interval;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * The entry points of the SQL grammar. Each parses a whole text (trailing input is an error) and returns the parse
 * tree, or throws an {@link EmberException} of class {@link ErrorClass#PARSE_SYNTAX_ERROR} whose message names the
 * offending token, its line and column (both from 1), what was expected there, and shows the line with a caret
 * under the token.
 *
 * <p>Parsing first runs in ANTLR's SLL mode, which is fast and right for nearly every input, and only when that
 * fails runs again in full LL mode, which either finds the parse SLL missed or reports the real error.
 */
public final class SqlParsing {
    /** At most this many expected tokens are named in a message; the rest are counted. */
    private static final int MAX_EXPECTED_NAMED = 8;
    /** A longer source line is shown as a window of about this many characters around the caret. */
    private static final int MAX_SHOWN_LINE = 120;

    /**
     * Deeper nesting of parentheses and brackets is refused before parsing: past a few hundred levels, predicting
     * each level looks ahead through all the levels inside it, and the parser's recursion nears the stack's end.
     */
    static final int MAX_NESTING = 500;

    private static final IntervalSet IDENTIFIER_KEYWORDS;
    private static final IntervalSet EXPRESSION_START;
    private static final IntervalSet VALUE_START;
    private static final IntervalSet NUMBER_TOKENS = new IntervalSet(
            EmberSqlLexer.INTEGER_VALUE,
            EmberSqlLexer.BIGINT_LITERAL,
            EmberSqlLexer.SMALLINT_LITERAL,
            EmberSqlLexer.TINYINT_LITERAL,
            EmberSqlLexer.DECIMAL_VALUE,
            EmberSqlLexer.EXPONENT_VALUE,
            EmberSqlLexer.DOUBLE_LITERAL,
            EmberSqlLexer.FLOAT_LITERAL,
            EmberSqlLexer.BIGDECIMAL_LITERAL);

    static {
        ATN atn = EmberSqlParser._ATN;
        IntervalSet keywords = new IntervalSet();
        keywords.addAll(atn.nextTokens(atn.ruleToStartState[EmberSqlParser.RULE_nonReserved]));
        keywords.addAll(atn.nextTokens(atn.ruleToStartState[EmberSqlParser.RULE_strictNonReserved]));
        IDENTIFIER_KEYWORDS = keywords;
        EXPRESSION_START = atn.nextTokens(atn.ruleToStartState[EmberSqlParser.RULE_expression]);
        VALUE_START = atn.nextTokens(atn.ruleToStartState[EmberSqlParser.RULE_valueExpression]);
    }

    private SqlParsing() {}

    /** Parses one statement, optionally ended by semicolons. */
    public static EmberSqlParser.SingleStatementContext statement(String sql) {
        return parse(sql, EmberSqlParser::singleStatement);
    }

    /** Parses one expression, optionally with an alias ({@code a + 1 AS b}). */
    public static EmberSqlParser.SingleExpressionContext expression(String text) {
        return parse(text, EmberSqlParser::singleExpression);
    }

    /** Parses one data type, such as {@code DECIMAL(10, 2)} or {@code MAP<STRING, ARRAY<INT>>}. */
    public static EmberSqlParser.SingleDataTypeContext dataType(String text) {
        return parse(text, EmberSqlParser::singleDataType);
    }

    /** Parses a schema written as column definitions: {@code a INT, b STRING NOT NULL COMMENT 'x'}. */
    public static EmberSqlParser.SingleTableSchemaContext tableSchema(String text) {
        return parse(text, EmberSqlParser::singleTableSchema);
    }

    /**
     * Checks a statement without throwing: the message of its syntax error (as {@link EmberException#detail()}
     * would give it), or empty if it parses.
     */
    public static Optional<String> syntaxError(String sql) {
        try {
            statement(sql);
            return Optional.empty();
        } catch (EmberException e) {
            return Optional.of(e.detail());
        }
    }

    /**
     * The text a parse tree node was parsed from, exactly as written (with its whitespace and comments), for
     * example the key and the value of {@code SET}. Empty for a node that matched no input.
     */
    public static String rawText(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop();
        if (start == null
                || stop == null
                || stop.getType() == Token.EOF
                || stop.getTokenIndex() < start.getTokenIndex()) {
            return "";
        }
        return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex()));
    }

    private static <T extends ParserRuleContext> T parse(String text, Function<EmberSqlParser, T> entry) {
        Objects.requireNonNull(text, "text is null");
        try {
            CharStream chars = CharStreams.fromString(text);
            EmberSqlLexer lexer = new EmberSqlLexer(chars);
            // The lexer cannot fail: every character is some token; bad ones are reported by the parser.
            lexer.removeErrorListeners();
            CommonTokenStream tokens = new CommonTokenStream(lexer);
            checkNesting(text, tokens);
            EmberSqlParser parser = new EmberSqlParser(tokens);
            parser.removeErrorListeners();
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            try {
                return entry.apply(parser);
            } catch (ParseCancellationException e) {
                tokens.seek(0);
                parser.reset();
                parser.getInterpreter().setPredictionMode(PredictionMode.LL);
                parser.setErrorHandler(new ThrowingErrorStrategy(text));
                return entry.apply(parser);
            }
        } catch (StackOverflowError e) {
            throw new EmberException(
                    ErrorClass.PARSE_SYNTAX_ERROR,
                    "The statement is too deeply nested to parse: simplify its nested parentheses, subqueries or"
                            + " expressions.");
        }
    }

    private static void checkNesting(String text, CommonTokenStream tokens) {
        tokens.fill();
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            int type = t.getType();
            if (type == EmberSqlLexer.LEFT_PAREN || type == EmberSqlLexer.LEFT_BRACKET) {
                depth++;
                if (depth > MAX_NESTING) {
                    String where = describe(text, tokens, t, null);
                    throw new EmberException(
                            ErrorClass.PARSE_SYNTAX_ERROR,
                            "The statement is too deeply nested to parse: more than " + MAX_NESTING
                                    + " levels of parentheses and brackets"
                                    + where.substring(where.indexOf(" (line ")));
                }
            } else if (type == EmberSqlLexer.RIGHT_PAREN || type == EmberSqlLexer.RIGHT_BRACKET) {
                depth = Math.max(0, depth - 1);
            }
        }
    }

    /** Turns the first syntax error into an exception instead of recovering from it. */
    private static final class ThrowingErrorStrategy extends DefaultErrorStrategy {
        private final String text;

        ThrowingErrorStrategy(String text) {
            this.text = text;
        }

        @Override
        public void reportError(Parser recognizer, RecognitionException e) {
            if (e instanceof NoViableAltException noViable) {
                Token start = noViable.getStartToken();
                Token offending = noViable.getOffendingToken();
                // What was expected is known only where prediction started; past it, only the place is given.
                IntervalSet expected =
                        start.getTokenIndex() == offending.getTokenIndex() ? e.getExpectedTokens() : null;
                throw fail(recognizer, firstBadToken(recognizer.getInputStream(), start, offending), expected);
            }
            if (e instanceof InputMismatchException) {
                throw fail(recognizer, e.getOffendingToken(), e.getExpectedTokens());
            }
            throw fail(
                    recognizer,
                    e.getOffendingToken() != null ? e.getOffendingToken() : recognizer.getCurrentToken(),
                    null);
        }

        @Override
        protected void reportUnwantedToken(Parser recognizer) {
            throw fail(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens());
        }

        @Override
        protected void reportMissingToken(Parser recognizer) {
            throw fail(recognizer, recognizer.getCurrentToken(), recognizer.getExpectedTokens());
        }

        @Override
        public void recover(Parser recognizer, RecognitionException e) {
            throw fail(recognizer, e.getOffendingToken(), null);
        }

        private EmberException fail(Parser recognizer, Token offending, IntervalSet expected) {
            return new EmberException(
                    ErrorClass.PARSE_SYNTAX_ERROR, describe(text, recognizer.getInputStream(), offending, expected));
        }
    }

    /** An always-invalid token between start and offending, if any: it is the real cause of the error. */
    private static Token firstBadToken(TokenStream tokens, Token start, Token offending) {
        for (int i = start.getTokenIndex(); i < offending.getTokenIndex(); i++) {
            Token t = tokens.get(i);
            if (isAlwaysInvalid(t.getType())) {
                return t;
            }
        }
        return offending;
    }

    private static boolean isAlwaysInvalid(int type) {
        return type == EmberSqlLexer.UNRECOGNIZED
                || type == EmberSqlLexer.UNCLOSED_STRING
                || type == EmberSqlLexer.UNCLOSED_BACKQUOTE
                || type == EmberSqlLexer.UNCLOSED_COMMENT;
    }

    private static String describe(String text, TokenStream tokens, Token offending, IntervalSet expected) {
        int[] codePoints = text.codePoints().toArray();
        int offset;
        String headline;
        switch (offending.getType()) {
            case EmberSqlLexer.UNRECOGNIZED -> {
                offset = offending.getStartIndex();
                headline = "Unrecognized character '" + offending.getText() + "'";
                expected = null;
            }
            case EmberSqlLexer.UNCLOSED_STRING -> {
                offset = offending.getStartIndex();
                headline = "Unterminated string literal: the quote opened here is never closed";
                expected = null;
            }
            case EmberSqlLexer.UNCLOSED_BACKQUOTE -> {
                offset = offending.getStartIndex();
                headline = "Unterminated quoted identifier: the backquote opened here is never closed";
                expected = null;
            }
            case EmberSqlLexer.UNCLOSED_COMMENT -> {
                offset = offending.getStartIndex();
                headline = "Unterminated comment: the '/*' here is never closed by '*/'";
                expected = null;
            }
            case Token.EOF -> {
                offset = endOfLastToken(tokens, offending);
                headline = "Syntax error at end of input";
            }
            default -> {
                offset = offending.getStartIndex();
                headline = "Syntax error at or near '" + shorten(offending.getText()) + "'";
            }
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < codePoints.length; i++) {
            if (codePoints[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int lineEnd = lineStart;
        while (lineEnd < codePoints.length && codePoints[lineEnd] != '\n') {
            lineEnd++;
        }
        if (lineEnd > lineStart && codePoints[lineEnd - 1] == '\r') {
            lineEnd--;
        }
        int column = offset - lineStart + 1;

        StringBuilder message = new StringBuilder(headline)
                .append(" (line ")
                .append(line)
                .append(", column ")
                .append(column)
                .append(')');
        String expectedText = expected == null ? "" : describeExpected(expected);
        if (offending.getType() != Token.EOF && expected != null && isEndOnly(expected)) {
            expectedText = "no valid continuation of the statement starts here";
        }
        if (!expectedText.isEmpty()) {
            message.append(": ").append(expectedText);
        }
        appendSourceLine(message, codePoints, lineStart, lineEnd, offset);
        return message.toString();
    }

    private static boolean isEndOnly(IntervalSet expected) {
        IntervalSet rest = new IntervalSet(expected);
        rest.remove(Token.EOF);
        rest.remove(EmberSqlLexer.SEMICOLON);
        return rest.isNil();
    }

    /** Where the input ends, not counting trailing whitespace and comments. */
    private static int endOfLastToken(TokenStream tokens, Token eof) {
        for (int i = eof.getTokenIndex() - 1; i >= 0; i--) {
            Token t = tokens.get(i);
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t.getStopIndex() + 1;
            }
        }
        return 0;
    }

    private static void appendSourceLine(
            StringBuilder message, int[] codePoints, int lineStart, int lineEnd, int offset) {
        int from = lineStart;
        int to = lineEnd;
        boolean cutLeft = false;
        boolean cutRight = false;
        if (to - from > MAX_SHOWN_LINE) {
            from = Math.max(lineStart, offset - MAX_SHOWN_LINE / 2);
            to = Math.min(lineEnd, from + MAX_SHOWN_LINE);
            cutLeft = from > lineStart;
            cutRight = to < lineEnd;
        }
        message.append('\n');
        StringBuilder caret = new StringBuilder();
        if (cutLeft) {
            message.append("...");
            caret.append("   ");
        }
        for (int i = from; i < to; i++) {
            message.appendCodePoint(codePoints[i]);
        }
        if (cutRight) {
            message.append("...");
        }
        // Tabs are copied so that the caret lines up however the line is displayed.
        for (int i = from; i < offset && i < to; i++) {
            caret.append(codePoints[i] == '\t' ? '\t' : ' ');
        }
        message.append('\n').append(caret).append('^');
    }

    private static String shorten(String tokenText) {
        String oneLine = tokenText.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 37) + "...";
    }

    /** "expected X", "expected one of X, Y, Z" or "expected one of X, Y, ... and N more". */
    static String describeExpected(IntervalSet expected) {
        IntervalSet rest = new IntervalSet(expected);
        Set<String> categories = new LinkedHashSet<>();
        // Where any value may start, the dozens of tokens that can start one are summed up as "expression".
        if (VALUE_START.subtract(rest).isNil()) {
            categories.add("expression");
            rest = rest.subtract(EXPRESSION_START);
            rest = rest.subtract(IDENTIFIER_KEYWORDS);
            rest.remove(EmberSqlLexer.BACKQUOTED_IDENTIFIER);
        }
        if (rest.contains(EmberSqlLexer.IDENTIFIER)) {
            categories.add("identifier");
            rest = rest.subtract(IDENTIFIER_KEYWORDS);
            rest.remove(EmberSqlLexer.IDENTIFIER);
            rest.remove(EmberSqlLexer.BACKQUOTED_IDENTIFIER);
        }
        if (rest.contains(EmberSqlLexer.STRING_LITERAL)) {
            categories.add("string literal");
            rest.remove(EmberSqlLexer.STRING_LITERAL);
        }
        if (!rest.and(NUMBER_TOKENS).isNil()) {
            categories.add("number");
            rest = rest.subtract(NUMBER_TOKENS);
        }
        boolean end = rest.contains(Token.EOF);
        rest.remove(Token.EOF);

        Vocabulary vocabulary = EmberSqlParser.VOCABULARY;
        List<String> punctuation = new ArrayList<>();
        List<String> keywords = new ArrayList<>();
        for (int type : rest.toArray()) {
            String name = displayName(vocabulary, type);
            if (Character.isLetter(name.charAt(0))) {
                keywords.add(name);
            } else {
                punctuation.add(name);
            }
        }
        keywords.sort(null);
        List<String> names = new ArrayList<>(categories);
        names.addAll(punctuation);
        names.addAll(keywords);
        if (end) {
            names.add("end of input");
        }
        if (names.isEmpty()) {
            return "";
        }
        if (names.size() == 1) {
            return "expected " + names.get(0);
        }
        if (names.size() <= MAX_EXPECTED_NAMED) {
            return "expected one of " + String.join(", ", names);
        }
        int shown = MAX_EXPECTED_NAMED - 2;
        return "expected one of " + String.join(", ", names.subList(0, shown)) + " and " + (names.size() - shown)
                + " more";
    }

    private static String displayName(Vocabulary vocabulary, int type) {
        switch (type) {
            case EmberSqlLexer.EQ:
                return "'='";
            case EmberSqlLexer.TEMPORARY:
                return "TEMPORARY";
            case EmberSqlLexer.SETMINUS:
                return "MINUS";
            case EmberSqlLexer.HINT_START:
                return "'/*+'";
            case EmberSqlLexer.HINT_END:
                return "'*/'";
            default:
                break;
        }
        String literal = vocabulary.getLiteralName(type);
        if (literal == null) {
            return vocabulary.getSymbolicName(type);
        }
        String bare = literal.substring(1, literal.length() - 1);
        return Character.isLetter(bare.charAt(0)) ? bare : literal;
    }
}
