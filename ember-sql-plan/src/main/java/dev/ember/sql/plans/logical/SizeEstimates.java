package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Attribute;
import java.util.List;

/**
 * How many bytes a plan's output is estimated to take, for choosing broadcast joins and the order of inner joins:
 * from the estimated rows ({@link Cardinality}) when every table under it was analyzed; otherwise as Spark does
 * without statistics: a leaf knows its size; a projection scales its child's by the width of the columns kept; filters,
 * aggregations and semi and anti joins keep their (left) child's (an upper bound); a limit caps it; another join
 * multiplies. Unknown is {@link
 * Long#MAX_VALUE}, never broadcast.
 */
public final class SizeEstimates {
    private SizeEstimates() {}

    public static long sizeInBytes(LogicalPlan plan) {
        long rows = Cardinality.rows(plan);
        if (rows >= 0) {
            // Analyzed tables: rows estimated from their statistics, times the width of a row: the columns' default
            // sizes, or the bytes a row of its widest table takes on disk if that is more (long strings).
            long width = Math.max(rowSize(plan.output()), storedRowBytes(plan));
            return Math.max(1, saturatingMultiply(rows, width));
        }
        if (plan instanceof LocalRelation local) {
            return Math.max(1, (long) local.rows().size() * rowSize(local.output()));
        }
        if (plan instanceof Range range) {
            return Math.max(1, range.count() * 8);
        }
        if (plan instanceof SourceRelation source) {
            long size = source.source().estimatedSizeInBytes();
            if (size < 0) {
                return Long.MAX_VALUE;
            }
            // Columns pruned from the scan are not read.
            long full = rowSize(source.source().schema().fields().stream()
                    .map(field -> (Attribute)
                            dev.ember.sql.expressions.AttributeReference.create(field.name(), field.dataType(), true))
                    .toList());
            return Math.max(1, saturatingMultiply(size, rowSize(source.output())) / Math.max(1, full));
        }
        if (plan instanceof Project project) {
            long child = sizeInBytes(project.child());
            if (child == Long.MAX_VALUE) {
                return child;
            }
            long childWidth = rowSize(project.child().output());
            return Math.max(1, saturatingMultiply(child, rowSize(project.output())) / Math.max(1, childWidth));
        }
        if (plan instanceof Limit limit) {
            return Math.min(sizeInBytes(limit.child()), (long) limit.limit() * rowSize(limit.output()) + 1);
        }
        if (plan instanceof Filter || plan instanceof Aggregate) {
            return sizeInBytes(plan.children().get(0));
        }
        if (plan instanceof Join join
                && (join.joinType() == JoinType.LEFT_SEMI || join.joinType() == JoinType.LEFT_ANTI)) {
            // Some of the left side's rows, as they are.
            return sizeInBytes(join.left());
        }
        if (plan instanceof Join join) {
            return saturatingMultiply(sizeInBytes(join.left()), sizeInBytes(join.right()));
        }
        if (plan instanceof Union union) {
            long total = 0;
            for (LogicalPlan input : union.inputs()) {
                total = saturatingAdd(total, sizeInBytes(input));
            }
            return total;
        }
        List<LogicalPlan> children = plan.children();
        if (children.size() == 1) {
            return sizeInBytes(children.get(0));
        }
        return Long.MAX_VALUE;
    }

    /** The most bytes per row any analyzed table under {@code plan} takes in its files. */
    private static long storedRowBytes(LogicalPlan plan) {
        long widest = 0;
        if (plan instanceof SourceRelation source) {
            dev.ember.sql.catalog.TableStatistics statistics = source.source().statistics();
            if (statistics != null && statistics.rowCount() > 0 && statistics.sizeInBytes() > 0) {
                widest = statistics.sizeInBytes() / statistics.rowCount();
            }
        }
        for (LogicalPlan child : plan.children()) {
            widest = Math.max(widest, storedRowBytes(child));
        }
        return widest;
    }

    public static long rowSize(List<Attribute> attributes) {
        long size = 8;
        for (Attribute attribute : attributes) {
            size += attribute.dataType().defaultSize();
        }
        return size;
    }

    private static long saturatingMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        return high != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    private static long saturatingAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
