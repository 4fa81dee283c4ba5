package dev.ember.sql.plans.logical;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.io.Serializable;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * A user's function over the rows of a partition, as typed Datasets call it ({@code map}, {@code flatMap}, {@code
 * filter}, {@code mapPartitions}): it takes the child's rows as internal values, every column in the child's order,
 * and gives rows of {@code output}. Opaque to the optimizer: nothing is pushed through it, and its child keeps every
 * column (they are its expressions).
 */
public record MapRows(
        LogicalPlan child,
        RowFunction function,
        List<Attribute> declaredOutput,
        boolean passThrough,
        String description)
        implements LogicalPlan {
    private static final long serialVersionUID = 1L;

    /** The function: a partition's rows in, rows out. */
    @FunctionalInterface
    public interface RowFunction extends Serializable {
        Iterator<Object[]> apply(Iterator<Object[]> rows) throws Exception;
    }

    public MapRows {
        requireNonNull(child, "child is null");
        requireNonNull(function, "function is null");
        declaredOutput = List.copyOf(declaredOutput);
        requireNonNull(description, "description is null");
    }

    /** A function giving rows of new columns {@code output}. */
    public static MapRows of(LogicalPlan child, RowFunction function, List<Attribute> output, String description) {
        return new MapRows(child, function, output, false, description);
    }

    /** A function giving rows of its child's columns (a typed filter): its output is its child's, as it is now. */
    public static MapRows passing(LogicalPlan child, RowFunction function, String description) {
        return new MapRows(child, function, List.of(), true, description);
    }

    @Override
    public List<Attribute> output() {
        return passThrough ? child.output() : declaredOutput;
    }

    /** The same function with new columns (a copy of the plan needs its own ids). */
    public MapRows withDeclaredOutput(List<Attribute> newOutput) {
        return passThrough ? this : new MapRows(child, function, newOutput, false, description);
    }

    @Override
    public List<LogicalPlan> children() {
        return List.of(child);
    }

    @Override
    public LogicalPlan withChildren(List<LogicalPlan> children) {
        return new MapRows(children.get(0), function, declaredOutput, passThrough, description);
    }

    /** The child's columns: all of them are read. */
    @Override
    public List<Expression> expressions() {
        return List.copyOf(child.output());
    }

    @Override
    public LogicalPlan mapExpressions(Function<Expression, Expression> function) {
        return this;
    }

    @Override
    public String simpleString() {
        return "MapRows " + description + " " + PlanText.list(output());
    }
}
