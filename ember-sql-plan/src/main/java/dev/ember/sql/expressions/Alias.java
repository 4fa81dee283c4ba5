package dev.ember.sql.expressions;

import static java.util.Objects.requireNonNull;

import dev.ember.sql.types.DataType;
import dev.ember.sql.types.Identifiers;
import java.util.List;

/** {@code child AS name}: a computed column of a projection or aggregation, with its own identity. */
public record Alias(Expression child, String name, ExprId exprId, List<String> qualifier) implements NamedExpression {
    private static final long serialVersionUID = 1L;

    public Alias {
        requireNonNull(child, "child is null");
        requireNonNull(name, "name is null");
        requireNonNull(exprId, "exprId is null");
        qualifier = List.copyOf(qualifier);
    }

    public static Alias of(Expression child, String name) {
        return new Alias(child, name, ExprId.next(), List.of());
    }

    @Override
    public List<Expression> children() {
        return List.of(child);
    }

    @Override
    public Expression withChildren(List<Expression> children) {
        return new Alias(children.get(0), name, exprId, qualifier);
    }

    @Override
    public DataType dataType() {
        return child.dataType();
    }

    @Override
    public boolean nullable() {
        return child.nullable();
    }

    @Override
    public boolean foldable() {
        return false;
    }

    @Override
    public Object eval(InternalRow input) {
        return child.eval(input);
    }

    @Override
    public Attribute toAttribute() {
        return new AttributeReference(name, child.dataType(), child.nullable(), exprId, qualifier);
    }

    @Override
    public String sql() {
        return child.sql() + " AS " + Identifiers.quoteIfNeeded(name);
    }

    @Override
    public String toString() {
        return child + " AS " + name + exprId;
    }
}
