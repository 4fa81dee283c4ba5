package dev.ember.sql.execution.operators;

import static java.util.Objects.requireNonNull;

import dev.ember.Broadcast;
import dev.ember.RDD;
import dev.ember.TaskContext;
import dev.ember.sql.execution.BoundExpressions;
import dev.ember.sql.execution.Distribution;
import dev.ember.sql.execution.ExecutionContext;
import dev.ember.sql.execution.Partitioning;
import dev.ember.sql.execution.PhysicalPlan;
import dev.ember.sql.execution.eval.VectorExpression;
import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import dev.ember.sql.plans.logical.JoinType;
import dev.ember.sql.plans.logical.PlanText;
import dev.ember.sql.vector.ColumnBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An equi-join ({@code leftKeys = rightKeys}, plus an optional extra {@code condition} on the pairs) that builds a hash
 * table of one side and streams the other through it. Broadcast ({@code broadcast}): the build side is collected once
 * and sent to every task, the stream side is not moved — chosen when the build side is small. Shuffled: both sides are
 * exchanged by their keys into the same number of partitions and each task joins one pair of partitions, which also
 * serves full outer joins (the task sees all of its partition's build rows, so it knows which never matched). A
 * shuffled join holds its build side under the task's execution memory and, when refused, joins part by part from
 * local disk ({@link SpillingHashJoin}).
 */
public record HashJoinExec(
        List<Expression> leftKeys,
        List<Expression> rightKeys,
        JoinType joinType,
        Expression condition,
        boolean buildLeft,
        boolean broadcast,
        PhysicalPlan left,
        PhysicalPlan right)
        implements PhysicalPlan {
    private static final long serialVersionUID = 1L;

    /** Numbers each execution of a broadcast join, so that its tasks find the table they share. */
    private static final AtomicLong JOIN_IDS = new AtomicLong();

    public HashJoinExec {
        leftKeys = List.copyOf(leftKeys);
        rightKeys = List.copyOf(rightKeys);
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
        return new HashJoinExec(
                leftKeys, rightKeys, joinType, condition, buildLeft, broadcast, children.get(0), children.get(1));
    }

    @Override
    public List<Attribute> output() {
        return JoinOutput.of(joinType, left.output(), right.output());
    }

    @Override
    public List<Distribution> requiredChildDistribution() {
        if (broadcast) {
            return buildLeft
                    ? List.of(Distribution.Broadcast.INSTANCE, Distribution.Unspecified.INSTANCE)
                    : List.of(Distribution.Unspecified.INSTANCE, Distribution.Broadcast.INSTANCE);
        }
        return List.of(new Distribution.Clustered(leftKeys, 0, true), new Distribution.Clustered(rightKeys, 0, true));
    }

    @Override
    public Partitioning outputPartitioning() {
        return broadcast
                ? (buildLeft ? right : left).outputPartitioning()
                : shuffledPartitioning(joinType, left, right);
    }

    /**
     * How the rows of a join of two co-partitioned sides are partitioned: by the left keys, except where the left
     * side's columns can be null-padded rows spread over every partition (by the right keys for a right outer join,
     * not at all for a full outer join).
     */
    static Partitioning shuffledPartitioning(JoinType type, PhysicalPlan left, PhysicalPlan right) {
        if (type == JoinType.RIGHT_OUTER) {
            return right.outputPartitioning();
        }
        if (type == JoinType.FULL_OUTER) {
            return new Partitioning.Unknown(left.outputPartitioning().numPartitions());
        }
        return left.outputPartitioning();
    }

    /** Which of {@code columns} {@code condition} reads. */
    private static boolean[] readBy(Expression condition, List<Attribute> columns) {
        java.util.Set<dev.ember.sql.expressions.ExprId> read = new java.util.HashSet<>();
        for (Attribute attribute : dev.ember.sql.expressions.Expressions.references(condition)) {
            read.add(attribute.exprId());
        }
        boolean[] reads = new boolean[columns.size()];
        for (int c = 0; c < reads.length; c++) {
            reads[c] = read.contains(columns.get(c).exprId());
        }
        return reads;
    }

    @Override
    public RDD<ColumnBatch> execute(ExecutionContext context) {
        List<VectorExpression> leftCompiled = BoundExpressions.compile(leftKeys, left.output());
        List<VectorExpression> rightCompiled = BoundExpressions.compile(rightKeys, right.output());
        List<Attribute> pairColumns = new ArrayList<>(left.output());
        pairColumns.addAll(right.output());
        JoinCore.Spec spec = new JoinCore.Spec(
                joinType,
                buildLeft,
                buildLeft ? rightCompiled : leftCompiled,
                buildLeft ? leftCompiled : rightCompiled,
                condition == null ? null : BoundExpressions.compile(condition, pairColumns),
                BoundExpressions.types(left.output()),
                BoundExpressions.types(right.output()),
                condition == null ? null : readBy(condition, pairColumns));
        PhysicalPlan buildPlan = buildLeft ? left : right;
        PhysicalPlan streamPlan = buildLeft ? right : left;
        if (broadcast) {
            Broadcast<List<byte[]>> built = BroadcastBatches.broadcast(buildPlan, context);
            List<dev.ember.sql.types.DataType> buildTypes = BoundExpressions.types(buildPlan.output());
            long joinId = JOIN_IDS.incrementAndGet();
            return streamPlan.execute(context).mapPartitions(stream -> BroadcastJoinTables.table(
                            spec, joinId, built.value(), buildTypes, HashJoinExec::atTaskEnd)
                    .run(stream));
        }
        RDD<ColumnBatch> streamRdd = streamPlan.execute(context);
        RDD<ColumnBatch> buildRdd = buildPlan.execute(context);
        return streamRdd.zipPartitions(buildRdd, (stream, build) -> SpillingHashJoin.run(spec, build, stream));
    }

    /** Runs {@code action} when the running task ends (at once outside a task). */
    static void atTaskEnd(Runnable action) {
        TaskContext task = TaskContext.get();
        if (task == null) {
            action.run();
        } else {
            task.addTaskCompletionListener(context -> action.run());
        }
    }

    @Override
    public String simpleString() {
        return (broadcast ? "BroadcastHashJoin " : "ShuffledHashJoin ") + PlanText.list(leftKeys) + ", "
                + PlanText.list(rightKeys) + ", " + joinType.displayName() + ", build " + (buildLeft ? "left" : "right")
                + (condition == null ? "" : ", " + PlanText.expr(condition));
    }
}
