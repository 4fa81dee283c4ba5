package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Plans;
import dev.ember.sql.rules.Rule;
import java.util.List;

/**
 * A left semi or anti join only keeps or drops rows of its left side, so it runs as early as the columns its
 * condition reads allow: below an inner or left outer join (and a filter above that join) whose left side (or, for an
 * inner join, right side) has those columns. Fewer rows then reach the joins above it.
 *
 * <pre>
 *   LeftSemi (a.k = r.k)                ==>   LeftOuter (a.x = b.x)
 *   +- Filter (b.v > a.w)                     +- LeftSemi (a.k = r.k)
 *   |  +- LeftOuter (a.x = b.x)               |  +- a
 *   |     :- a                                |  +- r
 *   |     +- b                                +- b
 *   +- r                                 (the filter stays above the outer join)
 * </pre>
 *
 * This is what the IN subquery of TPC-H Q20 needs: its semi join on part ends up above the join of the correlated
 * aggregate, and pushed down it keeps 1 in 100 rows of partsupp before that join. Not for a semi join without a
 * condition, nor below a filter that is not deterministic (it must see the same rows).
 */
public final class PushSemiJoinDown implements Rule {
    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        return Plans.transformUp(plan, node -> {
            if (!(node instanceof Join semi)
                    || (semi.joinType() != JoinType.LEFT_SEMI && semi.joinType() != JoinType.LEFT_ANTI)
                    || semi.condition() == null) {
                return node;
            }
            // A filter between stays above (filters go into the semi join's side by PushFilterIntoJoin, which
            // would undo a semi join pushed below a filter alone).
            Filter filter = semi.left() instanceof Filter f && f.condition().deterministic() ? f : null;
            LogicalPlan left = filter != null ? filter.child() : semi.left();
            if (left instanceof Join join
                    && (join.joinType() == JoinType.INNER || join.joinType() == JoinType.LEFT_OUTER)
                    && join.resolved()) {
                List<Attribute> reads = leftReferences(semi);
                LogicalPlan pushed = null;
                if (covers(join.left().output(), reads)) {
                    pushed = join.withChildren(List.of(below(semi, join.left()), join.right()));
                } else if (join.joinType() == JoinType.INNER
                        && covers(join.right().output(), reads)) {
                    pushed = join.withChildren(List.of(join.left(), below(semi, join.right())));
                }
                if (pushed != null) {
                    return filter == null ? pushed : new Filter(filter.condition(), pushed);
                }
            }
            return node;
        });
    }

    /** The semi join with {@code newLeft} as its left side. */
    private static Join below(Join semi, LogicalPlan newLeft) {
        return (Join) semi.withChildren(List.of(newLeft, semi.right()));
    }

    /** The columns of the semi join's left side that its condition reads. */
    private static List<Attribute> leftReferences(Join semi) {
        List<Attribute> right = semi.right().output();
        return Expressions.references(semi.condition()).stream()
                .filter(reference -> !contains(right, reference))
                .toList();
    }

    private static boolean covers(List<Attribute> output, List<Attribute> references) {
        return !references.isEmpty() && references.stream().allMatch(reference -> contains(output, reference));
    }

    private static boolean contains(List<Attribute> output, Attribute reference) {
        return output.stream().anyMatch(attribute -> attribute.exprId().equals(reference.exprId()));
    }
}
