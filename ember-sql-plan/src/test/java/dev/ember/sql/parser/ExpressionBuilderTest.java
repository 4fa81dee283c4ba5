package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.Cast;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.LambdaFunction;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.Not;
import dev.ember.sql.expressions.Subscript;
import dev.ember.sql.expressions.UnaryMinus;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedField;
import dev.ember.sql.expressions.UnresolvedFunction;
import dev.ember.sql.expressions.UnresolvedNamedLambdaVariable;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.expressions.UnresolvedWindowReference;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.types.DataTypes;
import dev.ember.sql.types.DecimalType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expressions: operators and their precedence, predicates, special forms, functions, names and lambdas. */
class ExpressionBuilderTest {
    private final SqlParser parser = new SqlParser();

    private Expression expr(String text) {
        return parser.parseExpression(text);
    }

    private String sql(String text) {
        return expr(text).sql();
    }

    private EmberException error(String text) {
        return (EmberException) catchThrowable(() -> parser.parseExpression(text));
    }

    @Test
    void precedenceIsCarriedIntoTheTree() {
        assertThat(sql("a + b * c - d / e % f")).isEqualTo("((a + (b * c)) - ((d / e) % f))");
        assertThat(sql("a OR b AND NOT c")).isEqualTo("(a OR (b AND (NOT c)))");
        assertThat(sql("a = 1 OR b < 2 AND c >= 3")).isEqualTo("((a = 1) OR ((b < 2) AND (c >= 3)))");
        assertThat(sql("a | b ^ c & d")).isEqualTo("bitwise_or(a, bitwise_xor(b, bitwise_and(c, d)))");
        assertThat(sql("a + 1 = b || 'x'")).isEqualTo("((a + 1) = concat(b, 'x'))");
        assertThat(sql("-a * b"))
                .isEqualTo(new Arithmetic(
                                Arithmetic.Op.MULTIPLY,
                                new UnaryMinus(UnresolvedAttribute.of("a")),
                                UnresolvedAttribute.of("b"))
                        .sql());
        assertThat(sql("a BETWEEN 1 AND 2 AND c")).isEqualTo("(((a >= 1) AND (a <= 2)) AND c)");
        assertThat(sql("x::INT + 1")).isEqualTo("(CAST(x AS INT) + 1)");
    }

    @Test
    void operatorsMapToTheirClasses() {
        assertThat(expr("a DIV 2"))
                .isEqualTo(new Arithmetic(Arithmetic.Op.INTEGRAL_DIVIDE, UnresolvedAttribute.of("a"), Literal.of(2)));
        assertThat(((Comparison) expr("a == b")).op()).isEqualTo(Comparison.Op.EQUAL);
        assertThat(((Comparison) expr("a != b")).op()).isEqualTo(Comparison.Op.NOT_EQUAL);
        assertThat(((Comparison) expr("a <> b")).op()).isEqualTo(Comparison.Op.NOT_EQUAL);
        assertThat(((Comparison) expr("a <=> b")).op()).isEqualTo(Comparison.Op.NULL_SAFE_EQUAL);
        assertThat(expr("!a")).isEqualTo(new Not(UnresolvedAttribute.of("a")));
        assertThat(sql("~a")).isEqualTo("bitwise_not(a)");
        assertThat(sql("+a")).isEqualTo("positive(a)");
        assertThat(sql("a || b || c")).isEqualTo("concat(a, b, c)");
    }

    @Test
    void minusFoldsIntoNumericLiterals() {
        assertThat(expr("-2147483648")).isEqualTo(Literal.of(Integer.MIN_VALUE));
        assertThat(expr("2147483648")).isEqualTo(Literal.of(2147483648L));
        assertThat(expr("-128Y")).isEqualTo(Literal.of((byte) -128));
        assertThat(expr("-1.5")).isEqualTo(Literal.of(new java.math.BigDecimal("-1.5")));
        assertThat(expr("-(-1)")).isEqualTo(new UnaryMinus(Literal.of(-1)));
        assertThat(expr("1 - -1")).isEqualTo(new Arithmetic(Arithmetic.Op.SUBTRACT, Literal.of(1), Literal.of(-1)));
    }

    @Test
    void predicates() {
        assertThat(sql("a NOT BETWEEN 1 AND 2")).isEqualTo("(NOT ((a >= 1) AND (a <= 2)))");
        assertThat(sql("a IN (1, 2)")).isEqualTo("(a IN (1, 2))");
        assertThat(sql("a NOT IN (1)")).isEqualTo("(NOT (a IN (1)))");
        assertThat(sql("s LIKE 'a%'")).isEqualTo("like(s, 'a%')");
        assertThat(sql("s NOT ILIKE 'a%'")).isEqualTo("(NOT ilike(s, 'a%'))");
        assertThat(sql("s LIKE 'a!%' ESCAPE '!'")).isEqualTo("like(s, 'a!%', '!')");
        assertThat(sql("s RLIKE 'x' OR s REGEXP 'y'")).isEqualTo("(rlike(s, 'x') OR rlike(s, 'y'))");
        assertThat(sql("s LIKE ANY ('a', 'b', 'c')")).isEqualTo("((like(s, 'a') OR like(s, 'b')) OR like(s, 'c'))");
        assertThat(sql("s NOT LIKE ALL ('a', 'b')")).isEqualTo("((NOT like(s, 'a')) AND (NOT like(s, 'b')))");
        assertThat(sql("s ILIKE SOME ('a')")).isEqualTo("ilike(s, 'a')");
        assertThat(sql("a IS NULL AND b IS NOT NULL"))
                .isEqualTo(new dev.ember.sql.expressions.And(
                                new dev.ember.sql.expressions.IsNull(UnresolvedAttribute.of("a")),
                                new dev.ember.sql.expressions.IsNotNull(UnresolvedAttribute.of("b")))
                        .sql());
        assertThat(expr("a IS TRUE"))
                .isEqualTo(new Comparison(Comparison.Op.NULL_SAFE_EQUAL, UnresolvedAttribute.of("a"), Literal.TRUE));
        assertThat(expr("a IS NOT FALSE"))
                .isEqualTo(new Not(
                        new Comparison(Comparison.Op.NULL_SAFE_EQUAL, UnresolvedAttribute.of("a"), Literal.FALSE)));
        assertThat(expr("a IS UNKNOWN")).isEqualTo(new dev.ember.sql.expressions.IsNull(UnresolvedAttribute.of("a")));
        assertThat(sql("a IS DISTINCT FROM b")).isEqualTo("(NOT (a <=> b))");
        assertThat(sql("a IS NOT DISTINCT FROM b")).isEqualTo("(a <=> b)");
        assertThat(error("s RLIKE 'a' ESCAPE '!'").detail()).contains("ESCAPE goes with LIKE");
        assertThat(error("s LIKE 'a' ESCAPE '!!'").detail()).contains("one character");
    }

    @Test
    void specialForms() {
        assertThat(sql("CASE WHEN a > 1 THEN 'x' ELSE 'y' END")).isEqualTo("CASE WHEN (a > 1) THEN 'x' ELSE 'y' END");
        assertThat(sql("CASE a WHEN 1 THEN 'x' END")).isEqualTo("CASE WHEN (a = 1) THEN 'x' END");
        assertThat(expr("TRY_CAST(a AS DECIMAL(5, 2))"))
                .isEqualTo(new Cast(UnresolvedAttribute.of("a"), new DecimalType(5, 2), true, "UTC"));
        assertThat(expr("CAST(a AS STRING)"))
                .isEqualTo(new Cast(UnresolvedAttribute.of("a"), DataTypes.StringType, false, "UTC"));
        assertThat(sql("EXTRACT(YEAR FROM d)")).isEqualTo("extract('YEAR', d)");
        assertThat(sql("SUBSTRING(s FROM 2 FOR 3)")).isEqualTo("substring(s, 2, 3)");
        assertThat(sql("SUBSTR(s FROM 2)")).isEqualTo("substring(s, 2)");
        assertThat(sql("TRIM(BOTH FROM s)")).isEqualTo("trim(s)");
        assertThat(sql("TRIM('x' FROM s)")).isEqualTo("trim(s, 'x')");
        assertThat(sql("TRIM(LEADING 'x' FROM s)")).isEqualTo("trim_leading(s, 'x')");
        assertThat(sql("TRIM(TRAILING FROM s)")).isEqualTo("trim_trailing(s)");
        assertThat(sql("POSITION('a' IN s)")).isEqualTo("locate('a', s)");
        assertThat(expr("current_date")).isEqualTo(UnresolvedFunction.of("current_date"));
        assertThat(expr("CURRENT_TIMESTAMP()")).isEqualTo(UnresolvedFunction.of("current_timestamp"));
        assertThat(sql("(1, a AS x)")).isEqualTo("struct(1, a AS x)");
    }

    @Test
    void functionCalls() {
        assertThat(expr("count(*)")).isEqualTo(UnresolvedFunction.of("count", new UnresolvedStar(List.of())));
        UnresolvedFunction count = (UnresolvedFunction) expr("count(DISTINCT a, b) FILTER (WHERE c > 0)");
        assertThat(count.distinct()).isTrue();
        assertThat(count.arguments()).hasSize(2);
        assertThat(count.filter().sql()).isEqualTo("(c > 0)");
        assertThat(((UnresolvedFunction) expr("sum(ALL a)")).distinct()).isFalse();
        assertThat(expr("db.my_udf(a)")).isEqualTo(UnresolvedFunction.of("db.my_udf", UnresolvedAttribute.of("a")));
        assertThat(expr("first(a) IGNORE NULLS"))
                .isEqualTo(UnresolvedFunction.of("first", UnresolvedAttribute.of("a"), Literal.TRUE));
        assertThat(expr("last(a) RESPECT NULLS")).isEqualTo(UnresolvedFunction.of("last", UnresolvedAttribute.of("a")));
        WindowExpression window = (WindowExpression) expr("last_value(a) IGNORE NULLS OVER w");
        assertThat(window.function())
                .isEqualTo(UnresolvedFunction.of("last_value", UnresolvedAttribute.of("a"), Literal.TRUE));
        assertThat(window.window()).isEqualTo(new UnresolvedWindowReference("w"));
        EmberException ignore = error("sum(a) IGNORE NULLS");
        assertThat(ignore.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(ignore.detail()).startsWith("IGNORE NULLS for sum");
        assertThat(error("sum(x) WITHIN GROUP (ORDER BY x)").detail())
                .isEqualTo("WITHIN GROUP (ORDER BY ...) of sum is not supported yet (line 1, column 1)");
        assertThat(SqlParser.get().parseExpression("percentile_cont(0.25) WITHIN GROUP (ORDER BY x DESC)"))
                .as("descending: the percentile of 1 - p")
                .isEqualTo(UnresolvedFunction.of(
                        "percentile",
                        UnresolvedAttribute.of("x"),
                        new Arithmetic(
                                Arithmetic.Op.SUBTRACT, Literal.of(1), Literal.of(new java.math.BigDecimal("0.25")))));
    }

    @Test
    void namesFieldsAndSubscripts() {
        assertThat(expr("a.b.c")).isEqualTo(UnresolvedAttribute.of("a", "b", "c"));
        assertThat(expr("`a.b`.`c`")).isEqualTo(UnresolvedAttribute.of("a.b", "c"));
        assertThat(expr("(a).b")).isEqualTo(UnresolvedAttribute.of("a", "b"));
        assertThat(expr("a[0].f"))
                .isEqualTo(new UnresolvedField(new Subscript(UnresolvedAttribute.of("a"), Literal.of(0)), "f"));
        assertThat(expr("m['k'][1]"))
                .isEqualTo(new Subscript(new Subscript(UnresolvedAttribute.of("m"), Literal.of("k")), Literal.of(1)));
        assertThat(expr("f(x).y"))
                .isEqualTo(new UnresolvedField(UnresolvedFunction.of("f", UnresolvedAttribute.of("x")), "y"));
        assertThat(expr("t.*")).isEqualTo(new UnresolvedStar(List.of("t")));
        EmberException star = error("a.*.b");
        assertThat(star.errorClass()).isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(star.detail()).contains("(line 1, column 5)");
    }

    @Test
    void lambdasBindTheirParameters() {
        UnresolvedFunction transform = (UnresolvedFunction) expr("transform(arr, x -> x.f + y)");
        LambdaFunction lambda = (LambdaFunction) transform.arguments().get(1);
        assertThat(lambda.parameterNames()).containsExactly("x");
        assertThat(lambda.body())
                .isEqualTo(new Arithmetic(
                        Arithmetic.Op.ADD,
                        new UnresolvedField(new UnresolvedNamedLambdaVariable("x"), "f"),
                        UnresolvedAttribute.of("y")));
        LambdaFunction two = (LambdaFunction) ((UnresolvedFunction) expr("aggregate(a, 0, (acc, X) -> acc + x)"))
                .arguments()
                .get(2);
        assertThat(two.parameterNames()).containsExactly("acc", "X");
        assertThat(two.body().children()).allMatch(c -> c instanceof UnresolvedNamedLambdaVariable);
        assertThat(error("transform(a, (x, x) -> x)").detail()).contains("given twice");
    }

    @Test
    void expressionsWithAnAliasAreAliases() {
        assertThat(expr("a + 1 AS b"))
                .isInstanceOfSatisfying(Alias.class, a -> assertThat(a.name()).isEqualTo("b"));
        assertThat(expr("a + 1")).isInstanceOf(Arithmetic.class);
    }
}
