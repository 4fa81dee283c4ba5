package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.expressions.SortOrder;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.types.DataType;
import dev.ember.sql.vector.ColumnBatch;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * An equi-join of two inputs exchanged by their keys into the same partitions and sorted by them in each task: the two
 * sorted streams are walked side by side, and the rows of one key on the right are held while the left rows of that
 * key are paired with them ({@link MergeJoinCursor}). Nothing but one key's right rows is held, and the sorts before
 * it spill, so the join runs in little memory whatever the sizes of its inputs; its output stays sorted by the left
 * keys. Chosen by the {@code MERGE} hint or {@code ember.sql.join.preferSortMergeJoin}; every join type.
 *
 * <p>Rows with a null key match nothing (they sort first and are emitted unmatched by the outer joins and the anti
 * join); the extra {@code condition} is evaluated on each candidate pair, as in {@link HashJoinExec}.
 */
public record SortMergeJoinExec(
        List<Expression> leftKeys,
        List<Expression> rightKeys,
        JoinType joinType,
        Expression condition,
        PhysicalPlan left,
        PhysicalPlan right)
        implements PhysicalPlan {
    private static final long serialVersionUID = 1L;

    public SortMergeJoinExec {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
        if (leftKeys.isEmpty() || leftKeys.size() != rightKeys.size()) {
            throw new IllegalArgumentException("A sort-merge join needs as many keys on each side, and at least one");
        }
        requireNonNull(joinType, "joinType is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }

    /** What a task needs, compiled on the driver. */
    record Spec(
            JoinType joinType,
            List<VectorExpression> leftKeys,
            List<VectorExpression> rightKeys,
            List<SortOrder> keyOrder,
            VectorExpression condition,
            List<DataType> leftTypes,
            List<DataType> rightTypes)
            implements Serializable {}

    @Override
    public List<PhysicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new SortMergeJoinExec(leftKeys, rightKeys, joinType, condition, children.get(0), children.get(1));
    }

    @Override
    public List<Attribute> output() {
        return JoinOutput.of(joinType, left.output(), right.output());
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        return List.of(new Distribution.Clustered(leftKeys, 0, true), new Distribution.Clustered(rightKeys, 0, true));
    }

    @Override
    public List<List<SortOrder>> requiredChildOrdering() {
        return List.of(ascending(leftKeys), ascending(rightKeys));
    }

    private static List<SortOrder> ascending(List<Expression> keys) {
        List<SortOrder> order = new ArrayList<>();
        for (Expression key : keys) {
            order.add(SortOrder.ascending(key));
        }
        return order;
    }

    @Override
    public List<SortOrder> outputOrdering() {
        JoinType type = joinType;
        return type == JoinType.RIGHT_OUTER || type == JoinType.FULL_OUTER ? List.of() : ascending(leftKeys);
    }

    @Override
    public Partitioning outputPartitioning() {
        return HashJoinExec.shuffledPartitioning(joinType, left, right);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<Attribute> pairColumns = new ArrayList<>(left.output());
        pairColumns.addAll(right.output());
        Spec spec = new Spec(
                joinType,
                BoundExpressions.compile(leftKeys, left.output()),
                BoundExpressions.compile(rightKeys, right.output()),
                ascending(leftKeys),
                condition == null ? null : BoundExpressions.compile(condition, pairColumns),
                BoundExpressions.types(left.output()),
                BoundExpressions.types(right.output()));
        return left.execute(context)
                .zipPartitions(
                        right.execute(context),
                        (leftRows, rightRows) -> new MergeJoinCursor(spec, leftRows, rightRows));
    }

    @Override
    public String simpleString() {
        return "SortMergeJoin " + PlanText.list(leftKeys) + ", " + PlanText.list(rightKeys) + ", "
                + joinType.displayName() + (condition == null ? "" : ", " + PlanText.expr(condition));
    }
}
