package dev.ember.sql.plans.logical;

import dev.ember.sql.expressions.Attribute;
import dev.ember.sql.expressions.Expression;
import java.io.Serializable;
import java.util.List;
import java.util.function.Function;

/**
 * A node of a logical plan: what a query computes, not how. Plans are immutable records; the analyzer and the
 * optimizer's rules build new plans from old ones with {@link #withChildren} and {@link #mapExpressions}.
 *
 * <p>A plan is <em>resolved</em> once its expressions and children are: then {@link #output()} lists the columns it
 * produces, each an attribute whose id the plans above refer to.
 */
public interface LogicalPlan extends Serializable {
    List<LogicalPlan> children();

    LogicalPlan withChildren(List<LogicalPlan> children);

    /** The columns this plan produces, in order. Defined once resolved. */
    List<Attribute> output();

    /** The expressions of this node (not of its children), in a fixed order. */
    List<Expression> expressions();

    /** This node with {@code function} applied to each of its expressions (not those of its children). */
    LogicalPlan mapExpressions(Function<Expression, Expression> function);

    /** The node as one line, without its children: {@code Filter (a > 1)}. {@code EXPLAIN} prints these. */
    String simpleString();

    default boolean resolved() {
        for (Expression expression : expressions()) {
            if (!expression.resolved()) {
                return false;
            }
        }
        for (LogicalPlan child : children()) {
            if (!child.resolved()) {
                return false;
            }
        }
        return true;
    }

    /** The columns of the children's outputs, the input this node's expressions refer to. */
    default List<Attribute> inputSet() {
        List<LogicalPlan> children = children();
        if (children.size() == 1) {
            return children.get(0).output();
        }
        List<Attribute> input = new java.util.ArrayList<>();
        for (LogicalPlan child : children) {
            input.addAll(child.output());
        }
        return input;
    }
}
