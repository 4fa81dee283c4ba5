package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.Broadcast;
import dev.ember.RDD;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * A join without equality keys (a cross join, or a condition such as {@code a.x < b.y}): every stream row is paired
 * with every build row and the condition decides. The build side is broadcast; for a join that must emit build rows
 * that never matched (a full outer join, or an outer join whose outer side is the build side), both sides are first
 * gathered into one partition instead.
 */
public record NestedLoopJoinExec(
        JoinType joinType,
        Expression condition,
        boolean buildLeft,
        boolean singlePartition,
        PhysicalPlan left,
        PhysicalPlan right)
        implements PhysicalPlan {
    private static final long serialVersionUID = 1L;

    public NestedLoopJoinExec {
        requireNonNull(joinType, "joinType is null");
        requireNonNull(left, "left is null");
        requireNonNull(right, "right is null");
    }

    @Override
    public List<PhysicalPlan> children() {
        return List.of(left, right);
    }

    @Override
    public PhysicalPlan withChildren(List<PhysicalPlan> children) {
        return new NestedLoopJoinExec(
                joinType, condition, buildLeft, singlePartition, children.get(0), children.get(1));
    }

    @Override
    public List<Attribute> output() {
        return JoinOutput.of(joinType, left.output(), right.output());
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        if (singlePartition) {
            return List.of(Distribution.AllTuples.INSTANCE, Distribution.AllTuples.INSTANCE);
        }
        return buildLeft
                ? List.of(Distribution.Broadcast.INSTANCE, Distribution.Unspecified.INSTANCE)
                : List.of(Distribution.Unspecified.INSTANCE, Distribution.Broadcast.INSTANCE);
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<Attribute> pairColumns = new ArrayList<>(left.output());
        pairColumns.addAll(right.output());
        JoinCore.Spec spec = new JoinCore.Spec(
                joinType,
                buildLeft,
                List.of(),
                List.of(),
                condition == null ? null : BoundExpressions.compile(condition, pairColumns),
                BoundExpressions.types(left.output()),
                BoundExpressions.types(right.output()),
                null);
        PhysicalPlan buildPlan = buildLeft ? left : right;
        PhysicalPlan streamPlan = buildLeft ? right : left;
        if (singlePartition) {
            return streamPlan
                    .execute(context)
                    .zipPartitions(
                            buildPlan.execute(context), (stream, build) -> new JoinCore(spec, build).run(stream));
        }
        Broadcast<List<byte[]>> built = BroadcastBatches.broadcast(buildPlan, context);
        List<dev.ember.sql.types.DataType> buildTypes = BoundExpressions.types(buildPlan.output());
        return streamPlan.execute(context).mapPartitions(stream -> new JoinCore(
                        spec, BroadcastBatches.read(built.value(), buildTypes))
                .run(stream));
    }

    @Override
    public String simpleString() {
        return (singlePartition ? "NestedLoopJoin " : "BroadcastNestedLoopJoin ") + joinType.displayName() + ", build "
                + (buildLeft ? "left" : "right")
                + (condition == null ? "" : ", " + dev.ember.sql.plans.logical.PlanText.expr(condition));
    }
}
