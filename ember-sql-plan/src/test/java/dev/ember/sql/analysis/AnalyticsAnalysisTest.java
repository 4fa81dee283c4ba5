package dev.ember.sql.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ember.EmberException;
import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.catalog.TempViews;
import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.WindowExpression;
import dev.ember.sql.expressions.WindowFrame;
import dev.ember.sql.expressions.WindowSpec;
import dev.ember.sql.expressions.aggregate.AggregateExpression;
import dev.ember.sql.expressions.window.RankingFunction;
import dev.ember.sql.library.BuiltinFunctions;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.BoundGenerate;
import dev.ember.sql.plans.logical.Expand;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.Window;
import dev.ember.sql.types.ArrayType;
import dev.ember.sql.types.DataTypes;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnalyticsAnalysisTest {
    private Analyzer analyzer;

    @BeforeEach
    void setUp() {
        SessionCatalog catalog = new SessionCatalog(new TempViews(), BuiltinFunctions.registry());
        catalog.tempViews()
                .create(
                        "t",
                        new LocalRelation(
                                List.of(
                                        AttributeReference.create("a", DataTypes.StringType, true),
                                        AttributeReference.create("b", DataTypes.IntegerType, true),
                                        AttributeReference.create(
                                                "xs", new ArrayType(DataTypes.IntegerType, true), true)),
                                List.of()),
                        true);
        analyzer = new Analyzer(new AnalysisContext(catalog, FunctionContext.DEFAULT, 2));
    }

    private LogicalPlan analyze(String sql) {
        return analyzer.analyze(SqlParser.get().parsePlan(sql));
    }

    @Test
    void oneWindowNodePerPartitioningAndOrder() {
        LogicalPlan plan = analyze("SELECT a, rank() OVER (PARTITION BY a ORDER BY b) AS r,"
                + " sum(b) OVER (PARTITION BY a ORDER BY b ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS s,"
                + " count(*) OVER () AS n FROM t");
        List<Window> windows = Plans.collect(plan, Window.class);
        assertThat(windows).hasSize(2);
        Window ordered = windows.stream()
                .filter(w -> !w.orderSpec().isEmpty())
                .findFirst()
                .orElseThrow();
        assertThat(ordered.windowExpressions()).hasSize(2);
        WindowExpression rank =
                (WindowExpression) ((Alias) ordered.windowExpressions().get(0)).child();
        assertThat(rank.function()).isEqualTo(new RankingFunction(RankingFunction.Kind.RANK));
        WindowExpression sum =
                (WindowExpression) ((Alias) ordered.windowExpressions().get(1)).child();
        WindowFrame frame = ((WindowSpec) sum.window()).frame();
        assertThat(frame.type()).isEqualTo(WindowFrame.Type.ROWS);
        assertThat(frame.lower().kind()).isEqualTo(WindowFrame.BoundKind.PRECEDING);
        assertThat(plan.output()).extracting(a -> a.name()).containsExactly("a", "r", "s", "n");
    }

    @Test
    void defaultFrames() {
        LogicalPlan plan = analyze("SELECT sum(b) OVER (ORDER BY b) AS x, sum(b) OVER (PARTITION BY a) AS y FROM t");
        List<WindowFrame> frames = Plans.collect(plan, Window.class).stream()
                .map(w -> ((WindowSpec) ((WindowExpression)
                                        ((Alias) w.windowExpressions().get(0)).child())
                                .window())
                        .frame())
                .toList();
        assertThat(frames)
                .containsExactlyInAnyOrder(
                        new WindowFrame(
                                WindowFrame.Type.RANGE,
                                WindowFrame.Bound.UNBOUNDED_PRECEDING,
                                WindowFrame.Bound.CURRENT_ROW),
                        new WindowFrame(
                                WindowFrame.Type.ROWS,
                                WindowFrame.Bound.UNBOUNDED_PRECEDING,
                                WindowFrame.Bound.UNBOUNDED_FOLLOWING));
    }

    @Test
    void windowsOverAggregatesAreComputedAboveTheAggregation() {
        LogicalPlan plan = analyze("SELECT a, rank() OVER (ORDER BY sum(b)) AS r FROM t GROUP BY a");
        Window window = Plans.collect(plan, Window.class).get(0);
        assertThat(window.child()).isInstanceOf(Aggregate.class);
        Aggregate aggregate = (Aggregate) window.child();
        assertThat(aggregate.aggregateExpressions())
                .anyMatch(item -> item instanceof Alias alias && alias.child() instanceof AggregateExpression);
        assertThat(Plans.collect(aggregate, Window.class)).isEmpty();
    }

    @Test
    void lateralAliasesOfAnAggregationMoveTheirReadersIntoAProjectionAbove() {
        LogicalPlan plan = analyze("SELECT a, sum(b) AS total, total / count(*) AS share FROM t GROUP BY a");
        assertThat(plan).isInstanceOf(Project.class);
        Project above = (Project) plan;
        assertThat(above.child()).isInstanceOf(Aggregate.class);
        Aggregate below = (Aggregate) above.child();
        // total stays below; count(*) joins it there as a column of its own; share is computed above.
        assertThat(below.aggregateExpressions()).hasSize(3);
        assertThat(below.aggregateExpressions().stream()
                        .filter(item -> item instanceof Alias alias && alias.child() instanceof AggregateExpression)
                        .count())
                .isEqualTo(2);
        assertThat(above.projectList().get(2).name()).isEqualTo("share");
        assertThat(Plans.collect(plan, Aggregate.class)).hasSize(1);
        // A name an input column has is that column, not the alias.
        LogicalPlan shadowed = analyze("SELECT sum(b) AS a, a FROM t GROUP BY a");
        assertThat(shadowed).isInstanceOf(Aggregate.class);
    }

    @Test
    void windowChecks() {
        assertThatThrownBy(() -> analyze("SELECT row_number() OVER (PARTITION BY a) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("ORDER BY");
        assertThatThrownBy(() -> analyze("SELECT lag(b) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("needs OVER");
        assertThatThrownBy(() -> analyze(
                        "SELECT sum(b) OVER (ORDER BY a RANGE BETWEEN 1 PRECEDING AND CURRENT ROW)" + " FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("numeric, date or timestamp");
        assertThatThrownBy(() ->
                        analyze("SELECT sum(b) OVER (ORDER BY b ROWS BETWEEN 1 FOLLOWING AND 1 PRECEDING)" + " FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("after the upper bound");
        assertThatThrownBy(() -> analyze("SELECT upper(a) OVER (ORDER BY b) FROM t"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("cannot be computed over a window");
    }

    @Test
    void rollupExpandsWithGroupingIds() {
        LogicalPlan plan = analyze("SELECT a, b, count(*), grouping_id() AS g FROM t GROUP BY ROLLUP(a, b)");
        Aggregate aggregate = Plans.collect(plan, Aggregate.class).get(0);
        Expand expand = (Expand) aggregate.child();
        assertThat(expand.projections()).hasSize(3);
        List<Object> ids = expand.projections().stream()
                .map(projection -> ((Literal) projection.get(projection.size() - 1)).value())
                .toList();
        assertThat(ids).containsExactly(0L, 1L, 3L);
        // (a) nulls b; () nulls both.
        List<?> second = expand.projections().get(1);
        assertThat(second.get(second.size() - 2)).isEqualTo(Literal.nullOf(DataTypes.IntegerType));
        assertThat(aggregate.groupingExpressions()).hasSize(3);
        assertThat(plan.output()).extracting(a -> a.name()).containsExactly("a", "b", "count(1)", "g");
    }

    @Test
    void generatorsBindBelowTheProjection() {
        LogicalPlan plan = analyze("SELECT a, explode(xs) AS x FROM t");
        assertThat(plan).isInstanceOf(Project.class);
        BoundGenerate generate = Plans.collect(plan, BoundGenerate.class).get(0);
        assertThat(generate.generatorOutput()).extracting(a -> a.name()).containsExactly("x");
        assertThat(plan.output()).extracting(a -> a.name()).containsExactly("a", "x");
        LogicalPlan lateral = analyze("SELECT p, c FROM t LATERAL VIEW OUTER posexplode(xs) v AS p, c");
        BoundGenerate outer = Plans.collect(lateral, BoundGenerate.class).get(0);
        assertThat(outer.outer()).isTrue();
        assertThat(outer.generatorOutput())
                .allMatch(attribute ->
                        attribute.nullable() && attribute.qualifier().equals(List.of("v")));
        assertThatThrownBy(() -> analyze("SELECT a FROM t LATERAL VIEW explode(xs) v AS p, c"))
                .isInstanceOf(EmberException.class)
                .hasMessageContaining("makes 1 columns");
        assertThatThrownBy(() -> analyze("SELECT a, count(*) FROM t GROUP BY a HAVING explode(xs) IS NULL"))
                .isInstanceOf(EmberException.class);
    }
}
