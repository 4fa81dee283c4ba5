package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.EmberException;
import dev.ember.ErrorClass;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.NamedExpression;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@code GROUP BY ROLLUP(...)}, {@code CUBE(...)}, {@code GROUPING SETS (...)} and their mixes with plain keys, as the
 * parser writes them out: one aggregation per set of {@code sets}, the rows of all of them together, with the keys a
 * set leaves out null (and told apart from real nulls by {@code grouping()} and {@code grouping_id()}).
 * {@code groupByExpressions} are all the keys, each once, in order of first appearance; every set is a list of some of
 * them. For example {@code ROLLUP(a, b)} is the sets {@code (a, b), (a), ()} over the keys {@code a, b}.
 *
 * <p>It stays unresolved until the analyzer expands it (into an aggregation over a row-multiplying projection that
 * adds a grouping id).
 */
public record GroupingSets(
        List<List<Expression>> sets,
        List<Expression> groupByExpressions,
        List<NamedExpression> aggregations,
        LogicalPlan child)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    public GroupingSets {
        List<List<Expression>> copied = new ArrayList<>();
        for (List<Expression> set : sets) {
            copied.add(List.copyOf(set));
        }
        sets = List.copyOf(copied);
        groupByExpressions = List.copyOf(groupByExpressions);
        aggregations = List.copyOf(aggregations);
        requireNonNull(child, "child is null");
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new GroupingSets(sets, groupByExpressions, aggregations, children.get(0));
    }

    @Override
    public boolean resolved() {
        return false;
    }

    @Override
    public List<Attribute> output() {
        throw new EmberException(ErrorClass.INTERNAL_ERROR, "Grouping sets are not expanded yet");
    }

    /** The grouping expressions, then the aggregations (the sets only repeat grouping expressions). */
    @Override
    public List<Expression> expressions() {
        List<Expression> expressions = new ArrayList<>(groupByExpressions);
        expressions.addAll(aggregations);
        return expressions;
    }

    /**
     * Applies {@code function} to the grouping expressions and the aggregations; each set's members are mapped like the
     * grouping expression they are equal to.
     */
    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        List<Expression> keys = new ArrayList<>(groupByExpressions.size());
        for (Expression key : groupByExpressions) {
            keys.add(function.apply(key));
        }
        List<List<Expression>> newSets = new ArrayList<>(sets.size());
        for (List<Expression> set : sets) {
            List<Expression> newSet = new ArrayList<>(set.size());
            for (Expression member : set) {
                int index = groupByExpressions.indexOf(member);
                newSet.add(index >= 0 ? keys.get(index) : function.apply(member));
            }
            newSets.add(newSet);
        }
        List<NamedExpression> newAggregations = new ArrayList<>(aggregations.size());
        for (NamedExpression aggregation : aggregations) {
            newAggregations.add((NamedExpression) function.apply(aggregation));
        }
        return new GroupingSets(newSets, keys, newAggregations, child);
    }

    @Override
    public String simpleString() {
        List<String> setTexts = new ArrayList<>(sets.size());
        for (List<Expression> set : sets) {
            setTexts.add(PlanText.list(set));
        }
        return "GroupingSets [" + String.join(", ", setTexts) + "], " + PlanText.list(groupByExpressions) + ", "
                + PlanText.list(aggregations);
    }
}
