package dev.ember.sql.parser;

import static dev.ember.sql.parser.ParserUtils.invalid;

import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Casts;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.parser.EmberSqlParser.IntervalContext;
import dev.ember.sql.parser.EmberSqlParser.IntervalValueContext;
import dev.ember.sql.parser.EmberSqlParser.MultiUnitIntervalContext;
import dev.ember.sql.parser.EmberSqlParser.NumberContext;
import dev.ember.sql.parser.EmberSqlParser.RangeIntervalContext;
import dev.ember.sql.parser.EmberSqlParser.TypedLiteralContext;
import dev.ember.sql.parser.EmberSqlParser.UnitlessIntervalContext;
import dev.ember.sql.types.DataType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Literals: numbers typed by their form and suffix as in Spark, strings, binary, typed literals and intervals. The
 * typed literals ({@code DATE '...'}, {@code TIMESTAMP '...'}) are checked here and kept as casts of their text, so
 * that the analyzer can give a timestamp the session's time zone and constant folding computes its value.
 */
final class LiteralBuilder {
    /** The zone typed literals are built with until the analyzer sets the session's. */
    static final String DEFAULT_ZONE = "UTC";

    private static final BigInteger INT_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
    private static final BigInteger INT_MAX = BigInteger.valueOf(Integer.MAX_VALUE);
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private LiteralBuilder() {}

    /** A number; {@code negate} when a minus sign was written before it, so that -2147483648 is an int. */
    static Literal number(NumberContext ctx, boolean negate) {
        Token token = ctx.getStart();
        String text = token.getText();
        String sign = negate ? "-" : "";
        try {
            switch (token.getType()) {
                case EmberSqlLexer.INTEGER_VALUE -> {
                    BigInteger value = new BigInteger(sign + text);
                    if (value.compareTo(INT_MIN) >= 0 && value.compareTo(INT_MAX) <= 0) {
                        return Literal.of(value.intValue());
                    }
                    if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
                        return Literal.of(value.longValue());
                    }
                    return decimal(ctx, new BigDecimal(value));
                }
                case EmberSqlLexer.BIGINT_LITERAL -> {
                    return Literal.of(integral(ctx, sign + strip(text, 1), LONG_MIN, LONG_MAX, "BIGINT")
                            .longValue());
                }
                case EmberSqlLexer.SMALLINT_LITERAL -> {
                    BigInteger v = integral(
                            ctx,
                            sign + strip(text, 1),
                            BigInteger.valueOf(Short.MIN_VALUE),
                            BigInteger.valueOf(Short.MAX_VALUE),
                            "SMALLINT");
                    return Literal.of(v.shortValue());
                }
                case EmberSqlLexer.TINYINT_LITERAL -> {
                    BigInteger v = integral(
                            ctx,
                            sign + strip(text, 1),
                            BigInteger.valueOf(Byte.MIN_VALUE),
                            BigInteger.valueOf(Byte.MAX_VALUE),
                            "TINYINT");
                    return Literal.of(v.byteValue());
                }
                case EmberSqlLexer.DECIMAL_VALUE -> {
                    return decimal(ctx, new BigDecimal(sign + text));
                }
                case EmberSqlLexer.BIGDECIMAL_LITERAL -> {
                    return decimal(ctx, new BigDecimal(sign + strip(text, 2)));
                }
                case EmberSqlLexer.EXPONENT_VALUE -> {
                    return Literal.of(finiteDouble(ctx, sign + text));
                }
                case EmberSqlLexer.DOUBLE_LITERAL -> {
                    return Literal.of(finiteDouble(ctx, sign + strip(text, 1)));
                }
                case EmberSqlLexer.FLOAT_LITERAL -> {
                    float value = Float.parseFloat(sign + strip(text, 1));
                    if (Float.isInfinite(value)) {
                        throw outOfRange(ctx, sign + text, "FLOAT");
                    }
                    return Literal.of(value);
                }
                default -> throw invalid(ctx, "Unknown numeric literal " + text);
            }
        } catch (NumberFormatException e) {
            throw invalid(ctx, "The numeric literal " + sign + text + " is not a number");
        }
    }

    private static String strip(String text, int suffixLength) {
        return text.substring(0, text.length() - suffixLength);
    }

    private static BigInteger integral(NumberContext ctx, String digits, BigInteger min, BigInteger max, String type) {
        BigInteger value = new BigInteger(digits);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw outOfRange(ctx, digits, type);
        }
        return value;
    }

    private static double finiteDouble(NumberContext ctx, String text) {
        double value = Double.parseDouble(text);
        if (Double.isInfinite(value)) {
            throw outOfRange(ctx, text, "DOUBLE");
        }
        return value;
    }

    private static Literal decimal(NumberContext ctx, BigDecimal value) {
        BigDecimal normalized = value.scale() < 0 ? value.setScale(0) : value;
        if (Math.max(normalized.precision(), normalized.scale()) > DecimalType.MAX_PRECISION) {
            throw invalid(
                    ctx,
                    "The numeric literal " + ctx.getText() + " needs more than the " + DecimalType.MAX_PRECISION
                            + " digits of a DECIMAL");
        }
        return Literal.of(normalized);
    }

    private static RuntimeException outOfRange(NumberContext ctx, String text, String type) {
        return invalid(ctx, "The numeric literal " + text + " is outside the range of " + type);
    }

    /** {@code X'0AFF'}: the bytes; an odd number of digits is read as if a 0 led them. */
    static Literal binary(Token token) {
        String text = token.getText();
        String hex = text.substring(2, text.length() - 1);
        if (hex.length() % 2 != 0) {
            hex = "0" + hex;
        }
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return new Literal(bytes, DataTypes.BinaryType);
    }

    /** {@code DATE '2024-01-01'} and the timestamps: checked now, kept as a cast of the text. */
    static Expression typed(TypedLiteralContext ctx) {
        String text = ParserUtils.string(ctx.stringLit());
        String trimmed = text.strip();
        int type = ctx.literalType().getStart().getType();
        DataType dataType;
        try {
            if (type == EmberSqlLexer.DATE) {
                dataType = DataTypes.DateType;
                Casts.parseDate(trimmed, text, "DATE literal");
            } else {
                dataType = type == EmberSqlLexer.TIMESTAMP_NTZ ? DataTypes.TimestampNTZType : DataTypes.TimestampType;
                Casts.parseTimestamp(trimmed, text, dataType, ZoneOffset.UTC, "TIMESTAMP literal");
            }
        } catch (RuntimeException e) {
            throw invalid(
                    ctx,
                    "The " + ctx.literalType().getText().toUpperCase(java.util.Locale.ROOT) + " literal '" + text
                            + "' is not valid");
        }
        return new Cast(Literal.of(text), dataType, false, DEFAULT_ZONE);
    }

    static Literal interval(IntervalContext ctx) {
        if (ctx instanceof RangeIntervalContext range) {
            return IntervalParser.range(
                    ctx, intervalValue(range.value), false, range.from.getText(), range.to.getText());
        }
        if (ctx instanceof MultiUnitIntervalContext multi) {
            List<String> values = new ArrayList<>();
            for (IntervalValueContext value : multi.values) {
                values.add(intervalValue(value));
            }
            List<String> units = new ArrayList<>();
            for (var unit : multi.units) {
                units.add(unit.getText());
            }
            return IntervalParser.units(ctx, values, units);
        }
        UnitlessIntervalContext unitless = (UnitlessIntervalContext) ctx;
        String text = ParserUtils.unescape(unitless.STRING_LITERAL().getText());
        return IntervalParser.unitless(ctx, text, unitless.MINUS() != null);
    }

    /** The text of an interval value with its sign applied: a string's content, or a number as written. */
    private static String intervalValue(IntervalValueContext ctx) {
        String text = ctx.STRING_LITERAL() != null
                ? ParserUtils.unescape(ctx.STRING_LITERAL().getText()).strip()
                : ctx.getStop().getText();
        if (ctx.MINUS() == null) {
            return text;
        }
        if (text.startsWith("-")) {
            return text.substring(1);
        }
        return "-" + (text.startsWith("+") ? text.substring(1) : text);
    }
}
