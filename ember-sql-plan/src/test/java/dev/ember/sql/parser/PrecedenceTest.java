package dev.ember.sql.parser;

import static dev.ember.sql.parser.TreeShapes.find;
import static dev.ember.sql.parser.TreeShapes.shape;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.sql.parser.EmberSqlParser.ArithmeticBinaryContext;
import dev.ember.sql.parser.EmberSqlParser.ArithmeticUnaryContext;
import dev.ember.sql.parser.EmberSqlParser.BetweenContext;
import dev.ember.sql.parser.EmberSqlParser.ComparisonContext;
import dev.ember.sql.parser.EmberSqlParser.DereferenceContext;
import dev.ember.sql.parser.EmberSqlParser.LogicalBinaryContext;
import dev.ember.sql.parser.EmberSqlParser.LogicalNotContext;
import dev.ember.sql.parser.EmberSqlParser.PredicatedContext;
import dev.ember.sql.parser.EmberSqlParser.QueryTermContext;
import dev.ember.sql.parser.EmberSqlParser.SetOperationContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The grouping the grammar gives to operators, checked on the shape of the parse tree. */
class PrecedenceTest {

    private static ParseTree expr(String text) {
        return SqlParsing.expression(text).namedExpression().expression().booleanExpression();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiterString = "=>",
            value = {
                "a OR b AND c => (a OR (b AND c))",
                "a AND b OR c => ((a AND b) OR c)",
                "a OR b OR c => ((a OR b) OR c)",
                "NOT a = b => (NOT (a = b))",
                "NOT a AND b => ((NOT a) AND b)",
                "NOT NOT a => (NOT (NOT a))",
                "1 + 2 * 3 => (1 + (2 * 3))",
                "1 * 2 + 3 => ((1 * 2) + 3)",
                "1 - 2 - 3 => ((1 - 2) - 3)",
                "a / b % c DIV d => (((a / b) % c) DIV d)",
                "-a.b => (- (a . b))",
                "-a * b => ((- a) * b)",
                "- a[0] => (- (a [ 0 ]))",
                "a || b = c => ((a || b) = c)",
                "a + b || c => ((a + b) || c)",
                "a & b | c ^ d => ((a & b) | (c ^ d))",
                "a | b = c => ((a | b) = c)",
                "a + 1 < b * 2 => ((a + 1) < (b * 2))",
                "a BETWEEN 1 AND 2 AND c => ((a (BETWEEN 1 AND 2)) AND c)",
                "a NOT BETWEEN b + 1 AND c OR d => ((a (NOT BETWEEN (b + 1) AND c)) OR d)",
                "a = 1 IS NULL => ((a = 1) (IS NULL))",
                "a IN (1, 2) AND b => ((a (IN ( 1 , 2 ))) AND b)",
                "a LIKE 'x' || y => (a (LIKE ('x' || y)))",
                "NOT a IS NULL => (NOT (a (IS NULL)))",
                "x::INT + 1 => ((x :: INT) + 1)",
                "-x::INT => (- (x :: INT))",
                "a.b.c => ((a . b) . c)",
                "m['k'].f => ((m [ 'k' ]) . f)",
            })
    void expressionGrouping(String text, String expected) {
        assertThat(shape(expr(text.strip()))).isEqualTo(expected.strip());
    }

    @Test
    void orIsTheRootOfAOrBAndC() {
        LogicalBinaryContext or = (LogicalBinaryContext) expr("a OR b AND c");
        assertThat(or.operator.getType()).isEqualTo(EmberSqlLexer.OR);
        assertThat(or.right).isInstanceOf(LogicalBinaryContext.class);
        assertThat(((LogicalBinaryContext) or.right).operator.getType()).isEqualTo(EmberSqlLexer.AND);
    }

    @Test
    void notAppliesToTheWholeComparison() {
        LogicalNotContext not = (LogicalNotContext) expr("NOT a = b");
        PredicatedContext operand = (PredicatedContext) not.booleanExpression();
        assertThat(operand.valueExpression()).isInstanceOf(ComparisonContext.class);
    }

    @Test
    void multiplicationIsTheRightOperandOfAddition() {
        PredicatedContext predicated = (PredicatedContext) expr("1 + 2 * 3");
        ArithmeticBinaryContext plus = (ArithmeticBinaryContext) predicated.valueExpression();
        assertThat(plus.operator.getType()).isEqualTo(EmberSqlLexer.PLUS);
        assertThat(((ArithmeticBinaryContext) plus.right).operator.getType()).isEqualTo(EmberSqlLexer.ASTERISK);
    }

    @Test
    void unaryMinusAppliesToTheDereference() {
        PredicatedContext predicated = (PredicatedContext) expr("-a.b");
        ArithmeticUnaryContext minus = (ArithmeticUnaryContext) predicated.valueExpression();
        assertThat(find(minus.valueExpression(), DereferenceContext.class).getText())
                .isEqualTo("a.b");
    }

    @Test
    void betweenTakesOnlyItsOwnAnd() {
        LogicalBinaryContext and = (LogicalBinaryContext) expr("a BETWEEN 1 AND 2 AND c");
        BetweenContext between = (BetweenContext) ((PredicatedContext) and.left).predicate();
        assertThat(between.lower.getText()).isEqualTo("1");
        assertThat(between.upper.getText()).isEqualTo("2");
        assertThat(and.right.getText()).isEqualTo("c");
    }

    private static QueryTermContext queryTerm(String sql) {
        return find(SqlParsing.statement(sql), EmberSqlParser.QueryContext.class)
                .queryTerm();
    }

    @Test
    void intersectBindsTighterThanUnion() {
        SetOperationContext union = (SetOperationContext) queryTerm("SELECT x UNION SELECT y INTERSECT SELECT z");
        assertThat(union.operator.getType()).isEqualTo(EmberSqlLexer.UNION);
        assertThat(union.left.getText()).isEqualTo("SELECTx");
        SetOperationContext intersect = (SetOperationContext) union.right;
        assertThat(intersect.operator.getType()).isEqualTo(EmberSqlLexer.INTERSECT);
        assertThat(shape(queryTerm("SELECT x UNION SELECT y INTERSECT SELECT z")))
                .isEqualTo("((SELECT x) UNION ((SELECT y) INTERSECT (SELECT z)))");
    }

    @Test
    void intersectBindsTighterThanExceptOnEitherSide() {
        assertThat(shape(queryTerm("SELECT x INTERSECT SELECT y EXCEPT SELECT z")))
                .isEqualTo("(((SELECT x) INTERSECT (SELECT y)) EXCEPT (SELECT z))");
    }

    @Test
    void unionExceptAndMinusAssociateToTheLeft() {
        assertThat(shape(queryTerm("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3 MINUS SELECT 4")))
                .isEqualTo("((((SELECT 1) UNION ALL (SELECT 2)) EXCEPT (SELECT 3)) MINUS (SELECT 4))");
    }

    @Test
    void parenthesesOverrideSetOperatorPrecedence() {
        assertThat(shape(queryTerm("(SELECT x UNION SELECT y) INTERSECT SELECT z")))
                .isEqualTo("((( ((SELECT x) UNION (SELECT y)) )) INTERSECT (SELECT z))");
    }

    @Test
    void orderByAndLimitApplyToTheWholeSetOperation() {
        EmberSqlParser.QueryContext query = find(
                SqlParsing.statement("SELECT a FROM t UNION SELECT a FROM u ORDER BY a LIMIT 3"),
                EmberSqlParser.QueryContext.class);
        assertThat(query.queryTerm()).isInstanceOf(SetOperationContext.class);
        assertThat(query.queryOrganization().order).hasSize(1);
        assertThat(query.queryOrganization().limit.getText()).isEqualTo("3");
    }

    @Test
    void joinsAssociateToTheLeft() {
        EmberSqlParser.RelationContext relation = find(
                SqlParsing.statement("SELECT * FROM a JOIN b ON x LEFT JOIN c USING (y) CROSS JOIN d"),
                EmberSqlParser.RelationContext.class);
        assertThat(relation.relationPrimary().getText()).isEqualTo("a");
        assertThat(relation.joinRelation()).hasSize(3);
        assertThat(relation.joinRelation(1).getText()).isEqualTo("LEFTJOINcUSING(y)");
    }
}
