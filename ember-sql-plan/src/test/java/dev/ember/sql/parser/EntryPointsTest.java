package dev.ember.sql.parser;

import static dev.ember.sql.parser.TreeShapes.find;
import static dev.ember.sql.parser.TreeShapes.findAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.parser.EmberSqlParser.ArrayDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.ColDefinitionContext;
import dev.ember.sql.parser.EmberSqlParser.ColumnReferenceContext;
import dev.ember.sql.parser.EmberSqlParser.MapDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.NamedExpressionContext;
import dev.ember.sql.parser.EmberSqlParser.PrimitiveDataTypeContext;
import dev.ember.sql.parser.EmberSqlParser.SetConfigurationContext;
import dev.ember.sql.parser.EmberSqlParser.StructDataTypeContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry points other than statements, keywords used as names, SET's raw text, and limits of size. */
class EntryPointsTest {

    @Test
    void keywordsAreColumnNames() {
        var tree = SqlParsing.statement("SELECT date, year, value, key, first, count FROM t");
        List<String> columns = findAll(tree, NamedExpressionContext.class).stream()
                .map(n -> find(n, ColumnReferenceContext.class).getText())
                .toList();
        assertThat(columns).containsExactly("date", "year", "value", "key", "first", "count");
        assertThat(findAll(tree, NamedExpressionContext.class)).allSatisfy(n -> {
            assertThat(n.alias).isNull();
            assertThat(n.implicitAlias).isNull();
        });
    }

    @Test
    void keywordsAreTableNamesAndAliases() {
        var tree = SqlParsing.statement("SELECT view.comment FROM table view JOIN options ON view.data = options.type");
        var table = find(tree, EmberSqlParser.TableNameContext.class);
        assertThat(table.name.getText()).isEqualTo("table");
        assertThat(table.tableAlias().implicitAlias.getText()).isEqualTo("view");
    }

    @Test
    void aJoinKeywordIsNotTakenForAnAlias() {
        var tree = SqlParsing.statement("SELECT * FROM a LEFT JOIN b ON a.x = b.x");
        var table = find(tree, EmberSqlParser.TableNameContext.class);
        assertThat(table.tableAlias().getChildCount()).isZero();
        assertThat(find(tree, EmberSqlParser.JoinTypeContext.class).getText()).isEqualTo("LEFT");
    }

    @Test
    void aliasWithoutAs() {
        var named = find(SqlParsing.statement("SELECT a + 1 total FROM t"), NamedExpressionContext.class);
        assertThat(named.implicitAlias.getText()).isEqualTo("total");
        assertThat(named.expression().getText()).isEqualTo("a+1");
    }

    @Test
    void singleExpressionWithAlias() {
        NamedExpressionContext named = SqlParsing.expression("upper(name) AS n").namedExpression();
        assertThat(named.alias.getText()).isEqualTo("n");
        assertThat(find(named, EmberSqlParser.FunctionCallContext.class)
                        .functionName()
                        .getText())
                .isEqualTo("upper");
    }

    @Test
    void dataTypes() {
        assertThat(SqlParsing.dataType("decimal(10, 2)").dataType())
                .isInstanceOfSatisfying(PrimitiveDataTypeContext.class, p -> {
                    assertThat(p.primitiveType().DECIMAL()).isNotNull();
                    assertThat(p.parameters).extracting(t -> t.getText()).containsExactly("10", "2");
                });
        MapDataTypeContext map = (MapDataTypeContext) SqlParsing.dataType("MAP<STRING, ARRAY<STRUCT<a: INT, b DATE>>>")
                .dataType();
        assertThat(map.key.getText()).isEqualTo("STRING");
        ArrayDataTypeContext array = (ArrayDataTypeContext) map.value;
        StructDataTypeContext struct = (StructDataTypeContext) array.element;
        assertThat(struct.structField()).extracting(f -> f.name.getText()).containsExactly("a", "b");
        assertThat(SqlParsing.dataType("STRUCT<>").dataType()).isInstanceOf(StructDataTypeContext.class);
        assertThat(SqlParsing.dataType("interval day to second").dataType())
                .isInstanceOf(EmberSqlParser.DayTimeIntervalDataTypeContext.class);
        assertThat(SqlParsing.dataType("INTERVAL YEAR").dataType())
                .isInstanceOf(EmberSqlParser.YearMonthIntervalDataTypeContext.class);
    }

    @Test
    void tableSchemaFromDdl() {
        List<ColDefinitionContext> columns = SqlParsing.tableSchema(
                        "a INT, b STRING NOT NULL COMMENT 'x', `c d` ARRAY<BIGINT>, date DATE")
                .colsDdl()
                .colDefinition();
        assertThat(columns).extracting(c -> c.name.getText()).containsExactly("a", "b", "`c d`", "date");
        assertThat(columns.get(1).NOT()).isNotNull();
        assertThat(columns.get(1).comment.getText()).isEqualTo("'x'");
        assertThat(columns.get(0).NOT()).isNull();
    }

    @Test
    void setKeepsKeyAndValueAsWritten() {
        SetConfigurationContext set = (SetConfigurationContext)
                SqlParsing.statement("SET spark.sql.x.y =  a b,c = d/e ;").statement();
        assertThat(SqlParsing.rawText(set.configKey())).isEqualTo("spark.sql.x.y");
        assertThat(SqlParsing.rawText(set.configValue())).isEqualTo("a b,c = d/e");

        SetConfigurationContext keyOnly = (SetConfigurationContext)
                SqlParsing.statement("SET spark.sql.shuffle.partitions").statement();
        assertThat(SqlParsing.rawText(keyOnly.configKey())).isEqualTo("spark.sql.shuffle.partitions");
        assertThat(keyOnly.EQ()).isNull();

        SetConfigurationContext bare =
                (SetConfigurationContext) SqlParsing.statement("SET").statement();
        assertThat(bare.configKey()).isNull();
    }

    @Test
    void hintsAreParsedAsAList() {
        var select = find(
                SqlParsing.statement("SELECT /*+ BROADCAST(u), REPARTITION(8, a) MERGE(v) */ * FROM t"),
                EmberSqlParser.SelectClauseContext.class);
        assertThat(select.hints).hasSize(1);
        assertThat(select.hints.get(0).hintStatements)
                .extracting(h -> h.hintName.getText())
                .containsExactly("BROADCAST", "REPARTITION", "MERGE");
        assertThat(select.hints.get(0).hintStatements.get(1).parameters).hasSize(2);
    }

    @Test
    void adjacentStringsAreOneLiteral() {
        var literal = find(SqlParsing.expression("'a' \"b\" 'c'"), EmberSqlParser.StringLitContext.class);
        assertThat(literal.STRING_LITERAL()).hasSize(3);
    }

    @Test
    void nestingUpToTheLimitParses() {
        int depth = SqlParsing.MAX_NESTING;
        assertThat(SqlParsing.expression("(".repeat(depth) + "1" + ")".repeat(depth)))
                .isNotNull();
    }

    @Test
    void deeperNestingIsRefusedWithThePlaceItGoesTooDeep() {
        String text = "(".repeat(2000) + "1" + ")".repeat(2000);
        EmberException e = catchThrowableOfType(EmberException.class, () -> SqlParsing.expression(text));
        assertThat(e.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(e.detail())
                .startsWith("The statement is too deeply nested to parse: more than 500 levels of parentheses and"
                        + " brackets (line 1, column 501)")
                .endsWith(" ".repeat(63) + "^");
    }

    @Test
    void deepRecursionWithoutParenthesesFailsClearly() {
        // Nothing stops NOT NOT NOT ... before the parser's recursion does: the overflow is reported, not thrown.
        for (String text : new String[] {"NOT ".repeat(50_000) + "a", "- ".repeat(50_000) + "a"}) {
            assertThatCode(() -> {
                        try {
                            SqlParsing.expression(text);
                        } catch (EmberException e) {
                            assertThat(e.detail()).startsWith("The statement is too deeply nested to parse");
                        }
                    })
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void veryLongInputParsesInLinearTime() {
        String sum = "SELECT " + "a + ".repeat(50_000) + "1 FROM t";
        StringBuilder inList = new StringBuilder("SELECT * FROM t WHERE x IN (0");
        for (int i = 1; i < 50_000; i++) {
            inList.append(", ").append(i);
        }
        inList.append(')');
        StringBuilder values = new StringBuilder("VALUES (0, 'a')");
        for (int i = 1; i < 20_000; i++) {
            values.append(", (").append(i).append(", 'a')");
        }
        // Quadratic work over these sizes would take minutes; linear work takes well under a second.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            SqlParsing.statement(sum);
            SqlParsing.statement(inList.toString());
            SqlParsing.statement(values.toString());
        });
    }
}
