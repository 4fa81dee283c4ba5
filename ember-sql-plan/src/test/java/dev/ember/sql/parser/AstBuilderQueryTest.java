package dev.ember.sql.parser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.analysis.ColumnAliases;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Exists;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.InSubquery;
import dev.ember.sql.expressions.InternalRow;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ScalarSubquery;
import dev.ember.sql.expressions.UnresolvedAlias;
import dev.ember.sql.expressions.UnresolvedAttribute;
import dev.ember.sql.expressions.UnresolvedStar;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.GroupingSets;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plans of queries: clauses, relations, joins, grouping, set operations, CTEs, windows and subqueries. */
class AstBuilderQueryTest {
    private final SqlParser parser = new SqlParser();

    private String tree(String sql) {
        return PlanShapes.tree(parser.parsePlan(sql));
    }

    private static String lines(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    private EmberException error(String sql) {
        return (EmberException) org.assertj.core.api.Assertions.catchThrowable(() -> parser.parsePlan(sql));
    }

    @Test
    void clausesStackInSparksOrder() {
        assertThat(tree("SELECT a, b AS c FROM t WHERE a > 1 ORDER BY a DESC LIMIT 10 OFFSET 5"))
                .isEqualTo(lines(
                        "Limit(limit=10)",
                        "  Offset(offset=5)",
                        "    Sort(order=[a DESC NULLS LAST], global=true)",
                        "      Project(projectList=[a, b AS c])",
                        "        Filter(condition=(a > 1))",
                        "          UnresolvedRelation(nameParts=[t])"));
    }

    @Test
    void selectItemsKeepNamesWrapOthersAndAlias() {
        Project project = (Project) parser.parsePlan("SELECT a, t.b, *, t.*, a + 1, c AS d, e f FROM t");
        List<NamedExpression> items = project.projectList();
        assertThat(items.get(0)).isEqualTo(UnresolvedAttribute.of("a"));
        assertThat(items.get(1)).isEqualTo(UnresolvedAttribute.of("t", "b"));
        assertThat(items.get(2)).isEqualTo(new UnresolvedStar(List.of()));
        assertThat(items.get(3)).isEqualTo(new UnresolvedStar(List.of("t")));
        assertThat(items.get(4)).isInstanceOf(UnresolvedAlias.class);
        assertThat(items.get(5)).isInstanceOfSatisfying(Alias.class, a -> {
            assertThat(a.name()).isEqualTo("d");
            assertThat(a.child()).isEqualTo(UnresolvedAttribute.of("c"));
        });
        assertThat(((Alias) items.get(6)).name()).isEqualTo("f");
    }

    @Test
    void queryWithoutFromReadsOneEmptyRow() {
        Project project = (Project) parser.parsePlan("SELECT 1");
        assertThat(project.child()).isEqualTo(new LocalRelation(List.of(), List.of(InternalRow.of())));
    }

    @Test
    void groupByHavingDistinctSortBy() {
        assertThat(tree("SELECT DISTINCT a, sum(b) FROM t GROUP BY a HAVING sum(b) > 0 SORT BY a"))
                .isEqualTo(lines(
                        "Sort(order=[a ASC NULLS FIRST], global=false)",
                        "  Distinct()",
                        "    Filter(condition=(sum(b) > 0))",
                        "      Aggregate(groupingExpressions=[a], aggregateExpressions=[a, sum(b)])",
                        "        UnresolvedRelation(nameParts=[t])"));
    }

    @Test
    void havingWithoutGroupByIsAGlobalAggregate() {
        assertThat(tree("SELECT count(*) FROM t HAVING count(*) > 1"))
                .isEqualTo(lines(
                        "Filter(condition=(count(*) > 1))",
                        "  Aggregate(groupingExpressions=[], aggregateExpressions=[count(*)])",
                        "    UnresolvedRelation(nameParts=[t])"));
    }

    @Test
    void limitAllIsNoLimitAndLimitTakesConstantExpressions() {
        assertThat(tree("SELECT a FROM t LIMIT ALL")).startsWith("Project");
        assertThat(tree("SELECT a FROM t LIMIT 2 * 3")).startsWith("Limit(limit=6)");
        assertThat(error("SELECT a FROM t LIMIT a").errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(error("SELECT a FROM t LIMIT -1").detail()).contains("LIMIT must be from 0");
        assertThat(error("SELECT a FROM t ORDER BY a SORT BY a").detail())
                .contains("ORDER BY and SORT BY cannot be used together");
    }

    @Test
    void joinsAssociateLeftWithTheirKinds() {
        // The comma binds loosest: "b CROSS JOIN c LEFT JOIN d ..." is one relation, joined to a last.
        assertThat(tree("SELECT * FROM a, b CROSS JOIN c LEFT JOIN d ON b.x = d.x RIGHT OUTER JOIN e USING (x, y)"
                        + " FULL JOIN f ON true LEFT SEMI JOIN g ON true ANTI JOIN h ON true NATURAL LEFT JOIN i"))
                .isEqualTo(lines(
                        "Project(projectList=[*])",
                        "  Join(joinType=INNER, condition=null, usingColumns=[], natural=false, hint=no hint)",
                        "    UnresolvedRelation(nameParts=[a])",
                        "    Join(joinType=LEFT_OUTER, condition=null, usingColumns=[], natural=true, hint=no hint)",
                        "      Join(joinType=LEFT_ANTI, condition=true, usingColumns=[], natural=false, hint=no hint)",
                        "        Join(joinType=LEFT_SEMI, condition=true, usingColumns=[], natural=false, hint=no hint)",
                        "          Join(joinType=FULL_OUTER, condition=true, usingColumns=[], natural=false, hint=no hint)",
                        "            Join(joinType=RIGHT_OUTER, condition=null, usingColumns=[x, y], natural=false,"
                                + " hint=no hint)",
                        "              Join(joinType=LEFT_OUTER, condition=(b.x = d.x), usingColumns=[], natural=false,"
                                + " hint=no hint)",
                        "                Join(joinType=CROSS, condition=null, usingColumns=[], natural=false,"
                                + " hint=no hint)",
                        "                  UnresolvedRelation(nameParts=[b])",
                        "                  UnresolvedRelation(nameParts=[c])",
                        "                UnresolvedRelation(nameParts=[d])",
                        "              UnresolvedRelation(nameParts=[e])",
                        "            UnresolvedRelation(nameParts=[f])",
                        "          UnresolvedRelation(nameParts=[g])",
                        "        UnresolvedRelation(nameParts=[h])",
                        "      UnresolvedRelation(nameParts=[i])"));
        assertThat(tree("SELECT * FROM a JOIN b"))
                .contains("Join(joinType=INNER, condition=null, usingColumns=[], natural=false, hint=no hint)");
    }

    @Test
    void relationAliasesAndColumnAliases() {
        assertThat(tree("SELECT * FROM db.t AS x JOIN (SELECT 1) s(a) JOIN (SELECT 2) JOIN range(1, 5) r"))
                .isEqualTo(lines(
                        "Project(projectList=[*])",
                        "  Join(joinType=INNER, condition=null, usingColumns=[], natural=false, hint=no hint)",
                        "    Join(joinType=INNER, condition=null, usingColumns=[], natural=false, hint=no hint)",
                        "      Join(joinType=INNER, condition=null, usingColumns=[], natural=false, hint=no hint)",
                        "        SubqueryAlias(alias=x)",
                        "          UnresolvedRelation(nameParts=[db, t])",
                        "        SubqueryAlias(alias=s)",
                        "          ColumnAliases(relation=s, names=[a])",
                        "            Project(projectList=[1])",
                        "              LocalRelation(output=[], rows=[[]])",
                        "      SubqueryAlias(alias=__auto_generated_subquery_name)",
                        "        Project(projectList=[2])",
                        "          LocalRelation(output=[], rows=[[]])",
                        "    SubqueryAlias(alias=r)",
                        "      TableFunctionCall(name=range, arguments=[1, 5])"));
        LogicalPlan plan = parser.parsePlan("SELECT * FROM t AS x (a, b)");
        assertThat(plan.children().get(0).children().get(0)).isInstanceOf(ColumnAliases.class);
    }

    @Test
    void inlineTablesNameTheirColumns() {
        assertThat(tree("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS v(id, name)"))
                .isEqualTo(lines(
                        "Project(projectList=[*])",
                        "  SubqueryAlias(alias=v)",
                        "    InlineTable(columnNames=[id, name], rows=[[1, 'a'], [2, 'b']])"));
        assertThat(tree("VALUES 1, 2")).isEqualTo(lines("InlineTable(columnNames=[col1], rows=[[1], [2]])"));
    }

    @Test
    void lateralViewsApplyInOrderOverTheJoinedFrom() {
        assertThat(tree("SELECT * FROM t, u LATERAL VIEW OUTER explode(a) e AS x LATERAL VIEW posexplode(b) AS p, v"))
                .isEqualTo(lines(
                        "Project(projectList=[*])",
                        "  Generate(generator=posexplode(b), outer=false, qualifier=null, columnNames=[p, v])",
                        "    Generate(generator=explode(a), outer=true, qualifier=e, columnNames=[x])",
                        "      Join(joinType=INNER, condition=null, usingColumns=[], natural=false, hint=no hint)",
                        "        UnresolvedRelation(nameParts=[t])",
                        "        UnresolvedRelation(nameParts=[u])"));
    }

    @Test
    void hintsWrapTheQuerySpecificationFirstOutermost() {
        assertThat(tree("SELECT /*+ BROADCAST(u), REPARTITION(8, a) */ /*+ COALESCE(2) */ * FROM t ORDER BY a"))
                .isEqualTo(lines(
                        "Sort(order=[a ASC NULLS FIRST], global=true)",
                        "  UnresolvedHint(name=BROADCAST, parameters=[u])",
                        "    UnresolvedHint(name=REPARTITION, parameters=[8, a])",
                        "      UnresolvedHint(name=COALESCE, parameters=[2])",
                        "        Project(projectList=[*])",
                        "          UnresolvedRelation(nameParts=[t])"));
    }

    @Test
    void rollupCubeAndGroupingSets() {
        assertThat(sets("SELECT a FROM t GROUP BY ROLLUP(a, b)")).isEqualTo("[[a, b], [a], []]");
        assertThat(sets("SELECT a FROM t GROUP BY CUBE(a, b)")).isEqualTo("[[a, b], [a], [b], []]");
        assertThat(sets("SELECT a FROM t GROUP BY CUBE((a, b), c)")).isEqualTo("[[a, b, c], [a, b], [c], []]");
        assertThat(sets("SELECT a FROM t GROUP BY a, b WITH ROLLUP")).isEqualTo("[[a, b], [a], []]");
        assertThat(sets("SELECT a FROM t GROUP BY a, b WITH CUBE")).isEqualTo("[[a, b], [a], [b], []]");
        assertThat(sets("SELECT a FROM t GROUP BY GROUPING SETS ((a, b), (a), (), c)"))
                .isEqualTo("[[a, b], [a], [], [c]]");
        assertThat(sets("SELECT a FROM t GROUP BY a, ROLLUP(b, c)")).isEqualTo("[[a, b, c], [a, b], [a]]");
        assertThat(sets("SELECT a FROM t GROUP BY CUBE(a), ROLLUP(b)")).isEqualTo("[[a, b], [a], [b], []]");
        GroupingSets g = (GroupingSets)
                ((Filter) parser.parsePlan("SELECT a, grouping(a) FROM t GROUP BY a, ROLLUP(b, a) HAVING a > 0"))
                        .child();
        assertThat(PlanShapes.value(g.groupByExpressions())).isEqualTo("[a, b]");
        assertThat(PlanShapes.value(g.aggregations())).isEqualTo("[a, grouping(a)]");
        assertThat(error("SELECT a FROM t GROUP BY ROLLUP(a) WITH CUBE").detail())
                .contains("WITH CUBE cannot be combined");
    }

    private String sets(String sql) {
        return PlanShapes.value(((GroupingSets) parser.parsePlan(sql)).sets());
    }

    @Test
    void unionsFlattenByKindAndOtherSetOperationsNest() {
        assertThat(tree("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 UNION SELECT 4 UNION SELECT 5"))
                .isEqualTo(lines(
                        "Distinct()",
                        "  Union(byName=false, allowMissingColumns=false)",
                        "    Union(byName=false, allowMissingColumns=false)",
                        "      Project(projectList=[1])",
                        "        LocalRelation(output=[], rows=[[]])",
                        "      Project(projectList=[2])",
                        "        LocalRelation(output=[], rows=[[]])",
                        "      Project(projectList=[3])",
                        "        LocalRelation(output=[], rows=[[]])",
                        "    Project(projectList=[4])",
                        "      LocalRelation(output=[], rows=[[]])",
                        "    Project(projectList=[5])",
                        "      LocalRelation(output=[], rows=[[]])"));
        assertThat(tree("SELECT a FROM t INTERSECT ALL SELECT a FROM u MINUS SELECT a FROM v EXCEPT ALL SELECT 1"))
                .isEqualTo(lines(
                        "SetOperation(kind=EXCEPT, all=true)",
                        "  SetOperation(kind=EXCEPT, all=false)",
                        "    SetOperation(kind=INTERSECT, all=true)",
                        "      Project(projectList=[a])",
                        "        UnresolvedRelation(nameParts=[t])",
                        "      Project(projectList=[a])",
                        "        UnresolvedRelation(nameParts=[u])",
                        "    Project(projectList=[a])",
                        "      UnresolvedRelation(nameParts=[v])",
                        "  Project(projectList=[1])",
                        "    LocalRelation(output=[], rows=[[]])"));
    }

    @Test
    void orderAndLimitAfterASetOperationApplyToTheWhole() {
        assertThat(tree("SELECT a FROM t UNION ALL (SELECT a FROM u ORDER BY a LIMIT 1) ORDER BY a LIMIT 5"))
                .isEqualTo(lines(
                        "Limit(limit=5)",
                        "  Sort(order=[a ASC NULLS FIRST], global=true)",
                        "    Union(byName=false, allowMissingColumns=false)",
                        "      Project(projectList=[a])",
                        "        UnresolvedRelation(nameParts=[t])",
                        "      Limit(limit=1)",
                        "        Sort(order=[a ASC NULLS FIRST], global=true)",
                        "          Project(projectList=[a])",
                        "            UnresolvedRelation(nameParts=[u])"));
    }

    @Test
    void ctesWrapTheWholeQuery() {
        assertThat(tree("WITH x (a) AS (SELECT 1), y AS (SELECT a FROM x) SELECT * FROM y LIMIT 1"))
                .isEqualTo(lines(
                        "With(definitions=[Definition(name=x, columnNames=[a]), Definition(name=y, columnNames=[])])",
                        "  Project(projectList=[1])",
                        "    LocalRelation(output=[], rows=[[]])",
                        "  Project(projectList=[a])",
                        "    UnresolvedRelation(nameParts=[x])",
                        "  Limit(limit=1)",
                        "    Project(projectList=[*])",
                        "      UnresolvedRelation(nameParts=[y])"));
        dev.ember.sql.plans.logical.With with =
                (dev.ember.sql.plans.logical.With) parser.parsePlan("WITH x AS (SELECT a FROM t) SELECT * FROM x");
        assertThat(PlanShapes.tree(with.definitions().get(0).query()))
                .isEqualTo(lines("Project(projectList=[a])", "  UnresolvedRelation(nameParts=[t])"));
    }

    @Test
    void namedWindowsAreSubstituted() {
        Project project = (Project) parser.parsePlan(
                "SELECT rank() OVER w, sum(x) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 2 PRECEDING AND"
                        + " UNBOUNDED FOLLOWING) FROM t WINDOW w AS (PARTITION BY a ORDER BY b DESC)");
        WindowExpression first =
                (WindowExpression) ((UnresolvedAlias) project.projectList().get(0)).child();
        assertThat(first.window()).isInstanceOfSatisfying(WindowSpec.class, spec -> {
            assertThat(spec.partitionBy()).containsExactly(UnresolvedAttribute.of("a"));
            assertThat(spec.orderBy().get(0).ascending()).isFalse();
            assertThat(spec.frame()).isNull();
        });
        WindowExpression second =
                (WindowExpression) ((UnresolvedAlias) project.projectList().get(1)).child();
        WindowFrame frame = ((WindowSpec) second.window()).frame();
        assertThat(frame.type()).isEqualTo(WindowFrame.Type.ROWS);
        assertThat(frame.lower().kind()).isEqualTo(WindowFrame.BoundKind.PRECEDING);
        assertThat(frame.lower().offset().sql()).isEqualTo("2");
        assertThat(frame.upper()).isEqualTo(WindowFrame.Bound.UNBOUNDED_FOLLOWING);
        assertThat(second.sql())
                .isEqualTo("sum(x) OVER (PARTITION BY a ORDER BY b ASC NULLS FIRST ROWS BETWEEN 2 PRECEDING AND"
                        + " UNBOUNDED FOLLOWING)");

        EmberException unknown = error("SELECT rank() OVER v FROM t WINDOW w AS (ORDER BY a)");
        assertThat(unknown.errorClass()).isEqualTo(ErrorClass.INVALID_SQL);
        assertThat(unknown.detail()).contains("The window v is not defined");
        assertThat(error("SELECT rank() OVER w FROM t").detail()).contains("The window w is not defined");
    }

    @Test
    void singleBoundFramesEndAtTheCurrentRow() {
        Project project =
                (Project) parser.parsePlan("SELECT sum(x) OVER (ORDER BY c RANGE UNBOUNDED PRECEDING) FROM t");
        WindowExpression w =
                (WindowExpression) ((UnresolvedAlias) project.projectList().get(0)).child();
        assertThat(((WindowSpec) w.window()).frame())
                .isEqualTo(new WindowFrame(
                        WindowFrame.Type.RANGE, WindowFrame.Bound.UNBOUNDED_PRECEDING, WindowFrame.Bound.CURRENT_ROW));
    }

    @Test
    void subqueriesKeepTheirPlans() {
        Filter filter = (Filter) ((Project) parser.parsePlan(
                        "SELECT (SELECT max(x) FROM u) FROM t WHERE EXISTS (SELECT 1 FROM v) AND (a, b) IN"
                                + " (SELECT c, d FROM w) AND NOT a IN (SELECT e FROM z)"))
                .child();
        Project project = (Project) parser.parsePlan("SELECT (SELECT max(x) FROM u) AS m FROM t");
        ScalarSubquery scalar = (ScalarSubquery) ((Alias) project.projectList().get(0)).child();
        assertThat(PlanShapes.tree(scalar.plan()))
                .isEqualTo(lines("Project(projectList=[max(x)])", "  UnresolvedRelation(nameParts=[u])"));
        assertThat(scalar.children()).isEmpty();
        assertThat(scalar.resolved()).isFalse();

        List<Expression> conjuncts = dev.ember.sql.expressions.Expressions.splitConjuncts(filter.condition());
        assertThat(conjuncts.get(0)).isInstanceOf(Exists.class);
        assertThat(conjuncts.get(1)).isInstanceOfSatisfying(InSubquery.class, in -> {
            assertThat(in.values()).containsExactly(UnresolvedAttribute.of("a"), UnresolvedAttribute.of("b"));
            assertThat(in.children()).isEqualTo(in.values());
        });
        assertThat(conjuncts.get(2)).isInstanceOf(dev.ember.sql.expressions.Not.class);
    }

    @Test
    void unsupportedConstructsNameThemselvesAndTheirPlace() {
        EmberException qualify = error("SELECT a FROM t\nQUALIFY a = 1");
        assertThat(qualify.errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
        assertThat(qualify.detail()).isEqualTo("QUALIFY is not supported yet (line 2, column 1)");
        assertThat(error("SELECT a FROM t CLUSTER BY a").detail()).startsWith("CLUSTER BY is not supported");
        assertThat(error("SELECT a FROM t DISTRIBUTE BY a").detail()).startsWith("DISTRIBUTE BY is not supported");
        assertThat(error("SELECT a FROM t GROUP BY ALL").detail())
                .isEqualTo("GROUP BY ALL is not supported yet (line 1, column 17)");
        assertThat(error("SELECT * FROM t WHERE (a AS (x, y)) > 0").errorClass())
                .isEqualTo(ErrorClass.PARSE_SYNTAX_ERROR);
        assertThat(error("SELECT * FROM a NATURAL CROSS JOIN b").detail()).contains("NATURAL CROSS JOIN");
        assertThat(error("SELECT f(a => 1) FROM t").detail()).contains("named argument a =>");
        assertThat(error("SELECT * FROM range(n => 1)").errorClass()).isEqualTo(ErrorClass.UNSUPPORTED_FEATURE);
    }

    @Test
    void parametersAreNumberedInOrder() {
        assertThat(tree("SELECT ? FROM t WHERE a = ? AND b = :name"))
                .isEqualTo(lines(
                        "Project(projectList=[?])",
                        "  Filter(condition=((a = ?) AND (b = :name)))",
                        "    UnresolvedRelation(nameParts=[t])"));
        Project project = (Project) parser.parsePlan("SELECT ?, ? FROM t");
        assertThat(((UnresolvedAlias) project.projectList().get(1)).child())
                .isEqualTo(new dev.ember.sql.expressions.PositionalParameter(1));
    }
}
