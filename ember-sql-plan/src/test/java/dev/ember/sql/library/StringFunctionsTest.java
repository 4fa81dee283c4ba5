package dev.ember.sql.library;

import static dev.ember.sql.library.F.call;
import static dev.ember.sql.library.F.error;
import static dev.ember.sql.library.F.eval;
import static dev.ember.sql.library.F.nul;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.types.DataTypes;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class StringFunctionsTest {
    @Test
    void substrFollowsSparkPositions() {
        assertThat(eval("substr", "Spark SQL", 5)).isEqualTo("k SQL");
        assertThat(eval("substr", "Spark SQL", -3)).isEqualTo("SQL");
        assertThat(eval("substr", "Spark SQL", 5, 1)).isEqualTo("k");
        assertThat(eval("substring", "Spark SQL", 0, 3)).isEqualTo("Spa");
        assertThat(eval("substr", "Spark SQL", 1, 3)).isEqualTo("Spa");
        assertThat(eval("substr", "Spark", -7, 4)).isEqualTo("Sp");
        assertThat(eval("substr", "Spark SQL", -20, 3)).isEqualTo("");
        assertThat(eval("substr", "abc", 2, -1)).isEqualTo("");
        assertThat(eval("substr", "abc", 10)).isEqualTo("");
        assertThat(eval("substr", "a😀b", 2, 1)).isEqualTo("😀");
        assertThat(eval("substr", nul(DataTypes.StringType), 1)).isNull();
        assertThat(eval("substr", "abc", nul(DataTypes.IntegerType))).isNull();
        assertThat(eval("substr", "hello", "2")).isEqualTo("ello");
        assertThat(call("substr", "Spark", 2).dataType()).isEqualTo(DataTypes.StringType);
        assertThat((byte[]) eval("substr", "Spark".getBytes(StandardCharsets.UTF_8), 2, 3))
                .isEqualTo("par".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void leftRightAndLengths() {
        assertThat(eval("left", "Spark SQL", 3)).isEqualTo("Spa");
        assertThat(eval("left", "Spark SQL", -1)).isEqualTo("");
        assertThat(eval("right", "Spark SQL", 3)).isEqualTo("SQL");
        assertThat(eval("right", "Spark", 10)).isEqualTo("Spark");
        assertThat(eval("length", "Spark SQL ")).isEqualTo(10);
        assertThat(eval("char_length", "😀")).isEqualTo(1);
        assertThat(eval("octet_length", "😀")).isEqualTo(4);
        assertThat(eval("bit_length", "Spark")).isEqualTo(40);
        assertThat(eval("length", new byte[] {1, 2, 3})).isEqualTo(3);
        assertThat(eval("ascii", "222")).isEqualTo(50);
        assertThat(eval("ascii", "")).isEqualTo(0);
        assertThat(eval("chr", 65)).isEqualTo("A");
        assertThat(eval("char", 321)).isEqualTo("A");
        assertThat(eval("chr", -1)).isEqualTo("");
    }

    @Test
    void locateInstrAndPosition() {
        assertThat(eval("locate", "bar", "foobarbar")).isEqualTo(4);
        assertThat(eval("locate", "bar", "foobarbar", 5)).isEqualTo(7);
        assertThat(eval("position", "bar", "foobarbar", 0)).isEqualTo(0);
        assertThat(eval("locate", "bar", "foobarbar", nul(DataTypes.IntegerType)))
                .isEqualTo(0);
        assertThat(eval("locate", nul(DataTypes.StringType), "foobarbar")).isNull();
        assertThat(eval("locate", "x", "foobarbar")).isEqualTo(0);
        assertThat(eval("instr", "SparkSQL", "SQL")).isEqualTo(6);
        assertThat(eval("instr", "😀SQL", "SQL")).isEqualTo(2);
    }

    @Test
    void caseAndPadding() {
        assertThat(eval("upper", "SparkSql")).isEqualTo("SPARKSQL");
        assertThat(eval("ucase", "i")).isEqualTo("I");
        assertThat(eval("lower", "SparkSql")).isEqualTo("sparksql");
        assertThat(eval("lcase", "ABC")).isEqualTo("abc");
        assertThat(eval("upper", 123)).isEqualTo("123");
        assertThat(eval("initcap", "sPark sql")).isEqualTo("Spark Sql");
        assertThat(eval("lpad", "hi", 5, "??")).isEqualTo("???hi");
        assertThat(eval("lpad", "hi", 1, "??")).isEqualTo("h");
        assertThat(eval("lpad", "hi", 5)).isEqualTo("   hi");
        assertThat(eval("rpad", "hi", 5, "??")).isEqualTo("hi???");
        assertThat(eval("rpad", "hi", 6, "ab")).isEqualTo("hiabab");
        assertThat(eval("rpad", "hi", -1, "ab")).isEqualTo("");
    }

    @Test
    void trimming() {
        assertThat(eval("trim", "  a b  ")).isEqualTo("a b");
        assertThat(eval("trim", "xxaxx", "x")).isEqualTo("a");
        assertThat(eval("btrim", "yxaxy", "xy")).isEqualTo("a");
        assertThat(eval("ltrim", "  a ")).isEqualTo("a ");
        assertThat(eval("rtrim", "  a ")).isEqualTo("  a");
        assertThat(eval("trim_leading", "xxaxx", "x")).isEqualTo("axx");
        assertThat(eval("trim_trailing", "xxaxx", "x")).isEqualTo("xxa");
        assertThat(eval("trim", "\ta\t")).isEqualTo("\ta\t");
    }

    @Test
    void concatenation() {
        assertThat(eval("concat", "Spark", "SQL")).isEqualTo("SparkSQL");
        assertThat(eval("concat", "a", nul(DataTypes.StringType))).isNull();
        assertThat(eval("concat", "a", 1)).isEqualTo("a1");
        assertThat(eval("concat")).isEqualTo("");
        assertThat(eval("concat_ws", ",", "a", nul(DataTypes.StringType), call("array", "b", "c")))
                .isEqualTo("a,b,c");
        assertThat(eval("concat_ws", nul(DataTypes.StringType), "a")).isNull();
        assertThat(eval("concat_ws", "-")).isEqualTo("");
        assertThat((byte[]) eval("concat", new byte[] {1}, new byte[] {2, 3})).containsExactly(1, 2, 3);
    }

    @Test
    void regularExpressions() {
        assertThat(eval("regexp_extract", "100-200", "(\\d+)-(\\d+)", 1)).isEqualTo("100");
        assertThat(eval("regexp_extract", "100-200", "(\\d+)-(\\d+)")).isEqualTo("100");
        assertThat(eval("regexp_extract", "100-200", "(\\d+)-(\\d+)", 0)).isEqualTo("100-200");
        assertThat(eval("regexp_extract", "foo", "(\\d+)", 1)).isEqualTo("");
        assertThat(error(() -> eval("regexp_extract", "100-200", "(\\d+)", 3)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(eval("regexp_extract_all", "100-200, 300-400", "(\\d+)-(\\d+)", 1))
                .isEqualTo(List.of("100", "300"));
        assertThat(eval("regexp_replace", "100-200", "(\\d+)", "num")).isEqualTo("num-num");
        assertThat(eval("regexp_replace", "100-200", "(\\d+)", "num", 4)).isEqualTo("100-num");
        assertThat(eval("regexp_replace", "a1b2", "(\\d)", "<$1>")).isEqualTo("a<1>b<2>");
        assertThat(eval("rlike", "abc", "b")).isEqualTo(true);
        assertThat(eval("regexp_like", "abc", "^b")).isEqualTo(false);
        assertThat(eval("regexp", "abc", "^a")).isEqualTo(true);
        assertThat(error(() -> call("rlike", "a", "(")).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        // A pattern that is not constant is compiled per row.
        Expression column = new dev.ember.sql.expressions.BoundReference(0, DataTypes.StringType, true);
        Expression matches = call("rlike", "abc", column);
        assertThat(matches.eval(InternalRow.of("c$"))).isEqualTo(true);
        assertThat(matches.eval(InternalRow.of("^c"))).isEqualTo(false);
        assertThat(matches.eval(InternalRow.of((Object) null))).isNull();
    }

    @Test
    void splitting() {
        assertThat(eval("split", "oneAtwoBthreeC", "[ABC]")).isEqualTo(List.of("one", "two", "three", ""));
        assertThat(eval("split", "oneAtwoBthreeC", "[ABC]", 2)).isEqualTo(List.of("one", "twoBthreeC"));
        assertThat(eval("split", "oneAtwoBthreeC", "[ABC]", -1)).isEqualTo(List.of("one", "two", "three", ""));
        assertThat(eval("split", "", ",")).isEqualTo(List.of(""));
        assertThat(eval("split_part", "11.12.13", ".", 3)).isEqualTo("13");
        assertThat(eval("split_part", "11.12.13", ".", -1)).isEqualTo("13");
        assertThat(eval("split_part", "11.12.13", ".", 5)).isEqualTo("");
        assertThat(eval("split_part", "11.12.13", "", 1)).isEqualTo("11.12.13");
        assertThat(error(() -> eval("split_part", "11.12.13", ".", 0)).errorClass())
                .isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(eval("substring_index", "www.apache.org", ".", 2)).isEqualTo("www.apache");
        assertThat(eval("substring_index", "www.apache.org", ".", -2)).isEqualTo("apache.org");
        assertThat(eval("substring_index", "www.apache.org", ".", 0)).isEqualTo("");
        assertThat(eval("substring_index", "www.apache.org", ".", 5)).isEqualTo("www.apache.org");
    }

    @Test
    void replacingAndTranslating() {
        assertThat(eval("replace", "ABCabc", "abc", "DEF")).isEqualTo("ABCDEF");
        assertThat(eval("replace", "ABCabc", "abc")).isEqualTo("ABC");
        assertThat(eval("replace", "ABC", "", "x")).isEqualTo("ABC");
        assertThat(eval("translate", "AaBbCc", "abc", "123")).isEqualTo("A1B2C3");
        assertThat(eval("translate", "abc", "ab", "x")).isEqualTo("xc");
        assertThat(eval("overlay", "Spark SQL", "_", 6)).isEqualTo("Spark_SQL");
        assertThat(eval("overlay", "Spark SQL", "CORE", 7)).isEqualTo("Spark CORE");
        assertThat(eval("overlay", "Spark SQL", "ANSI ", 7, 0)).isEqualTo("Spark ANSI SQL");
        assertThat(eval("overlay", "Spark SQL", "tructured", 2, 4)).isEqualTo("Structured SQL");
        assertThat(eval("repeat", "123", 2)).isEqualTo("123123");
        assertThat(eval("repeat", "123", -2)).isEqualTo("");
        assertThat(eval("reverse", "Spark SQL")).isEqualTo("LQS krapS");
        assertThat(eval("space", 2)).isEqualTo("  ");
    }

    @Test
    void predicates() {
        assertThat(eval("contains", "Spark SQL", "Spark")).isEqualTo(true);
        assertThat(eval("contains", "Spark SQL", "spark")).isEqualTo(false);
        assertThat(eval("startswith", "Spark SQL", "Spark")).isEqualTo(true);
        assertThat(eval("endswith", "Spark SQL", "Spark")).isEqualTo(false);
        assertThat(eval("endswith", nul(DataTypes.StringType), "a")).isNull();
    }

    @Test
    void likePatternsOfTextAndPercentSignsMatchAsTheirRegexDoes() {
        // Every pattern of up to 5 of 'a', 'b', '%' against every string of up to 6 of 'a', 'b' (with a 'é' too).
        java.util.List<String> patterns = words("ab%", 5);
        java.util.List<String> strings = words("abé", 6);
        int literal = 0;
        for (String pattern : patterns) {
            Text.LiteralLike matcher = Text.LiteralLike.of(pattern, '\\', false);
            assertThat(matcher).as(pattern).isNotNull();
            literal++;
            java.util.regex.Pattern regex = Text.like(pattern, '\\', false, "test");
            for (String s : strings) {
                assertThat(matcher.matches(s))
                        .as("'%s' LIKE '%s'", s, pattern)
                        .isEqualTo(regex.matcher(s).matches());
            }
        }
        assertThat(literal).isGreaterThan(300);
        assertThat(Text.LiteralLike.of("a_b", '\\', false)).isNull();
        assertThat(Text.LiteralLike.of("a!%b", '!', false)).isNull();
        assertThat(Text.LiteralLike.of("a%b", '\\', true)).isNull();
        assertThat(eval("like", "a special pair of requests", "%special%requests%"))
                .isEqualTo(true);
        assertThat(eval("like", "requests, special", "%special%requests%")).isEqualTo(false);
    }

    /** Every word of up to {@code length} letters of {@code alphabet}, the empty one included. */
    private static java.util.List<String> words(String alphabet, int length) {
        java.util.List<String> words = new java.util.ArrayList<>(List.of(""));
        for (int i = 0, from = 0; i < length; i++) {
            int to = words.size();
            for (int w = from; w < to; w++) {
                for (char c : alphabet.toCharArray()) {
                    words.add(words.get(w) + c);
                }
            }
            from = to;
        }
        return words;
    }

    @Test
    void likeWithEscapes() {
        assertThat(eval("like", "Spark", "_park")).isEqualTo(true);
        assertThat(eval("like", "Spark", "S%k")).isEqualTo(true);
        assertThat(eval("like", "Spark", "s%")).isEqualTo(false);
        assertThat(eval("like", "a%b", "a\\%b")).isEqualTo(true);
        assertThat(eval("like", "axb", "a\\%b")).isEqualTo(false);
        assertThat(eval("like", "a_b", "a\\_b")).isEqualTo(true);
        assertThat(eval("like", "a\\b", "a\\\\b")).isEqualTo(true);
        assertThat(eval("like", "a/b", "a//b", "/")).isEqualTo(true);
        assertThat(eval("like", "a%b", "a/%b", "/")).isEqualTo(true);
        assertThat(eval("like", "a.b", "a.b")).isEqualTo(true);
        assertThat(eval("like", "axb", "a.b")).isEqualTo(false);
        assertThat(eval("like", "line\nbreak", "line%")).isEqualTo(true);
        assertThat(eval("ilike", "Spark", "_PARK")).isEqualTo(true);
        assertThat(error(() -> call("like", "ab", "a\\")).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
        assertThat(error(() -> call("like", "ab", "a\\b")).getMessage()).contains("may only precede");
        assertThat(error(() -> call("like", "ab", "a", "xy")).errorClass()).isEqualTo(ErrorClass.DATATYPE_MISMATCH);
    }

    @Test
    void digestsAndEncodings() {
        assertThat(eval("md5", "Spark")).isEqualTo("8cde774d6f7333752ed72cacddb05126");
        assertThat(eval("sha1", "Spark")).isEqualTo("85f5955f4b27a9a4c2aab6ffe5d7189fc298b92c");
        assertThat(eval("sha2", "Spark", 256))
                .isEqualTo("529bc3b07127ecb7e53a4dcf1991d9152c24537d919178022b2c42657f79a26b");
        assertThat(eval("sha2", "Spark", 0)).isEqualTo(eval("sha2", "Spark", 256));
        assertThat(eval("sha2", "Spark", 100)).isNull();
        assertThat(eval("crc32", "Spark")).isEqualTo(1557323817L);
        assertThat(eval("hex", 17)).isEqualTo("11");
        assertThat(eval("hex", -1L)).isEqualTo("FFFFFFFFFFFFFFFF");
        assertThat(eval("hex", "Spark SQL")).isEqualTo("537061726B2053514C");
        assertThat(new String((byte[]) eval("unhex", "537061726B2053514C"), StandardCharsets.UTF_8))
                .isEqualTo("Spark SQL");
        assertThat((byte[]) eval("unhex", "F")).containsExactly(15);
        assertThat(eval("unhex", "GG")).isNull();
        assertThat(eval("base64", "Spark SQL")).isEqualTo("U3BhcmsgU1FM");
        assertThat(new String((byte[]) eval("unbase64", "U3BhcmsgU1FM"), StandardCharsets.UTF_8))
                .isEqualTo("Spark SQL");
        assertThat(eval("soundex", "Miller")).isEqualTo("M460");
        assertThat(eval("soundex", "Robert")).isEqualTo("R163");
        assertThat(eval("soundex", "Ashcraft")).isEqualTo("A261");
        assertThat(eval("soundex", "Tymczak")).isEqualTo("T522");
        assertThat(eval("soundex", "1abc")).isEqualTo("1abc");
    }

    @Test
    void formatting() {
        assertThat(eval("format_number", 12332.123456, 4)).isEqualTo("12,332.1235");
        assertThat(eval("format_number", 12332.5, 0)).isEqualTo("12,332");
        assertThat(eval("format_number", 12332.123456, "##################.###"))
                .isEqualTo("12332.123");
        assertThat(eval("format_number", F.dec("1234567.891"), 2)).isEqualTo("1,234,567.89");
        assertThat(eval("format_number", 1, -1)).isNull();
        assertThat(eval("format_string", "Hello World %d %s", 100, "days")).isEqualTo("Hello World 100 days");
        assertThat(eval("printf", "%s and %s", "a", nul(DataTypes.StringType))).isEqualTo("a and null");
        assertThat(eval("format_string", "%.2f", 1.005)).isEqualTo("1.01");
        assertThat(error(() -> eval("format_string", "%d", "x")).errorClass()).isEqualTo(ErrorClass.INVALID_ARGUMENT);
    }

    @Test
    void uuidIsRandomAndNotFolded() {
        Expression uuid = call("uuid");
        assertThat(uuid.deterministic()).isFalse();
        assertThat(uuid.foldable()).isFalse();
        String first = (String) uuid.eval(InternalRow.EMPTY);
        String second = (String) uuid.eval(InternalRow.EMPTY);
        assertThat(first).hasSize(36).isNotEqualTo(second);
        assertThat(first.charAt(14)).isEqualTo('4');
    }

    @Test
    void argumentErrorsNameTheCall() {
        assertThat(error(() -> call("substr", "a")).getMessage())
                .isEqualTo("[UNRESOLVED_ROUTINE] The function substr takes 2 or 3 arguments, but 1 were given:"
                        + " substr('a')");
        assertThat(error(() -> call("upper", call("array", 1))).getMessage())
                .isEqualTo("[DATATYPE_MISMATCH] The argument 1 of upper(array(1)) must be STRING, but it is"
                        + " ARRAY<INT>");
        assertThat(error(() -> call("uuid", 1)).getMessage()).contains("takes no arguments");
        assertThat(error(() -> call("upper")).getMessage()).contains("takes 1 argument,");
        assertThat(error(() -> call("concat_ws")).getMessage()).contains("takes at least 1 argument");
        assertThat(error(() -> eval("substr", "abc", "x")).errorClass()).isEqualTo(ErrorClass.CAST_INVALID_INPUT);
    }
}
