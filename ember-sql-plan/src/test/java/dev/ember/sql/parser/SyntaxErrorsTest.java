package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Statements the grammar must reject, and how it says so. */
class SyntaxErrorsTest {

    private static EmberException error(String sql) {
        EmberException e = catchThrowableOfType(EmberException.class, () -> SqlParsing.statement(sql));
        assertThat(e).as("rejected: %s", sql).isNotNull();
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(e.getMessage()).startsWith("[PARSE_SYNTAX_ERROR] ");
        return e;
    }

    @Test
    void missingExpressionAtTheEnd() {
        assertThat(error("SELECT a, b FROM t WHERE").detail())
                .isEqualTo(
                        """
                        Syntax error at end of input (line 1, column 25): expected expression
                        SELECT a, b FROM t WHERE
                                                ^""");
    }

    @Test
    void misspelledKeywordAfterAnAlias() {
        // FORM is read as the alias of a, so the error is at t, where only the end of the statement may come.
        assertThat(error("SELECT a FORM t").detail())
                .isEqualTo(
                        """
                        Syntax error at or near 't' (line 1, column 15): no valid continuation of the statement \
                        starts here
                        SELECT a FORM t
                                      ^""");
    }

    @Test
    void misspelledStatementKeywordListsAFewAndCountsTheRest() {
        String detail = error("SELEC * FROM t").detail();
        assertThat(detail)
                .startsWith("Syntax error at or near 'SELEC' (line 1, column 1): expected one of '(', ")
                .containsPattern("and \\d+ more\n")
                .endsWith("\nSELEC * FROM t\n^");
    }

    @Test
    void errorOnTheSecondLineShowsThatLine() {
        assertThat(error("SELECT a\nFROM t\nWHERE a = = 1").detail())
                .isEqualTo(
                        """
                        Syntax error at or near '=' (line 3, column 11): expected expression
                        WHERE a = = 1
                                  ^""");
    }

    @Test
    void windowsLineEndsAreNotShown() {
        assertThat(error("SELECT a\r\nFROM t ORDER a\r\nLIMIT 1").detail())
                .isEqualTo(
                        """
                        Syntax error at or near 'a' (line 2, column 14): expected BY
                        FROM t ORDER a
                                     ^""");
    }

    @Test
    void tabsAreKeptInTheCaretLine() {
        assertThat(error("SELECT\ta\tFROM\tt\tWHERE\t)").detail())
                .endsWith("\nSELECT\ta\tFROM\tt\tWHERE\t)\n      \t \t    \t \t     \t^");
    }

    @Test
    void unknownDataType() {
        assertThat(error("SELECT CAST(a AS INTEGR) FROM t").detail())
                .startsWith("Syntax error at or near 'INTEGR' (line 1, column 18): expected one of ARRAY, BIGINT, ")
                .endsWith("\nSELECT CAST(a AS INTEGR) FROM t\n                 ^");
    }

    @Test
    void unterminatedString() {
        assertThat(error("SELECT a FROM t\nWHERE x = 'abc").detail())
                .isEqualTo(
                        """
                        Unterminated string literal: the quote opened here is never closed (line 2, column 11)
                        WHERE x = 'abc
                                  ^""");
    }

    @Test
    void unterminatedStringEndingInABackslash() {
        assertThat(error("SELECT 'abc\\").detail()).startsWith("Unterminated string literal");
    }

    @Test
    void unterminatedComment() {
        assertThat(error("SELECT 1 /* no end").detail())
                .isEqualTo(
                        """
                        Unterminated comment: the '/*' here is never closed by '*/' (line 1, column 10)
                        SELECT 1 /* no end
                                 ^""");
    }

    @Test
    void unterminatedHint() {
        assertThat(error("SELECT /*+ BROADCAST(t) * FROM t").detail()).startsWith("Unterminated comment");
    }

    @Test
    void unterminatedQuotedIdentifier() {
        assertThat(error("SELECT `abc FROM t").detail())
                .startsWith(
                        "Unterminated quoted identifier: the backquote opened here is never closed (line 1, column 8)");
    }

    @Test
    void unrecognizedCharacter() {
        assertThat(error("SELECT a # b FROM t").detail())
                .isEqualTo(
                        """
                        Unrecognized character '#' (line 1, column 10)
                        SELECT a # b FROM t
                                 ^""");
    }

    @Test
    void emptyStatement() {
        assertThat(error("").detail()).startsWith("Syntax error at end of input (line 1, column 1): expected one of ");
        assertThat(error("  -- only a comment\n").detail())
                .startsWith("Syntax error at end of input (line 1, column 1)");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "SELECT FROM t                                  | 1 | 8",
                "SELECT a FROM                                  | 1 | 14",
                "SELECT a FROM t WHERE a = 1 GROUP a            | 1 | 35",
                "SELECT a FROM t LIMIT                          | 1 | 22",
                "SELECT a,, b FROM t                            | 1 | 10",
                "SELECT (1 + 2 FROM t                           | 1 | 15",
                "SELECT a FROM t JOIN u ON                      | 1 | 26",
                "SELECT a FROM t x y                            | 1 | 19",
                "SELECT CASE WHEN a THEN b FROM t               | 1 | 27",
                "SELECT CAST(a INT) FROM t                      | 1 | 15",
                "SELECT a FROM t UNION                          | 1 | 22",
                "SELECT * FROM t WHERE a IN ()                  | 1 | 25",
                "SELECT * FROM t WHERE a BETWEEN 1              | 1 | 34",
                "SELECT a AS select FROM t                      | 1 | 13",
                "SELECT from FROM t                             | 1 | 8",
                "SELECT 1 UNION ALL ALL SELECT 2                | 1 | 20",
                "SELECT count(DISTINCT) FROM t                  | 1 | 22",
                "SELECT sum(x) OVER (ROWS BETWEEN 1 AND 2) FROM t | 1 | 36",
                "CREATE TEMPORARY VIEW v                        | 1 | 24",
                "CREATE VIEW v USING parquet                    | 1 | 15",
                "DROP VIEW                                      | 1 | 10",
                "SHOW TABLE                                     | 1 | 6",
                "DESCRIBE FUNCTION f g                          | 1 | 21",
                "CACHE TABLE                                    | 1 | 12",
                "UNCACHE t                                      | 1 | 9",
                "CLEAR                                          | 1 | 6",
                "SELECT CAST(x AS ARRAY<INT) FROM t             | 1 | 27",
                "SELECT CAST(x AS MAP<INT>) FROM t              | 1 | 25",
                "SELECT CAST(x AS DECIMAL(10,)) FROM t          | 1 | 29",
                "SELECT INTERVAL 3 FROM t                       | 1 | 19",
                "INSERT INTO t                                  | 1 | 14",
                "SELECT 1; SELECT 2                             | 1 | 11",
                "SELECT t.*.* FROM t                            | 1 | 12",
            })
    void rejectedAt(String sql, int line, int column) {
        String detail = error(sql).detail();
        assertThat(detail).contains("(line " + line + ", column " + column + ")");
        List<String> lines = detail.lines().toList();
        assertThat(lines.get(lines.size() - 2)).isEqualTo(sql.lines().toList().get(line - 1));
        assertThat(lines.get(lines.size() - 1)).isEqualTo(" ".repeat(column - 1) + "^");
    }

    @Test
    void aVeryLongLineIsShownAroundTheError() {
        String sql = "SELECT " + "a + ".repeat(200) + "FROM t";
        String detail = error(sql).detail();
        List<String> lines = detail.lines().toList();
        String shown = lines.get(1);
        assertThat(shown).startsWith("...").endsWith("FROM t").hasSizeLessThan(130);
        assertThat(shown.charAt(lines.get(2).length() - 1)).isEqualTo('F');
        assertThat(detail).startsWith("Syntax error at or near 'FROM' (line 1, column 808)");
    }

    @Test
    void syntaxErrorHelperReturnsTheMessageOrNothing() {
        assertThat(SqlParsing.syntaxError("SELECT 1")).isEmpty();
        assertThat(SqlParsing.syntaxError("SELECT 1 +"))
                .hasValueSatisfying(m -> assertThat(m).startsWith("Syntax error at end of input (line 1, column 11)"));
    }

    @Test
    void trailingInputAfterAnExpressionOrTypeIsAnError() {
        assertThatThrownBy(() -> SqlParsing.expression("a + 1 b c")).isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> SqlParsing.dataType("INT INT")).isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> SqlParsing.dataType("ARRAY<>")).isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> SqlParsing.tableSchema("a INT,")).isInstanceOf(EmberException.class);
        assertThatThrownBy(() -> SqlParsing.tableSchema("a")).isInstanceOf(EmberException.class);
    }
}
