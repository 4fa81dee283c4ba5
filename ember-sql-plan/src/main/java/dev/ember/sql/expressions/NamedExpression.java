package dev.ember.sql.expressions;

/** An expression that gives a column of a plan's output: an attribute, or an expression with an alias. */
public interface NamedExpression extends Expression {
    String name();

    ExprId exprId();

    /** The attribute through which the plans above refer to this column. */
    Attribute toAttribute();
}
