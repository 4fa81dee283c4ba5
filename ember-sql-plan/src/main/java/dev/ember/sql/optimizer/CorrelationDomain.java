package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Alias;
import dev.ember.sql.expressions.Arithmetic;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.Literal;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.expressions.ScalarFunction;
import dev.ember.sql.plans.logical.Aggregate;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.Limit;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.types.DoubleType;
import dev.ember.sql.types.FloatType;
import dev.ember.sql.types.StructField;
import dev.ember.sql.types.StructType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * For a subquery correlated by other predicates than equalities ({@code u.k < t.x}): the distinct values of the outer
 * columns its correlation reads, as columns of their own ({@link #columns}), and the correlation over those columns
 * instead of the outer ones. Joined with the subquery's input ({@link #joined}), it gives the subquery's rows for each
 * outer value, so the subquery can be computed once per value and joined back to the outer rows by those values
 * ({@link #nullSafeKey}, nulls matching nulls).
 *
 * @param values the distinct outer values: an aggregation of the outer plan, grouped by the outer columns
 * @param outer the outer columns, in the order of {@code columns}
 * @param columns the values' own columns
 * @param condition the correlation, reading {@code columns} instead of {@code outer}
 */
record CorrelationDomain(LogicalPlan values, List<Attribute> outer, List<Attribute> columns, Expression condition) {
    static CorrelationDomain of(LogicalPlan left, List<Expression> predicates, Set<ExprId> inner, String construct) {
        if (!repeatable(left)) {
            // The values are read by running the outer input a second time, which must give the same rows.
            throw Subqueries.unsupported(
                    construct,
                    "it is correlated by other than equalities over an input that may give other rows when run again"
                            + " (a nondeterministic function such as rand(), or a LIMIT); correlate it by equalities");
        }
        Set<Attribute> outer = new LinkedHashSet<>();
        for (Expression predicate : predicates) {
            for (Attribute attribute : Expressions.references(predicate)) {
                if (!inner.contains(attribute.exprId())) {
                    outer.add(attribute);
                }
            }
        }
        Map<ExprId, Attribute> renamed = new HashMap<>();
        List<NamedExpression> list = new ArrayList<>();
        List<Attribute> columns = new ArrayList<>();
        for (Attribute attribute : outer) {
            Alias column = Alias.of(attribute, attribute.name());
            list.add(column);
            columns.add(column.toAttribute());
            renamed.put(attribute.exprId(), column.toAttribute());
        }
        LogicalPlan values = new Aggregate(new ArrayList<Expression>(outer), list, left);
        Expression condition = Expressions.transformUp(Expressions.and(predicates), e -> {
            Attribute column = e instanceof Attribute attribute ? renamed.get(attribute.exprId()) : null;
            return column != null ? column : e;
        });
        return new CorrelationDomain(values, new ArrayList<>(outer), columns, condition);
    }

    /** Whether running the plan again gives the same rows: no nondeterministic expression and no limit. */
    private static boolean repeatable(LogicalPlan plan) {
        if (plan instanceof Limit) {
            return false;
        }
        for (Expression expression : plan.expressions()) {
            if (Expressions.anyMatch(expression, e -> !e.deterministic())) {
                return false;
            }
        }
        for (LogicalPlan child : plan.children()) {
            if (!repeatable(child)) {
                return false;
            }
        }
        return true;
    }

    /** The subquery's rows for each outer value: the values inner joined with the subquery on the correlation. */
    LogicalPlan joined(LogicalPlan subquery) {
        return new Join(values, subquery, JoinType.INNER, condition);
    }

    /**
     * The columns as one struct, for a join that must match nulls with nulls: a struct is never null itself, and two
     * structs are equal when their fields are, nulls included, so the hash join takes it as a key.
     */
    static Expression nullSafeKey(List<? extends Expression> columns) {
        List<StructField> fields = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Expression column = columns.get(i);
            fields.add(new StructField("k" + i, column.dataType(), true));
            // Inside a struct values compare as objects, where -0.0 is not 0.0: adding zero makes it 0.0.
            if (column.dataType() instanceof DoubleType) {
                column = new Arithmetic(Arithmetic.Op.ADD, column, Literal.of(0.0));
            } else if (column.dataType() instanceof FloatType) {
                column = new Arithmetic(Arithmetic.Op.ADD, column, Literal.of(0.0f));
            }
            values.add(column);
        }
        return new ScalarFunction(
                "struct",
                values,
                new StructType(fields),
                false,
                false,
                true,
                arguments -> Arrays.copyOf(arguments, arguments.length));
    }
}
