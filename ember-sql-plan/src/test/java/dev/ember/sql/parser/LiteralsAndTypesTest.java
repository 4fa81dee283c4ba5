package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedParameter;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DayTimeIntervalType;
import dev.ember.sql.types.DecimalType;
import dev.ember.sql.types.MapType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import dev.ember.sql.types.YearMonthIntervalType;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Literals typed by their form, strings and escapes, intervals, typed literals, data types and schemas. */
class LiteralsAndTypesTest {
    private final SqlParser parser = new SqlParser();

    private Expression expr(String text) {
        return parser.parseExpression(text);
    }

    private EmberException error(String text) {
        return (EmberException) catchThrowable(() -> parser.parseExpression(text));
    }

    @Test
    void integersTakeTheSmallestOfIntBigintDecimal() {
        assertThat(expr("2147483647")).isEqualTo(new Literal(2147483647, DataTypes.IntegerType));
        assertThat(expr("2147483648")).isEqualTo(new Literal(2147483648L, DataTypes.LongType));
        assertThat(expr("-2147483649")).isEqualTo(new Literal(-2147483649L, DataTypes.LongType));
        assertThat(expr("9223372036854775807")).isEqualTo(new Literal(Long.MAX_VALUE, DataTypes.LongType));
        assertThat(expr("9223372036854775808"))
                .isEqualTo(new Literal(new BigDecimal("9223372036854775808"), new DecimalType(19, 0)));
        assertThat(expr("-9223372036854775808")).isEqualTo(new Literal(Long.MIN_VALUE, DataTypes.LongType));
        assertThat(error("123456789012345678901234567890123456789").errorClass())
                .isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
    }

    @Test
    void suffixesChooseTheType() {
        assertThat(expr("10L")).isEqualTo(new Literal(10L, DataTypes.LongType));
        assertThat(expr("32767S")).isEqualTo(new Literal((short) 32767, DataTypes.ShortType));
        assertThat(expr("127Y")).isEqualTo(new Literal((byte) 127, DataTypes.ByteType));
        assertThat(error("32768S").detail()).contains("outside the range of SMALLINT");
        assertThat(error("128Y").detail()).contains("outside the range of TINYINT");
        assertThat(error("9223372036854775808L").detail()).contains("outside the range of BIGINT");
        assertThat(expr("-9223372036854775808L")).isEqualTo(new Literal(Long.MIN_VALUE, DataTypes.LongType));
        assertThat(expr("1.5D")).isEqualTo(new Literal(1.5d, DataTypes.DoubleType));
        assertThat(expr("7D")).isEqualTo(new Literal(7d, DataTypes.DoubleType));
        assertThat(expr("1.5F")).isEqualTo(new Literal(1.5f, DataTypes.FloatType));
        assertThat(expr("1e10")).isEqualTo(new Literal(1e10, DataTypes.DoubleType));
        assertThat(expr("1.5E-3")).isEqualTo(new Literal(1.5e-3, DataTypes.DoubleType));
        assertThat(error("1e999").detail()).contains("outside the range of DOUBLE");
        assertThat(expr("10BD")).isEqualTo(new Literal(new BigDecimal("10"), new DecimalType(2, 0)));
        assertThat(expr("1.50BD")).isEqualTo(new Literal(new BigDecimal("1.50"), new DecimalType(3, 2)));
        assertThat(expr("1E2BD")).isEqualTo(new Literal(new BigDecimal("100"), new DecimalType(3, 0)));
    }

    @Test
    void decimalsAreExact() {
        assertThat(expr("1.5")).isEqualTo(new Literal(new BigDecimal("1.5"), new DecimalType(2, 1)));
        assertThat(expr(".5")).isEqualTo(new Literal(new BigDecimal("0.5"), new DecimalType(1, 1)));
        assertThat(expr("1.")).isEqualTo(new Literal(new BigDecimal("1"), new DecimalType(1, 0)));
        assertThat(expr("0.001")).isEqualTo(new Literal(new BigDecimal("0.001"), new DecimalType(3, 3)));
        assertThat(expr("123.450")).isEqualTo(new Literal(new BigDecimal("123.450"), new DecimalType(6, 3)));
    }

    @Test
    void stringsUnescapeAndJoin() {
        assertThat(expr("'a' 'b' \"c\"")).isEqualTo(Literal.of("abc"));
        assertThat(expr("'it\\'s'")).isEqualTo(Literal.of("it's"));
        assertThat(expr("\"say \\\"hi\\\"\"")).isEqualTo(Literal.of("say \"hi\""));
        assertThat(expr("'a\\tb\\nc\\rd\\\\e'")).isEqualTo(Literal.of("a\tb\nc\rd\\e"));
        assertThat(expr("'\\u0041\\101\\0\\Z'")).isEqualTo(Literal.of("AA\u0000\u001A"));
        assertThat(expr("'50\\% \\_x \\q'")).isEqualTo(Literal.of("50\\% \\_x q"));
        assertThat(expr("'it''s'")).isEqualTo(Literal.of("its"));
        assertThat(expr("''")).isEqualTo(Literal.of(""));
    }

    @Test
    void otherConstants() {
        assertThat(expr("X'0AFF'")).isEqualTo(new Literal(new byte[] {0x0A, (byte) 0xFF}, DataTypes.BinaryType));
        assertThat(expr("x'abc'")).isEqualTo(new Literal(new byte[] {0x0A, (byte) 0xBC}, DataTypes.BinaryType));
        assertThat(expr("TRUE")).isEqualTo(Literal.TRUE);
        assertThat(expr("NULL")).isEqualTo(Literal.NULL);
        assertThat(expr(":limit_value")).isEqualTo(new NamedParameter("limit_value"));
    }

    @Test
    void typedLiteralsAreCheckedCastsOfTheirText() {
        assertThat(expr("DATE '2024-01-31'"))
                .isEqualTo(new Cast(Literal.of("2024-01-31"), DataTypes.DateType, false, "UTC"));
        assertThat(expr("DATE '2024-01-31'").eval(InternalRow.EMPTY)).isEqualTo(19753);
        assertThat(expr("TIMESTAMP '1970-01-01 00:00:01'").eval(InternalRow.EMPTY))
                .isEqualTo(1_000_000L);
        assertThat(expr("TIMESTAMP_NTZ '2024-01-01 10:00:00'").dataType()).isEqualTo(DataTypes.TimestampNTZType);
        assertThat(expr("TIMESTAMP_LTZ '2024-01-01 10:00:00'").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(error("DATE '2024-13-01'").detail()).startsWith("The DATE literal '2024-13-01' is not valid");
        assertThat(error("TIMESTAMP 'noon'").errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
    }

    private static Literal months(int months, int start, int end) {
        return new Literal(months, new YearMonthIntervalType(start, end));
    }

    private static Literal micros(long micros, int start, int end) {
        return new Literal(micros, new DayTimeIntervalType(start, end));
    }

    private static final int YEAR = YearMonthIntervalType.YEAR;
    private static final int MONTH = YearMonthIntervalType.MONTH;
    private static final int DAY = DayTimeIntervalType.DAY;
    private static final int HOUR = DayTimeIntervalType.HOUR;
    private static final int MINUTE = DayTimeIntervalType.MINUTE;
    private static final int SECOND = DayTimeIntervalType.SECOND;

    @Test
    void yearMonthIntervals() {
        assertThat(expr("INTERVAL '3' MONTH")).isEqualTo(months(3, MONTH, MONTH));
        assertThat(expr("INTERVAL '1-2' YEAR TO MONTH")).isEqualTo(months(14, YEAR, MONTH));
        assertThat(expr("INTERVAL '-1-2' YEAR TO MONTH")).isEqualTo(months(-14, YEAR, MONTH));
        assertThat(expr("INTERVAL -'1-2' YEAR TO MONTH")).isEqualTo(months(-14, YEAR, MONTH));
        assertThat(expr("INTERVAL 1 YEAR 3 MONTHS")).isEqualTo(months(15, YEAR, MONTH));
        assertThat(expr("INTERVAL '2 years'")).isEqualTo(months(24, YEAR, YEAR));
        assertThat(expr("INTERVAL '2' YEAR (4)")).isEqualTo(months(24, YEAR, YEAR));
        assertThat(error("INTERVAL '1-12' YEAR TO MONTH").detail()).contains("not in 0 to 11");
        assertThat(error("INTERVAL 1.5 YEARS").detail()).contains("is not whole");
    }

    @Test
    void dayTimeIntervals() {
        long second = 1_000_000L;
        assertThat(expr("INTERVAL '1 02:03:04.5' DAY TO SECOND"))
                .isEqualTo(micros(((24 + 2) * 3600 + 3 * 60 + 4) * second + 500_000, DAY, SECOND));
        assertThat(expr("INTERVAL 3 DAYS 2 HOURS")).isEqualTo(micros((3 * 24 + 2) * 3600 * second, DAY, HOUR));
        assertThat(expr("INTERVAL -5 MINUTES 30 SECONDS")).isEqualTo(micros(-270 * second, MINUTE, SECOND));
        assertThat(expr("INTERVAL 1.5 SECONDS")).isEqualTo(micros(1_500_000, SECOND, SECOND));
        assertThat(expr("INTERVAL 1 WEEK 2 MILLISECONDS 3 MICROSECONDS"))
                .isEqualTo(micros(7 * 24 * 3600 * second + 2003, DAY, SECOND));
        assertThat(expr("INTERVAL '10:20' HOUR TO MINUTE"))
                .isEqualTo(micros((10 * 60 + 20) * 60 * second, HOUR, MINUTE));
        assertThat(expr("INTERVAL '-10:20.25' MINUTE TO SECOND"))
                .isEqualTo(micros(-(620 * second + 250_000), MINUTE, SECOND));
        assertThat(expr("INTERVAL '3 days 4 hours'")).isEqualTo(micros(76 * 3600 * second, DAY, HOUR));
        assertThat(expr("INTERVAL - '1 day'")).isEqualTo(micros(-24 * 3600 * second, DAY, DAY));
        assertThat(expr("INTERVAL '90' DAY (3)")).isEqualTo(micros(90 * 24 * 3600 * second, DAY, DAY));
        assertThat(expr("INTERVAL '1 02' DAY (2) TO HOUR")).isEqualTo(micros(26 * 3600 * second, DAY, HOUR));
        assertThat(error("INTERVAL '1 25:00' DAY TO MINUTE").detail()).contains("out of range");
        assertThat(error("INTERVAL '10:20' DAY TO SECOND").errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(error("INTERVAL '3 eons'").detail()).contains("'eons' is not an interval unit");
    }

    @Test
    void mixingMonthsAndDaysIsUnsupported() {
        EmberException e = error("INTERVAL 1 MONTH 2 DAYS");
        assertThat(e.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(e.detail())
                .contains("mixes year-month units with day-time units")
                .contains("(line 1, column 1)");
        assertThat(error("INTERVAL '1 month 1 second'").errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
    }

    @Test
    void dataTypes() {
        assertThat(parser.parseDataType("INT")).isEqualTo(DataTypes.IntegerType);
        assertThat(parser.parseDataType("integer")).isEqualTo(DataTypes.IntegerType);
        assertThat(parser.parseDataType("LONG")).isEqualTo(DataTypes.LongType);
        assertThat(parser.parseDataType("BYTE")).isEqualTo(DataTypes.ByteType);
        assertThat(parser.parseDataType("SHORT")).isEqualTo(DataTypes.ShortType);
        assertThat(parser.parseDataType("REAL")).isEqualTo(DataTypes.FloatType);
        assertThat(parser.parseDataType("VARCHAR(10)")).isEqualTo(DataTypes.StringType);
        assertThat(parser.parseDataType("CHAR(3)")).isEqualTo(DataTypes.StringType);
        assertThat(parser.parseDataType("VOID")).isEqualTo(DataTypes.NullType);
        assertThat(parser.parseDataType("DECIMAL")).isEqualTo(new DecimalType(10, 0));
        assertThat(parser.parseDataType("NUMERIC(5)")).isEqualTo(new DecimalType(5, 0));
        assertThat(parser.parseDataType("DEC(4, 1)")).isEqualTo(new DecimalType(4, 1));
        assertThat(parser.parseDataType("TIMESTAMP_LTZ")).isEqualTo(DataTypes.TimestampType);
        assertThat(parser.parseDataType("INTERVAL YEAR TO MONTH")).isEqualTo(DataTypes.YearMonthIntervalType);
        assertThat(parser.parseDataType("INTERVAL MONTH")).isEqualTo(new YearMonthIntervalType(MONTH, MONTH));
        assertThat(parser.parseDataType("INTERVAL HOUR")).isEqualTo(new DayTimeIntervalType(HOUR, HOUR));
        assertThat(parser.parseDataType("INTERVAL DAY TO MINUTE")).isEqualTo(new DayTimeIntervalType(DAY, MINUTE));
        assertThat(parser.parseDataType("interval day to second")).isEqualTo(DataTypes.DayTimeIntervalType);
        assertThat(parser.parseDataType("ARRAY<MAP<STRING, ARRAY<INT>>>"))
                .isEqualTo(new ArrayType(
                        new MapType(DataTypes.StringType, new ArrayType(DataTypes.IntegerType, true), true), true));
        assertThat(parser.parseDataType("STRUCT<a: INT, b STRING NOT NULL COMMENT 'bee'>"))
                .isEqualTo(new StructType(List.of(
                        new StructField("a", DataTypes.IntegerType, true, null),
                        new StructField("b", DataTypes.StringType, false, "bee"))));
        assertThat(parser.parseDataType("STRUCT<>")).isEqualTo(new StructType(List.of()));
        EmberException tooPrecise = (EmberException) catchThrowable(() -> parser.parseDataType("DECIMAL(39, 1)"));
        assertThat(tooPrecise.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        EmberException sized = (EmberException) catchThrowable(() -> parser.parseDataType("INT(5)"));
        assertThat(sized.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(sized.detail()).isEqualTo("The data type INT(5) is not supported yet (line 1, column 1)");
    }

    @Test
    void tableSchemasAndNames() {
        assertThat(parser.parseTableSchema("a INT, `b c` STRING NOT NULL COMMENT 'x'"))
                .isEqualTo(new StructType(List.of(
                        new StructField("a", DataTypes.IntegerType, true, null),
                        new StructField("b c", DataTypes.StringType, false, "x"))));
        assertThat(((EmberException) catchThrowable(() -> parser.parseTableSchema("a INT DEFAULT 1"))).errorClass())
                .isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(parser.parseMultipartIdentifier("db.`my table`")).containsExactly("db", "my table");
        assertThat(parser.parseMultipartIdentifier("date")).containsExactly("date");
        for (String notAName : List.of("a + 1", "a AS b", "f(x).y", "a[0]", "a.*")) {
            EmberException e = (EmberException) catchThrowable(() -> parser.parseMultipartIdentifier(notAName));
            assertThat(e).as(notAName).isNotNull();
            assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        }
    }
}
