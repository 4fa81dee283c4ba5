package dev.ember.sql.optimizer;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Comparison;
import dev.ember.sql.expressions.ExprId;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.Expressions;
import dev.ember.sql.expressions.NamedExpression;
import dev.ember.sql.plans.logical.Filter;
import dev.ember.sql.plans.logical.Join;
import dev.ember.sql.plans.logical.JoinHint;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.LogicalPlan;
import dev.ember.sql.plans.logical.Project;
import dev.ember.sql.plans.logical.SizeEstimates;
import dev.ember.sql.rules.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Orders a chain of three or more inner joins by the estimated sizes of its relations, and so that each join has a
 * condition: {@code FROM part, supplier, lineitem WHERE p_partkey = l_partkey AND s_suppkey = l_suppkey}, written in
 * that order, would first join part with supplier on nothing (a cross product).
 *
 * <p>The relations of the chain and its conditions are gathered, and the joins are rebuilt left deep. When every
 * relation's size is known ({@link SizeEstimates}), the chain starts from the largest one (the fact table, which is
 * then streamed and never held) and adds at each step the smallest of the relations a condition connects to what is
 * joined so far, so that the rows are cut by the small, filtered dimensions first and every table built for a join is
 * as small as it can be; those a condition connects to the fact table itself go before those connected only through
 * another relation, which may multiply the rows (TPC-H Q5's customer, joined on a supplier's nation key, before orders
 * is), except tiny ones that filter ({@value #TINY_BYTES} bytes at most, with a filter or connected to a tiny one with
 * a filter: TPC-H's nation and region, joined through a supplier's nation key before orders, so that their filters cut
 * the rows early), and relations connected by an equality go before those connected only by another condition (TPC-H
 * Q7's second nation, whose OR of names would meet every row with every nation before customer gives it a key). When
 * some size is unknown, or when the size order would leave more joins without a condition than the written one, it
 * starts from the first relation written and adds the connected relation written first. A relation counts as connected
 * by a condition that reads it, what is joined so far, and nothing else. A relation that nothing connects is added only
 * when no other is left. Each condition goes to the first join that has all its columns; a projection restores the
 * chain's column order.
 *
 * <pre>
 *   Join Inner (b.k = c.k AND a.j = c.j)          Project [a, b, c columns]
 *   :- Join Cross                           ==>   +- Join Inner (b.k = c.k)
 *   :  :- A                                          :- Join Inner (a.j = c.j)
 *   :  +- B                                          :  :- A
 *   +- C                                             :  +- C
 *                                                    +- B
 * </pre>
 *
 * Semi and anti joins on the fact table (without hints) move above the chain's joins that filter it when the relation
 * they test against is large (see {@link #defer}). A chain already in its order, with no such join to move, is left
 * alone, as is any join with a hint.
 */
public final class ReorderJoins implements Rule {
    /** A relation estimated at most this large (a few hundred rows) is joined as early as one on the fact table. */
    static final long TINY_BYTES = 16 * 1024;

    /**
     * A semi or anti join on the fact table moves above the filtering joins when the relation it tests against is at
     * least the fact table's size divided by this (a quarter).
     */
    static final long LARGE_TEST_SHARE = 4;

    @Override
    public LogicalPlan apply(LogicalPlan plan) {
        if (innerJoin(plan)) {
            LogicalPlan reordered = reorder(plan);
            if (reordered != plan) {
                return reordered;
            }
        }
        List<LogicalPlan> children = new ArrayList<>();
        boolean changed = false;
        for (LogicalPlan child : plan.children()) {
            LogicalPlan next = apply(child);
            changed |= next != child;
            children.add(next);
        }
        return changed ? plan.withChildren(children) : plan;
    }

    private static boolean innerJoin(LogicalPlan plan) {
        return plan instanceof Join join
                && (join.joinType() == JoinType.INNER || join.joinType() == JoinType.CROSS)
                && join.hint().equals(JoinHint.NONE);
    }

    private LogicalPlan reorder(LogicalPlan root) {
        List<LogicalPlan> relations = new ArrayList<>();
        List<Expression> conditions = new ArrayList<>();
        flatten(root, relations, conditions);
        if (relations.size() < 3) {
            return root;
        }
        List<LogicalPlan> joinedRelations = new ArrayList<>();
        long[] sizes = new long[relations.size()];
        boolean sized = true;
        for (int i = 0; i < relations.size(); i++) {
            joinedRelations.add(apply(relations.get(i)));
            sizes[i] = SizeEstimates.sizeInBytes(joinedRelations.get(i));
            sized &= sizes[i] != Long.MAX_VALUE;
        }
        Ordered written = order(joinedRelations, null, conditions);
        Ordered bySize = sized ? order(joinedRelations, sizes, conditions) : written;
        // The size order is taken unless it makes more cross products than the written one.
        boolean takeSizes = bySize.crossJoins() <= written.crossJoins();
        List<Integer> order = takeSizes ? bySize.order() : written.order();
        Deferred deferred = takeSizes && sized ? defer(joinedRelations, sizes, conditions, order) : null;
        boolean asWritten = deferred == null;
        for (int i = 0; i < order.size(); i++) {
            asWritten &= order.get(i) == i;
        }
        if (asWritten && !needsReordering(root)) {
            return root;
        }
        if (deferred != null) {
            joinedRelations.set(order.get(0), deferred.fact());
        }
        List<Expression> pending = new ArrayList<>(conditions);
        LogicalPlan current = joinedRelations.get(order.get(0));
        Set<ExprId> joined = ids(current.output());
        for (int step = 1; step < order.size(); step++) {
            LogicalPlan next = joinedRelations.get(order.get(step));
            Set<ExprId> together = new HashSet<>(joined);
            together.addAll(ids(next.output()));
            List<Expression> here = new ArrayList<>();
            for (Expression condition : new ArrayList<>(pending)) {
                if (together.containsAll(ids(Expressions.references(condition)))) {
                    here.add(condition);
                    pending.remove(condition);
                }
            }
            Expression condition = Expressions.and(here);
            current = new Join(current, next, condition == null ? JoinType.CROSS : JoinType.INNER, condition);
            joined = together;
            if (deferred != null && step == deferred.afterStep()) {
                current = deferred.applyTo(current);
            }
        }
        if (!pending.isEmpty()) {
            current = new Filter(Expressions.and(pending), current);
        }
        return new Project(new ArrayList<NamedExpression>(root.output()), current);
    }

    /**
     * The order in which to join the relations (indexes into {@code relations}): by size when {@code sizes} is given
     * (the largest first, then the smallest connected one), as written otherwise (then the first connected one).
     */
    /** An order of the relations, and how many of its joins no condition connects. */
    private record Ordered(List<Integer> order, int crossJoins) {}

    private static Ordered order(List<LogicalPlan> relations, long[] sizes, List<Expression> conditions) {
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < relations.size(); i++) {
            left.add(i);
        }
        int start = 0;
        if (sizes != null) {
            for (int i = 1; i < sizes.length; i++) {
                if (sizes[i] > sizes[start]) {
                    start = i;
                }
            }
        }
        List<Integer> order = new ArrayList<>();
        order.add(start);
        left.remove(Integer.valueOf(start));
        Set<ExprId> joined = ids(relations.get(start).output());
        List<Set<ExprId>> references = new ArrayList<>();
        List<Boolean> equalities = new ArrayList<>();
        describe(conditions, references, equalities);
        // By size, the largest relation is the fact table: a relation joined to it directly meets each of its rows at
        // most once through its keys, while one joined through another dimension's attribute (a nation key) may
        // multiply them. Relations connected to the fact table come first, and so do tiny ones that filter (TPC-H's
        // nation and region, joined through a supplier's nation key): they can multiply a row at most by their few
        // rows, and joined early, their filters cut the rows before an exchange rather than after it.
        Set<ExprId> fact = sizes == null ? Set.of() : ids(relations.get(start).output());
        boolean[] tinyFilters = new boolean[relations.size()];
        for (int i = 0; i < tinyFilters.length; i++) {
            tinyFilters[i] = tinyFilter(i, relations, sizes, references, equalities);
        }
        int crossJoins = 0;
        while (!left.isEmpty()) {
            int chosen = -1;
            int chosenRank = Integer.MAX_VALUE;
            for (int candidate : left) {
                Set<ExprId> columns = ids(relations.get(candidate).output());
                Set<ExprId> together = new HashSet<>(joined);
                together.addAll(columns);
                int rank = Integer.MAX_VALUE;
                for (int c = 0; c < references.size(); c++) {
                    Set<ExprId> condition = references.get(c);
                    // Connected by a condition that this join can evaluate: it reads both sides and nothing else.
                    // An equality to the fact table ranks first, then any equality, then other conditions (a nested
                    // loop, which meets every row with every row of the relation).
                    if (touches(condition, joined) && touches(condition, columns) && together.containsAll(condition)) {
                        boolean first = touches(condition, fact) || tinyFilters[candidate];
                        rank = Math.min(rank, !equalities.get(c) ? 2 : first ? 0 : 1);
                    }
                }
                if (rank == Integer.MAX_VALUE) {
                    continue;
                }
                boolean better = chosen < 0
                        || rank < chosenRank
                        || (rank == chosenRank && sizes != null && sizes[candidate] < sizes[chosen]);
                if (better) {
                    chosen = candidate;
                    chosenRank = rank;
                }
            }
            if (chosen < 0) {
                chosen = left.get(0);
                crossJoins++;
            }
            order.add(chosen);
            left.remove(Integer.valueOf(chosen));
            joined.addAll(ids(relations.get(chosen).output()));
        }
        return new Ordered(order, crossJoins);
    }

    /** The columns each condition reads, and whether it is an equality. */
    private static void describe(List<Expression> conditions, List<Set<ExprId>> references, List<Boolean> equalities) {
        for (Expression condition : conditions) {
            references.add(ids(Expressions.references(condition)));
            equalities.add(condition instanceof Comparison comparison
                    && (comparison.op() == Comparison.Op.EQUAL || comparison.op() == Comparison.Op.NULL_SAFE_EQUAL));
        }
    }

    /**
     * Whether {@code candidate} is tiny and filtered (by a filter of its own, or by a condition other than an equality
     * that reads only tiny relations, as TPC-H Q7's OR of the two nations' names), or tiny and connected to a tiny
     * filtered relation (TPC-H Q5's nation, then region): joined early, it cuts the rows; a tiny relation that filters
     * nothing would only widen them.
     */
    private static boolean tinyFilter(
            int candidate,
            List<LogicalPlan> relations,
            long[] sizes,
            List<Set<ExprId>> references,
            List<Boolean> equalities) {
        if (sizes == null || sizes[candidate] > TINY_BYTES) {
            return false;
        }
        Set<ExprId> columns = ids(relations.get(candidate).output());
        if (filtered(relations.get(candidate))) {
            return true;
        }
        Set<ExprId> tinyColumns = new HashSet<>();
        for (int i = 0; i < relations.size(); i++) {
            if (sizes[i] <= TINY_BYTES) {
                tinyColumns.addAll(ids(relations.get(i).output()));
            }
        }
        for (int c = 0; c < references.size(); c++) {
            if (!equalities.get(c)
                    && touches(references.get(c), columns)
                    && tinyColumns.containsAll(references.get(c))) {
                return true;
            }
        }
        for (int other = 0; other < relations.size(); other++) {
            if (other == candidate || sizes[other] > TINY_BYTES || !filtered(relations.get(other))) {
                continue;
            }
            Set<ExprId> otherColumns = ids(relations.get(other).output());
            for (Set<ExprId> condition : references) {
                if (touches(condition, columns) && touches(condition, otherColumns)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean filtered(LogicalPlan plan) {
        if (plan instanceof Filter) {
            return true;
        }
        for (LogicalPlan child : plan.children()) {
            if (filtered(child)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The semi and anti joins on the fact table (the first relation of a size order), moved above the joins that filter
     * its rows, when the relations they test against are at least a quarter of the fact table's size (TPC-H Q21's
     * {@code EXISTS} and {@code NOT EXISTS} over the whole of lineitem). Such a join cannot be a broadcast filter: both
     * its sides are exchanged, and either is built. Below the filtering joins it meets every row of the fact table;
     * above them, only the rows they keep (Q21's suppliers of one nation, orders with one status: a fiftieth), few
     * enough to be the side built (adaptive execution builds it once its stages have run; the planner's estimate
     * multiplies the chain). A join on a relation's own columns and the other side's commutes with inner joins: a row
     * of the fact table passes or fails it whatever it is joined with. A relation counts as filtering when it has a
     * filter or is tiny and filtering (see {@link #tinyFilter}); null when no join is moved.
     */
    private static Deferred defer(
            List<LogicalPlan> relations, long[] sizes, List<Expression> conditions, List<Integer> order) {
        int fact = order.get(0);
        List<Join> tests = new ArrayList<>();
        LogicalPlan base = relations.get(fact);
        while (base instanceof Join join
                && (join.joinType() == JoinType.LEFT_SEMI || join.joinType() == JoinType.LEFT_ANTI)
                && join.hint().equals(JoinHint.NONE)) {
            tests.add(0, join);
            base = join.left();
        }
        if (tests.isEmpty()) {
            return null;
        }
        long baseSize = SizeEstimates.sizeInBytes(base);
        for (Join test : tests) {
            long testSize = SizeEstimates.sizeInBytes(test.right());
            if (baseSize == Long.MAX_VALUE || testSize == Long.MAX_VALUE || testSize < baseSize / LARGE_TEST_SHARE) {
                return null;
            }
        }
        List<Set<ExprId>> references = new ArrayList<>();
        List<Boolean> equalities = new ArrayList<>();
        describe(conditions, references, equalities);
        int afterStep = -1;
        for (int step = 1; step < order.size(); step++) {
            int relation = order.get(step);
            if (filtered(relations.get(relation)) || tinyFilter(relation, relations, sizes, references, equalities)) {
                afterStep = step;
            }
        }
        return afterStep < 0 ? null : new Deferred(base, tests, afterStep);
    }

    /**
     * Semi and anti joins moved off the fact table: the table without them, the joins (innermost first), and the step
     * of the order after whose join they are applied again.
     */
    private record Deferred(LogicalPlan fact, List<Join> tests, int afterStep) {
        LogicalPlan applyTo(LogicalPlan plan) {
            LogicalPlan current = plan;
            for (Join test : tests) {
                current = test.withChildren(List.of(current, test.right()));
            }
            return current;
        }
    }

    /** Whether some join of the chain, as written, has no condition (a cross product the order could avoid). */
    private static boolean needsReordering(LogicalPlan plan) {
        if (!innerJoin(plan)) {
            return false;
        }
        Join join = (Join) plan;
        return join.condition() == null || needsReordering(join.left()) || needsReordering(join.right());
    }

    private static void flatten(LogicalPlan plan, List<LogicalPlan> relations, List<Expression> conditions) {
        if (innerJoin(plan)) {
            Join join = (Join) plan;
            flatten(join.left(), relations, conditions);
            flatten(join.right(), relations, conditions);
            if (join.condition() != null) {
                conditions.addAll(Expressions.splitConjuncts(join.condition()));
            }
        } else {
            relations.add(plan);
        }
    }

    private static boolean touches(Set<ExprId> references, Set<ExprId> side) {
        for (ExprId id : references) {
            if (side.contains(id)) {
                return true;
            }
        }
        return false;
    }

    private static Set<ExprId> ids(java.util.Collection<? extends Attribute> attributes) {
        Set<ExprId> ids = new HashSet<>();
        for (Attribute attribute : attributes) {
            ids.add(attribute.exprId());
        }
        return ids;
    }
}
