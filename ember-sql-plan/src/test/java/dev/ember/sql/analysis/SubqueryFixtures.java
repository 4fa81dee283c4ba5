package dev.ember.sql.analysis;

import dev.ember.sql.catalog.FunctionContext;
import dev.ember.sql.catalog.SessionCatalog;
import dev.ember.sql.catalog.TempViews;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.AttributeReference;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.SubqueryExpression;
import dev.ember.sql.library.BuiltinFunctions;
import dev.ember.sql.parser.SqlParser;
import dev.ember.sql.plans.logical.LocalRelation;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.types.DataTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * Tables for subquery tests: {@code t(k, x)} and {@code u(k, y)} of nullable ints, {@code n(a, b)} of ints that cannot
 * be null; all empty (plans only).
 */
public final class SubqueryFixtures {
    private final SessionCatalog catalog =
            new SessionCatalog(new TempViews(), BuiltinFunctions.registry().copy());

    public SubqueryFixtures() {
        table("t", true, "k", "x");
        table("u", true, "k", "y");
        table("n", false, "a", "b");
    }

    private void table(String name, boolean nullable, String... columns) {
        List<Attribute> output = new ArrayList<>();
        for (String column : columns) {
            output.add(AttributeReference.create(column, DataTypes.IntegerType, nullable));
        }
        catalog.tempViews().create(name, new LocalRelation(output, List.of()), true);
    }

    public LogicalPlan analyze(String sql) {
        return new Analyzer(new AnalysisContext(catalog, FunctionContext.DEFAULT, 2))
                .analyze(SqlParser.get().parsePlan(sql));
    }

    /** The subquery expressions of the plan's nodes (not those nested in subqueries). */
    public static List<SubqueryExpression> subqueries(LogicalPlan plan) {
        List<SubqueryExpression> found = new ArrayList<>();
        Plans.transformUp(plan, node -> {
            for (Expression expression : node.expressions()) {
                found.addAll(Expressions.collect(expression, SubqueryExpression.class));
            }
            return node;
        });
        return found;
    }
}
